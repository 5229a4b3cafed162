import * as Y from 'yjs';
import { notesOf } from '../../shared/boardDoc.js';
import { DOC_CLOSE } from '../../shared/session.js';

export interface DocLimits {
  noteTextMax: number;
  notesPerBoardMax: number;
}

export type LimitViolation = (typeof DOC_CLOSE)['noteTooLong'] | (typeof DOC_CLOSE)['tooManyNotes'];

/**
 * Checks what one applied transaction did to the board against the limits. Only the types
 * the transaction touched are looked at, so the cost follows the size of the change, not of
 * the board. `notesBefore` is the note count before the transaction: a board already over a
 * (since lowered) limit is not blocked from shrinking.
 */
export function findViolation(doc: Y.Doc, tr: Y.Transaction, limits: DocLimits, notesBefore: number): LimitViolation | null {
  const notes = notesOf(doc);
  if (notes.size > limits.notesPerBoardMax && notes.size > notesBefore) return DOC_CLOSE.tooManyNotes;

  const touched = new Set<Y.Map<unknown>>();
  for (const [type, keys] of tr.changed) {
    if ((type as unknown) === notes) {
      for (const key of keys) {
        const note = key === null ? undefined : notes.get(key);
        if (note instanceof Y.Map) touched.add(note);
      }
    } else if (type instanceof Y.Map && type.parent === notes) {
      touched.add(type);
    } else if (type instanceof Y.Text && type.parent instanceof Y.Map && type.parent.parent === notes) {
      touched.add(type.parent);
    }
  }
  for (const note of touched) {
    const text = note.get('text');
    if (text instanceof Y.Text && text.length > limits.noteTextMax) return DOC_CLOSE.noteTooLong;
  }
  return null;
}
