import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton } from './Button.js';
import { Icon, type IconName } from './Icon.js';
import './Banner.css';

export type BannerTone = 'info' | 'ok' | 'warn' | 'error';

const ICONS: Record<BannerTone, IconName> = { info: 'info', ok: 'check', warn: 'alert', error: 'alert' };

/**
 * A message across the page or a panel: an icon, the words, optional actions and an optional
 * "Dismiss". `role` is for the caller: 'status' (polite), 'alert' (interrupts) or none (the
 * message is announced some other way).
 */
export function Banner({
  tone = 'info',
  icon,
  title,
  children,
  actions,
  onDismiss,
  role,
  id,
  className,
  compact = false,
}: {
  tone?: BannerTone;
  icon?: IconName;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  onDismiss?: () => void;
  role?: 'status' | 'alert';
  id?: string;
  className?: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div id={id} role={role} className={`banner banner--${tone}${compact ? ' banner--compact' : ''}${className ? ` ${className}` : ''}`}>
      <Icon name={icon ?? ICONS[tone]} className="banner__icon" />
      <div className="banner__body">
        {title && <p className="banner__title">{title}</p>}
        {children && <div className="banner__text">{children}</div>}
        {actions && <div className="banner__actions">{actions}</div>}
      </div>
      {onDismiss && <IconButton icon="x" size="sm" label={t('ui.dismiss')} className="banner__dismiss" onClick={onDismiss} />}
    </div>
  );
}
