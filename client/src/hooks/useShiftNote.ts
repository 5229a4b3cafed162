import { useTranslation } from 'react-i18next';
import { useBoard } from '../board/BoardContext.js';
import { focusNoteControl, type NoteControl } from '../board/focus.js';
import { shiftWithinPlace } from '../board/moves.js';
import type { NoteMeta } from './useBoardModel.js';

/**
 * "Move up" / "Move down" for a note among the notes shown with it, as one undo step, announced,
 * with focus kept on the button that was pressed (or on `focusOn`, e.g. the note's menu button
 * or its text for a keyboard shortcut). Shared by the board's cards and the list view.
 */
export function useShiftNote(noteId: string, bucket: NoteMeta[], focusOn?: NoteControl) {
  const { t } = useTranslation();
  const { doc, undoManager, announce } = useBoard();
  const index = bucket.findIndex((n) => n.id === noteId);
  const first = index <= 0;
  const last = index === bucket.length - 1;

  function shift(delta: -1 | 1, focus?: NoteControl) {
    if ((delta < 0 && first) || (delta > 0 && last)) {
      announce(delta < 0 ? t('note.alreadyFirst') : t('note.alreadyLast'));
      return;
    }
    undoManager.stopCapturing();
    if (shiftWithinPlace(doc, bucket, noteId, delta)) {
      undoManager.stopCapturing();
      announce(t(delta < 0 ? 'note.movedUp' : 'note.movedDown', { position: index + 1 + delta, total: bucket.length }));
      focusNoteControl(noteId, focus ?? focusOn ?? (delta < 0 ? 'up' : 'down'));
    }
  }

  return { index, first, last, shift };
}
