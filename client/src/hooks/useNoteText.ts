import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useBoardStore } from './useBoardModel.js';

/**
 * A note's current text, live; null once the note is deleted (or before it has arrived).
 * Re-renders only on changes to this note's text (one subscription on the board's store).
 */
export function useNoteText(doc: Y.Doc, noteId: string): string | null {
  const store = useBoardStore(doc);
  const subscribe = useCallback((cb: () => void) => store.subscribe(`text:${noteId}`, cb), [store, noteId]);
  const read = useCallback(() => store.getText(noteId)?.toString() ?? null, [store, noteId]);
  return useSyncExternalStore(subscribe, read, read);
}
