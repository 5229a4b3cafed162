import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOptions } from 'i18next';
import { useStoredChoice } from './useViewMode.js';

export const EASY_READ_KEY = 'codesign:easyRead';

/**
 * Easy-read mode, per person and remembered: shorter, plainer words for the main labels
 * (strings under "easyRead" in locales/<lang>/inclusion.json), symbols for sections and
 * statuses, and a simpler voting view. `te(key)` gives the easy-read string for `key` when the
 * mode is on and one exists, and the normal string otherwise.
 */
export function useEasyRead() {
  const { t, i18n } = useTranslation();
  const [value, setValue] = useStoredChoice<'on' | 'off'>(EASY_READ_KEY, ['on', 'off'], 'off');
  const on = value === 'on';
  const setOn = useCallback((next: boolean) => setValue(next ? 'on' : 'off'), [setValue]);
  const te = useCallback(
    (key: string, options?: TOptions): string => {
      const easy = `easyRead.${key}`;
      if (on && i18n.exists(easy, options)) return t(easy, options) as string;
      return t(key, options) as string;
    },
    [on, t, i18n],
  );
  return { on, setOn, te, t };
}

/** Marks the page while easy-read mode is on, so the stylesheet can make things larger. */
export function useEasyReadMarker(on: boolean): void {
  useEffect(() => {
    const root = document.documentElement;
    if (on) root.setAttribute('data-easy-read', 'on');
    else root.removeAttribute('data-easy-read');
    return () => root.removeAttribute('data-easy-read');
  }, [on]);
}
