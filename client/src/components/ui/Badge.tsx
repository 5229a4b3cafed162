import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.js';
import './Badge.css';

export type BadgeTone = 'neutral' | 'primary' | 'facilitator' | 'attention' | 'ok' | 'warn' | 'current';

/**
 * A short label or count. Its words wrap (a long Welsh label never widens the page). A count
 * badge (`count`) is round and, for assistive tech, needs words next to it or in its container.
 */
export function Badge({
  tone = 'neutral',
  icon,
  count = false,
  className,
  children,
  id,
  title,
}: {
  tone?: BadgeTone;
  icon?: IconName;
  count?: boolean;
  className?: string;
  children: ReactNode;
  id?: string;
  title?: string;
}) {
  return (
    <span id={id} title={title} className={`badge badge--${tone}${count ? ' badge--count' : ''}${className ? ` ${className}` : ''}`}>
      {icon && <Icon name={icon} size="sm" />}
      {children}
    </span>
  );
}
