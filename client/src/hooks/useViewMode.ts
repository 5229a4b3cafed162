import { useCallback, useSyncExternalStore } from 'react';

/**
 * A per-person choice remembered on this device (localStorage), shared by every component that
 * reads it: changing it in one place re-renders all of them.
 */
const listeners = new Map<string, Set<() => void>>();
/** Choices made on this page when localStorage is not available. */
const memory = new Map<string, string>();
/**
 * What localStorage held when last read: every note reads these choices on every render, and
 * localStorage is slow to read hundreds of times. Forgotten when the choice changes (here or in
 * another tab).
 */
const cache = new Map<string, string | null>();

function read(key: string): string | null {
  const kept = memory.get(key);
  if (kept !== undefined) return kept;
  if (cache.has(key)) return cache.get(key)!;
  let value: string | null = null;
  try {
    value = localStorage.getItem(key);
  } catch {
    value = null;
  }
  cache.set(key, value);
  return value;
}

export function useStoredChoice<T extends string>(key: string, allowed: readonly T[], fallback: T): [T, (v: T) => void] {
  const subscribe = useCallback(
    (cb: () => void) => {
      let set = listeners.get(key);
      if (!set) {
        set = new Set();
        listeners.set(key, set);
      }
      set.add(cb);
      const onStorage = (e: StorageEvent) => {
        if (e.key !== key && e.key !== null) return;
        cache.delete(key);
        cb();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        set.delete(cb);
        window.removeEventListener('storage', onStorage);
      };
    },
    [key],
  );
  const raw = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const value = (allowed as readonly string[]).includes(raw ?? '') ? (raw as T) : fallback;
  const set = useCallback(
    (v: T) => {
      cache.delete(key);
      try {
        localStorage.setItem(key, v);
        memory.delete(key);
      } catch {
        memory.set(key, v); // not remembered, but still changes for this page
      }
      for (const cb of listeners.get(key) ?? []) cb();
    },
    [key],
  );
  return [value, set];
}

export type ViewMode = 'board' | 'list';
export const VIEW_MODE_KEY = 'codesign:view';

/** "Board view" (columns, drag and drop) or "List view" (headed lists in reading order). */
export function useViewMode(): [ViewMode, (v: ViewMode) => void] {
  return useStoredChoice<ViewMode>(VIEW_MODE_KEY, ['board', 'list'], 'board');
}
