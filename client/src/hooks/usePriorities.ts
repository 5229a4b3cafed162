import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useBoardStore } from './useBoardModel.js';

/**
 * The shared priority list (note ids, best first), as everyone sees it. Changes when the list
 * changes, or when a listed note is deleted; typing in a note touches neither.
 */
export function usePriorities(doc: Y.Doc): string[] {
  const store = useBoardStore(doc);
  const subscribe = useCallback((cb: () => void) => store.subscribe('priorities', cb), [store]);
  return useSyncExternalStore(subscribe, store.getPriorities, store.getPriorities);
}

/** One note's place in the shared priority list (0-based), or -1: re-renders only when that place changes. */
export function usePriorityIndex(doc: Y.Doc, noteId: string): number {
  const store = useBoardStore(doc);
  const subscribe = useCallback((cb: () => void) => store.subscribe('priorities', cb), [store]);
  const read = useCallback(() => store.getPriorityIndex(noteId), [store, noteId]);
  return useSyncExternalStore(subscribe, read, read);
}
