import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { GroupView, SectionView } from '../../../shared/boardDoc.js';
import type { Language } from '../../../shared/i18nText.js';
import type { NoteMeta } from '../hooks/useBoardModel.js';

export interface BoardContextValue {
  doc: Y.Doc;
  undoManager: Y.UndoManager;
  /** The key new notes carry: the anonymous one while the board is anonymous. */
  authorKey: string;
  /** Every key this person's notes may carry (named and anonymous), to mark them "You". */
  myAuthorKeys: ReadonlySet<string>;
  lang: Language;
  sections: SectionView[];
  notes: NoteMeta[];
  groups: GroupView[];
  announce: (message: string) => void;
  isOptionsOpen: (noteId: string) => boolean;
  setOptionsOpen: (noteId: string, open: boolean) => void;
  /** The note being dragged, if any. */
  draggingId: string | null;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoard outside a board');
  return value;
}
