import { useCallback, useSyncExternalStore } from 'react';

/**
 * Per-person display settings, remembered on this device: larger text, high contrast and less
 * motion. They are applied as data attributes on <html> (data-text="large",
 * data-contrast="high", data-motion="reduce"), which styles/inclusion.css picks up.
 */
export interface DisplaySettings {
  largeText: boolean;
  highContrast: boolean;
  reduceMotion: boolean;
}

export const DISPLAY_STORAGE_KEY = 'codesign:display';
const DEFAULTS: DisplaySettings = { largeText: false, highContrast: false, reduceMotion: false };

function read(): DisplaySettings {
  try {
    const raw = localStorage.getItem(DISPLAY_STORAGE_KEY);
    if (!raw) return DEFAULTS;
    const v = JSON.parse(raw) as Partial<Record<keyof DisplaySettings, unknown>>;
    return {
      largeText: v.largeText === true,
      highContrast: v.highContrast === true,
      reduceMotion: v.reduceMotion === true,
    };
  } catch {
    return DEFAULTS;
  }
}

/** Puts the settings on the <html> element. */
export function applyDisplaySettings(s: DisplaySettings): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  const set = (name: string, on: boolean, value: string) => {
    if (on) root.setAttribute(name, value);
    else root.removeAttribute(name);
  };
  set('data-text', s.largeText, 'large');
  set('data-contrast', s.highContrast, 'high');
  set('data-motion', s.reduceMotion, 'reduce');
}

let current: DisplaySettings = typeof localStorage === 'undefined' ? DEFAULTS : read();
const listeners = new Set<() => void>();
applyDisplaySettings(current);

function update(next: DisplaySettings): void {
  current = next;
  try {
    localStorage.setItem(DISPLAY_STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Storage may be full or blocked: the setting still applies until the page is closed.
  }
  applyDisplaySettings(next);
  for (const l of listeners) l();
}

// Another tab on this device changed the settings.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== DISPLAY_STORAGE_KEY) return;
    current = read();
    applyDisplaySettings(current);
    for (const l of listeners) l();
  });
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useDisplaySettings(): [DisplaySettings, (key: keyof DisplaySettings, on: boolean) => void] {
  const settings = useSyncExternalStore(
    subscribe,
    () => current,
    () => DEFAULTS,
  );
  const set = useCallback((key: keyof DisplaySettings, on: boolean) => update({ ...current, [key]: on }), []);
  return [settings, set];
}
