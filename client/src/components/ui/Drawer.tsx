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
 * `mount` says when its content is in the page: 'always' (the default: from the start, hidden
 * while closed, so features can send focus into it and what was typed is kept), 'once-opened'
 * (from the first opening on: for panels nothing sends focus to, whose code can then load on
 * demand), or 'while-open' (for panels that poll while open).
 */
export function Drawer({
  name,
  headingId,
  open,
  onClose,
  title,
  icon,
  children,
  mount = 'always',
  wide = false,
  className,
}: {
  /** The drawer's name: its element is #drawer-<name>, marked data-drawer="<name>". */
  name: string;
  /** An id for the heading (a focus target for features, e.g. "priorities-heading"). */
  headingId?: string;
  open: boolean;
  onClose: () => void;
  title: string;
  icon?: IconName;
  children: ReactNode;
  mount?: 'always' | 'once-opened' | 'while-open';
  wide?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const generatedId = `${useId()}-title`;
  const titleId = headingId ?? generatedId;
  const ref = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(open);
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  const mounted = mount === 'always' || open || (mount === 'once-opened' && opened);

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
      // Focus the heading, unless something inside was focused on purpose (board/focus.ts).
      if (!previously) requestAnimationFrame(() => !ref.current?.contains(document.activeElement) && heading.current?.focus());
      return;
    }
    if (previously) {
      // Back to the opener, if focus was in the drawer (or lost with it); not if it moved on.
      const active = document.activeElement;
      const lost = !active || active === document.body || (ref.current?.contains(active) ?? false);
      const back = opener.current;
      opener.current = null;
      if (lost && back?.isConnected) back.focus();
    }
  }, [open]);

  return (
    <section
      ref={ref}
      id={`drawer-${name}`}
      data-drawer={name}
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
      <div className="drawer__body">{mounted && children}</div>
    </section>
  );
}
