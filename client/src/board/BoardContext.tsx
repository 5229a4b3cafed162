import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { GroupView, SectionView } from '../../../shared/boardDoc.js';
import type { Language } from '../../../shared/i18nText.js';
import type { BoardStore, NoteMeta } from './boardStore.js';
import type { NoteUiState } from './noteUi.js';

/**
 * What every part of the board needs and what changes rarely (not with the board's content):
 * the doc, its store (subscribe there to what you read), undo, who I am, the language.
 * Per-note components read this one (useBoardCore), so they are not re-rendered by changes
 * elsewhere on the board.
 */
export interface BoardCore {
  doc: Y.Doc;
  store: BoardStore;
  /** Which notes have their options open (per-note subscriptions). */
  noteUi: NoteUiState;
  undoManager: Y.UndoManager;
  /** The key new notes carry: the anonymous one while the board is anonymous. */
  authorKey: string;
  /** Every key this person's notes may carry (named and anonymous), to mark them "You". */
  myAuthorKeys: ReadonlySet<string>;
  lang: Language;
  announce: (message: string) => void;
}

/**
 * The core plus the board's lists. A component that reads this re-renders whenever a list
 * changes (a note added, moved or recoloured, options opened, a drag started) — never on typing.
 * Prefer useBoardCore and the hooks in hooks/useBoardModel.ts in anything drawn once per note.
 */
export interface BoardContextValue extends BoardCore {
  sections: SectionView[];
  notes: NoteMeta[];
  groups: GroupView[];
  isOptionsOpen: (noteId: string) => boolean;
  setOptionsOpen: (noteId: string, open: boolean) => void;
  /** The note being dragged, if any. */
  draggingId: string | null;
}

export const BoardContext = createContext<BoardContextValue | null>(null);
export const BoardCoreContext = createContext<BoardCore | null>(null);

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoard outside a board');
  return value;
}

export function useBoardCore(): BoardCore {
  const value = useContext(BoardCoreContext);
  if (!value) throw new Error('useBoardCore outside a board');
  return value;
}
