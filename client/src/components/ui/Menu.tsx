import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import { Icon, type IconName } from './Icon.js';
import './Menu.css';

/**
 * A menu button (WAI-ARIA menu-button pattern). The button opens a menu of actions:
 * Enter, Space or Down Arrow open it on the first item, Up Arrow on the last; Up and Down move,
 * Home and End jump, a letter jumps to the next item starting with it; Enter or Space chooses;
 * Escape closes and puts focus back on the button; Tab closes and moves on. The menu is built
 * only while open (a board of 300 notes has 300 closed menus that cost nothing).
 */
export type MenuEntry =
  | { type: 'item'; key: string; label: string; icon?: IconName; onSelect: () => void; disabled?: boolean; danger?: boolean; hint?: string }
  | { type: 'radio'; key: string; label: string; checked: boolean; onSelect: () => void; marker?: ReactNode; disabled?: boolean }
  | { type: 'checkbox'; key: string; label: string; checked: boolean; onSelect: () => void; disabled?: boolean }
  | { type: 'group'; key: string; label: string; entries: MenuEntry[] }
  | { type: 'separator'; key: string };

type Actionable = Exclude<MenuEntry, { type: 'group' } | { type: 'separator' }>;

function flatten(entries: MenuEntry[]): Actionable[] {
  return entries.flatMap((e) => (e.type === 'group' ? flatten(e.entries) : e.type === 'separator' ? [] : [e]));
}

export interface MenuProps {
  /** The button's name; shown as its text when `showLabel`. */
  label: string;
  icon?: IconName;
  showLabel?: boolean;
  /** Visible words on the button when they differ from its name (the name must contain them). */
  text?: string;
  entries: () => MenuEntry[];
  align?: 'start' | 'end';
  className?: string;
  buttonClassName?: string;
  /** More attributes for the button (id, data-focus, disabled…). */
  buttonProps?: Omit<
    ButtonHTMLAttributes<HTMLButtonElement>,
    'onClick' | 'onKeyDown' | 'aria-haspopup' | 'aria-expanded' | 'aria-controls' | 'children'
  > & {
    [key: `data-${string}`]: string | undefined;
  };
  /** Something after the button's icon and words (a count). */
  badge?: ReactNode;
  onOpenChange?: (open: boolean) => void;
}

export function Menu({
  label,
  icon = 'more',
  showLabel = false,
  text,
  entries,
  align = 'end',
  className,
  buttonClassName,
  buttonProps,
  badge,
  onOpenChange,
}: MenuProps) {
  const id = useId();
  const buttonId = buttonProps?.id ?? `${id}-button`;
  const menuId = `${id}-menu`;
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState<null | 'first' | 'last'>(null);

  const change = useCallback(
    (next: null | 'first' | 'last') => {
      setOpen(next);
      onOpenChange?.(next !== null);
    },
    [onOpenChange],
  );

  const close = useCallback(
    (refocus: boolean) => {
      change(null);
      if (refocus) button.current?.focus();
    },
    [change],
  );

  return (
    <span className={`menu-button${className ? ` ${className}` : ''}`}>
      <button
        type="button"
        {...buttonProps}
        ref={button}
        id={buttonId}
        className={buttonClassName ?? (showLabel ? 'button button--small' : 'icon-button icon-button--small')}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open !== null ? menuId : undefined}
        aria-label={showLabel && !text ? undefined : label}
        title={showLabel ? undefined : label}
        onClick={() => (open ? close(false) : change('first'))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            change(e.key === 'ArrowDown' ? 'first' : 'last');
          }
        }}
      >
        <Icon name={icon} size={showLabel ? 'md' : 'lg'} />
        {showLabel && <span className="menu-button__text">{text ?? label}</span>}
        {badge}
      </button>
      {open !== null && (
        <MenuPopup id={menuId} labelledBy={buttonId} anchor={button} start={open} align={align} entries={entries()} onClose={close} />
      )}
    </span>
  );
}

function MenuPopup({
  id,
  labelledBy,
  anchor,
  start,
  align,
  entries,
  onClose,
}: {
  id: string;
  labelledBy: string;
  anchor: React.RefObject<HTMLButtonElement | null>;
  start: 'first' | 'last';
  align: 'start' | 'end';
  entries: MenuEntry[];
  onClose: (refocus: boolean) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const items = flatten(entries);
  const [place, setPlace] = useState<{ top: number; left: number; maxHeight: number } | null>(null);

  const position = useCallback(() => {
    const a = anchor.current;
    const m = ref.current;
    if (!a || !m) return;
    const r = a.getBoundingClientRect();
    const margin = 8;
    const width = m.offsetWidth;
    const natural = m.scrollHeight;
    const below = window.innerHeight - r.bottom - margin;
    const above = r.top - margin;
    const down = natural <= below || below >= above;
    const maxHeight = Math.max(120, down ? below - 4 : above - 4);
    const height = Math.min(natural, maxHeight);
    const top = down ? r.bottom + 4 : Math.max(margin, r.top - 4 - height);
    let left = align === 'end' ? r.right - width : r.left;
    left = Math.max(margin, Math.min(left, window.innerWidth - width - margin));
    setPlace({ top, left, maxHeight });
  }, [anchor, align]);

  useLayoutEffect(() => {
    position();
  }, [position]);

  // Focus the first (or last) item once placed.
  useLayoutEffect(() => {
    if (!place) return;
    const list = ref.current?.querySelectorAll<HTMLElement>('[data-menu-item]');
    if (!list || list.length === 0) return;
    if (!ref.current?.contains(document.activeElement)) (start === 'first' ? list[0] : list[list.length - 1]).focus();
  }, [place, start]);

  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (ref.current?.contains(target) || anchor.current?.contains(target)) return;
      onClose(false);
    };
    const onScroll = (e: Event) => {
      if (ref.current?.contains(e.target as Node)) return;
      position();
    };
    document.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('resize', position);
    window.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('resize', position);
      window.removeEventListener('scroll', onScroll, true);
    };
  }, [anchor, onClose, position]);

  function choose(entry: Actionable) {
    if (entry.disabled) return;
    onClose(true);
    entry.onSelect();
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const list = [...(ref.current?.querySelectorAll<HTMLElement>('[data-menu-item]') ?? [])];
    const at = list.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        go(at + 1);
        break;
      case 'ArrowUp':
        go(at - 1);
        break;
      case 'Home':
      case 'PageUp':
        go(0);
        break;
      case 'End':
      case 'PageDown':
        go(list.length - 1);
        break;
      case 'Escape':
        onClose(true);
        break;
      case 'Tab':
        // Close, and let Tab move on from the button.
        onClose(true);
        return;
      case 'Enter':
      case ' ': {
        const entry = items[at];
        if (entry) choose(entry);
        break;
      }
      default: {
        if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) return;
        const ch = e.key.toLocaleLowerCase();
        for (let step = 1; step <= list.length; step++) {
          const i = (at + step) % list.length;
          if (items[i]?.label.toLocaleLowerCase().startsWith(ch)) {
            go(i);
            break;
          }
        }
      }
    }
    e.preventDefault();
    e.stopPropagation();
  }

  let index = -1;
  const render = (list: MenuEntry[]): ReactNode =>
    list.map((entry) => {
      if (entry.type === 'separator') return <div key={entry.key} role="separator" className="menu__separator" />;
      if (entry.type === 'group') {
        const labelId = `${id}-${entry.key}`;
        return (
          <div key={entry.key} role="group" aria-labelledby={labelId} className="menu__group">
            <div id={labelId} className="menu__group-label" role="presentation">
              {entry.label}
            </div>
            {render(entry.entries)}
          </div>
        );
      }
      index++;
      const role = entry.type === 'item' ? 'menuitem' : entry.type === 'radio' ? 'menuitemradio' : 'menuitemcheckbox';
      const checked = entry.type === 'item' ? undefined : entry.checked;
      return (
        // biome-ignore lint/a11y/useAriaPropsSupportedByRole: role is menuitem, menuitemradio or menuitemcheckbox, set from the entry.
        // biome-ignore lint/a11y/noStaticElementInteractions: (as above) an item of the menu, which handles the keyboard for all its items.
        // biome-ignore lint/a11y/useKeyWithClickEvents: the menu's roving focus handles Enter, Space and the arrows for every item.
        <div
          key={entry.key}
          role={role}
          tabIndex={-1}
          data-menu-item=""
          data-key={entry.key}
          data-index={index}
          aria-checked={checked}
          aria-disabled={entry.disabled || undefined}
          className={`menu__item${entry.type === 'item' && entry.danger ? ' menu__item--danger' : ''}`}
          onClick={() => choose(entry)}
          onPointerMove={(e) => {
            if (document.activeElement !== e.currentTarget) e.currentTarget.focus();
          }}
        >
          <span className="menu__mark" aria-hidden="true">
            {entry.type === 'item' ? (
              entry.icon ? (
                <Icon name={entry.icon} />
              ) : null
            ) : entry.type === 'radio' && entry.marker ? (
              entry.marker
            ) : checked ? (
              <Icon name="check" />
            ) : null}
          </span>
          <span className="menu__label">
            {entry.label}
            {entry.type === 'item' && entry.hint && <span className="menu__hint">{entry.hint}</span>}
          </span>
          {entry.type === 'radio' && entry.checked && <Icon name="check" className="menu__check" />}
        </div>
      );
    });

  return createPortal(
    <div
      ref={ref}
      id={id}
      role="menu"
      aria-labelledby={labelledBy}
      className="menu"
      style={place ? { top: place.top, left: place.left, maxHeight: place.maxHeight } : { top: -9999, left: -9999, visibility: 'hidden' }}
      onKeyDown={onKeyDown}
    >
      {render(entries)}
    </div>,
    document.body,
  );
}
