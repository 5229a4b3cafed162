import { useBoardT } from '../board/boardT.js';
import { useBoardCore } from '../board/BoardContext.js';
import { focusNoteControl, type NoteControl } from '../board/focus.js';
import { shiftWithinPlace } from '../board/moves.js';
import { useNote, usePlaceIds, type NoteMeta } from './useBoardModel.js';

/**
 * "Move up" / "Move down" for a note among the notes shown with it, as one undo step, announced,
 * with focus kept on the button that was pressed (or on `focusOn`, e.g. the note's menu button
 * or its text for a keyboard shortcut). Shared by the board's cards and the list view.
 *
 * Without `bucket`, the notes shown with it are its list on the board (same section and group),
 * read from the store: the note re-renders only when its own position in that list changes.
 */
export function useShiftNote(noteId: string, bucket?: NoteMeta[], focusOn?: NoteControl) {
  const { t } = useBoardT();
  const { doc, store, undoManager, announce } = useBoardCore();
  const note = useNote(doc, noteId);
  const ids = usePlaceIds(doc, note?.sectionId ?? '', note?.groupId ?? null);
  const index = bucket ? bucket.findIndex((n) => n.id === noteId) : ids.indexOf(noteId);
  const length = bucket ? bucket.length : ids.length;
  const first = index <= 0;
  const last = index === length - 1;

  function shift(delta: -1 | 1, focus?: NoteControl) {
    if ((delta < 0 && first) || (delta > 0 && last)) {
      announce(delta < 0 ? t('note.alreadyFirst') : t('note.alreadyLast'));
      return;
    }
    const list = bucket ?? (note ? store.getPlace(note.sectionId, note.groupId) : []);
    undoManager.stopCapturing();
    if (shiftWithinPlace(doc, list, noteId, delta)) {
      undoManager.stopCapturing();
      announce(t(delta < 0 ? 'note.movedUp' : 'note.movedDown', { position: index + 1 + delta, total: length }));
      focusNoteControl(noteId, focus ?? focusOn ?? (delta < 0 ? 'up' : 'down'));
    }
  }

  return { index, first, last, shift };
}
