import { useCallback, useSyncExternalStore } from 'react';
import type { NoteUiState } from './noteUi.js';

/** Whether this note's options are open; re-renders only when that changes. */
export function useOptionsOpen(ui: NoteUiState, noteId: string): boolean {
  const subscribe = useCallback((cb: () => void) => ui.subscribe(noteId, cb), [ui, noteId]);
  const read = useCallback(() => ui.isOptionsOpen(noteId), [ui, noteId]);
  return useSyncExternalStore(subscribe, read, read);
}
