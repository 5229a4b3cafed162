import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { GroupView, SectionView } from '../../../shared/boardDoc.js';
import type { Language } from '../../../shared/i18nText.js';
import type { BoardStore } from './boardStore.js';
import type { NoteUiState } from './noteUi.js';
import type { NoteViewStore } from './noteView.js';

/**
 * What every part of the board needs and what changes rarely (not with the board's content):
 * the doc, its store (subscribe there to what you read), undo, the language. Its value keeps its
 * identity while the board is open (only a change of language changes it): what changes after
 * the board opens (who I am, names, the lock) is read from stores (noteView) or from useBoard.
 * Per-note components read this one (useBoardCore), so they are not re-rendered by changes
 * elsewhere on the board.
 */
export interface BoardCore {
  doc: Y.Doc;
  store: BoardStore;
  /** Which notes have their options open (per-note subscriptions). */
  noteUi: NoteUiState;
  undoManager: Y.UndoManager;
  /** Locked or not, mine or not, who wrote it: what note cards select from (board/noteView.ts). */
  noteView: NoteViewStore;
  lang: Language;
  announce: (message: string) => void;
}

/**
 * The core plus sections, groups, who I am and the board view's state. A component that reads
 * this re-renders whenever one of them changes (a section or group edited, options opened, a drag
 * started) — never on typing, and not when a note is added, moved or recoloured: read the notes
 * with the hooks in hooks/useBoardModel.ts (useNoteLayout for all of them, useNote for one).
 * Prefer useBoardCore and those hooks in anything drawn once per note.
 */
export interface BoardContextValue extends BoardCore {
  /** The key new notes carry: the anonymous one while the board is anonymous. */
  authorKey: string;
  /** Every key this person's notes may carry (named and anonymous), to mark them "You". */
  myAuthorKeys: ReadonlySet<string>;
  sections: SectionView[];
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
