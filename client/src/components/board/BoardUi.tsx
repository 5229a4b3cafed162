import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStoredChoice } from '../../hooks/useViewMode.js';

/**
 * The board's own view state (not shared with anyone): how the sections are laid out, which one
 * is shown when they do not fit side by side, and which drawer is open. Components read it with
 * useBoardUi(); anything that focuses an element inside a hidden section or a closed drawer
 * (board/focus.ts) sends a 'codesign:reveal' event, and the provider shows it.
 */
export type BoardLayout = 'columns' | 'single';
export type DrawerName = 'facilitate' | 'invite' | 'vote' | 'priorities' | 'actions' | 'plan' | 'people' | 'log' | 'balance';

export interface BoardUi {
  layout: BoardLayout;
  /** The section shown in the one-section layout (phones, narrow windows, larger text). */
  activeSection: string | null;
  showSection: (sectionId: string, options?: { focus?: boolean }) => void;
  drawer: DrawerName | null;
  /** Opens a drawer (closing any other), or closes it when it is the open one and `toggle`. */
  openDrawer: (name: DrawerName | null, options?: { toggle?: boolean }) => void;
}

const BoardUiContext = createContext<BoardUi>({
  layout: 'columns',
  activeSection: null,
  showSection: () => {},
  drawer: null,
  openDrawer: () => {},
});

export function useBoardUi(): BoardUi {
  return useContext(BoardUiContext);
}

/**
 * Side by side when each section gets at least this many rem (about 16 characters a line); with
 * larger text, more (notes that narrow in large print are mostly line breaks).
 */
const MIN_COLUMN_REM = 10.5;
const MIN_COLUMN_REM_LARGE = 13;

function measureLayout(sectionCount: number): BoardLayout {
  if (typeof window === 'undefined' || sectionCount <= 1) return 'columns';
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 18;
  const width = document.documentElement.clientWidth || window.innerWidth;
  const min = document.documentElement.dataset.text === 'large' ? MIN_COLUMN_REM_LARGE : MIN_COLUMN_REM;
  return (width - 24) / sectionCount >= min * rem ? 'columns' : 'single';
}

/** Columns or one section at a time, from the window's width and the text size; live. */
export function useBoardLayout(sectionCount: number): BoardLayout {
  const [layout, setLayout] = useState<BoardLayout>(() => measureLayout(sectionCount));
  useEffect(() => {
    const update = () => setLayout(measureLayout(sectionCount));
    update();
    window.addEventListener('resize', update);
    // Larger text is an attribute on <html>: the layout follows it at once. Other changes of its
    // style attribute (custom properties the board sets: --drawer-top, --note-estimate, …) are
    // not measured again: that would force a style and layout of the whole page each time.
    const root = document.documentElement;
    let last = `${root.dataset.text}|${root.style.fontSize}`;
    const observer = new MutationObserver(() => {
      const now = `${root.dataset.text}|${root.style.fontSize}`;
      if (now === last) return;
      last = now;
      update();
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-text', 'style'] });
    return () => {
      window.removeEventListener('resize', update);
      observer.disconnect();
    };
  }, [sectionCount]);
  return layout;
}

export function sectionPanelId(sectionId: string): string {
  return `section-panel-${sectionId}`;
}

export function BoardUiProvider({
  sectionIds,
  initialSection,
  children,
}: {
  sectionIds: string[];
  /** The section to show first in the one-section layout (the current step, if there is one). */
  initialSection: string | null;
  children: ReactNode;
}) {
  const layout = useBoardLayout(sectionIds.length);
  const [chosen, setChosen] = useState<string | null>(null);
  const [drawer, setDrawer] = useState<DrawerName | null>(null);
  // The page opens on the current step (if there is one); after that only the person (or
  // following the facilitator, SessionBar) changes the section shown.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !initialSection || !sectionIds.includes(initialSection)) return;
    opened.current = true;
    setChosen((c) => c ?? initialSection);
  }, [initialSection, sectionIds]);
  const activeSection = chosen && sectionIds.includes(chosen) ? chosen : (sectionIds[0] ?? null);
  const drawerRef = useRef(drawer);
  drawerRef.current = drawer;

  const showSection = useCallback((sectionId: string, options: { focus?: boolean } = {}) => {
    setChosen(sectionId);
    if (options.focus) {
      requestAnimationFrame(() => {
        requestAnimationFrame(() => document.getElementById(`section-title-${sectionId}`)?.focus());
      });
    }
    const el = document.getElementById(`section-${sectionId}`);
    if (el && typeof el.scrollIntoView === 'function') {
      requestAnimationFrame(() => {
        const reduce =
          window.matchMedia('(prefers-reduced-motion: reduce)').matches || document.documentElement.dataset.motion === 'reduce';
        document
          .getElementById(`section-${sectionId}`)
          ?.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'nearest', inline: 'nearest' });
      });
    }
  }, []);

  const openDrawer = useCallback((name: DrawerName | null, options: { toggle?: boolean } = {}) => {
    setDrawer((current) => (options.toggle && current === name ? null : name));
  }, []);

  // Something is about to be focused inside a hidden section or a closed drawer: show it.
  useEffect(() => {
    const onReveal = (e: Event) => {
      const target = e.target;
      if (!(target instanceof Element)) return;
      let inDrawer = false;
      for (let el: Element | null = target; el; el = el.parentElement) {
        const drawerName = el.getAttribute('data-drawer');
        if (drawerName) {
          inDrawer = true;
          if (el.hasAttribute('hidden')) setDrawer(drawerName as DrawerName);
        }
        const section = el.getAttribute('data-section-panel');
        if (section && el.hasAttribute('hidden')) setChosen(section);
      }
      // A note (or section) on the board: a drawer over it, or a modal one on a phone, gets out of the way.
      if (!inDrawer && drawerRef.current) {
        const open = document.querySelector(`[data-drawer="${drawerRef.current}"]`);
        const r = open?.getBoundingClientRect();
        const t = target.getBoundingClientRect();
        const covered =
          !r || (t.right > r.left && t.left < r.right && t.bottom > r.top && t.top < r.bottom) || r.width >= window.innerWidth - 2;
        if (covered) setDrawer(null);
      }
    };
    document.addEventListener('codesign:reveal', onReveal);
    return () => document.removeEventListener('codesign:reveal', onReveal);
  }, []);

  const value = useMemo<BoardUi>(
    () => ({ layout, activeSection, showSection, drawer, openDrawer }),
    [layout, activeSection, showSection, drawer, openDrawer],
  );
  return <BoardUiContext.Provider value={value}>{children}</BoardUiContext.Provider>;
}

/**
 * A per-device on/off choice (localStorage, 'on' / 'off'), shared live by every component that
 * reads it (the toolbar's menu sets "Follow the facilitator"; the session bar reads it).
 */
export function useSharedSetting(key: string, fallback: boolean): [boolean, (on: boolean) => void] {
  const [value, setValue] = useStoredChoice<'on' | 'off'>(key, ['on', 'off'], fallback ? 'on' : 'off');
  const set = useCallback((on: boolean) => setValue(on ? 'on' : 'off'), [setValue]);
  return [value === 'on', set];
}
