import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton } from './Button.js';
import { Icon, type IconName } from './Icon.js';
import './Drawer.css';

/**
 * A panel that opens beside (over the edge of) the board: a labelled region with a heading and a
 * Close button. Opening moves focus to its heading; Escape or Close closes it and puts focus
 * back where it was (the toolbar button that opened it). It does not trap focus: the board stays
 * usable beside it. On a phone the caller makes it cover the screen and the rest inert.
 *
 * Its content mounts the first time it opens and then stays (so what was typed is kept), unless
 * `keepMounted` is false (for panels that poll while open).
 */
export function Drawer({
  id,
  open,
  onClose,
  title,
  icon,
  children,
  keepMounted = true,
  wide = false,
  className,
}: {
  id: string;
  open: boolean;
  onClose: () => void;
  title: string;
  icon?: IconName;
  children: ReactNode;
  keepMounted?: boolean;
  wide?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const titleId = `${useId()}-title`;
  const ref = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [mounted, setMounted] = useState(open);
  const wasOpen = useRef(open);

  // Remember what had focus before opening; runs before the browser paints the open drawer.
  useLayoutEffect(() => {
    if (open && !wasOpen.current) {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && !ref.current?.contains(active) ? active : null;
    }
  }, [open]);

  useEffect(() => {
    const previously = wasOpen.current;
    wasOpen.current = open;
    if (open) {
      setMounted(true);
      if (!previously) requestAnimationFrame(() => heading.current?.focus());
      return;
    }
    if (!keepMounted) setMounted(false);
    if (previously) {
      // Back to the opener, if focus was in the drawer (or lost with it); not if it moved on.
      const active = document.activeElement;
      const lost = !active || active === document.body || (ref.current?.contains(active) ?? false);
      const back = opener.current;
      opener.current = null;
      if (lost && back?.isConnected) back.focus();
    }
  }, [open, keepMounted]);

  return (
    <section
      ref={ref}
      id={id}
      className={`drawer${wide ? ' drawer--wide' : ''}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      hidden={!open}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onClose();
      }}
    >
      <div className="drawer__head">
        <h2 className="drawer__title" id={titleId} ref={heading} tabIndex={-1}>
          {icon && <Icon name={icon} />} {title}
        </h2>
        <IconButton icon="x" label={t('ui.closePanel', { panel: title })} onClick={onClose} className="drawer__close" />
      </div>
      <div className="drawer__body">{(mounted || open) && children}</div>
    </section>
  );
}
