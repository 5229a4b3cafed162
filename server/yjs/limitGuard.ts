import * as Y from 'yjs';
import { actionsOf, notesOf } from '../../shared/boardDoc.js';
import { DOC_CLOSE } from '../../shared/session.js';

export interface DocLimits {
  noteTextMax: number;
  notesPerBoardMax: number;
}

export type LimitViolation = (typeof DOC_CLOSE)['noteTooLong'] | (typeof DOC_CLOSE)['tooManyNotes'];

/** The maps whose entries carry free text that the limit applies to, and the field holding it. */
const TEXT_FIELDS: [(doc: Y.Doc) => Y.Map<unknown>, string][] = [
  [(doc) => notesOf(doc) as Y.Map<unknown>, 'text'],
  [(doc) => actionsOf(doc), 'what'],
];

/**
 * Checks what one applied transaction did to the board against the limits. Only the types
 * the transaction touched are looked at, so the cost follows the size of the change, not of
 * the board. `notesBefore` is the note count before the transaction: a board already over a
 * (since lowered) limit is not blocked from shrinking.
 */
export function findViolation(doc: Y.Doc, tr: Y.Transaction, limits: DocLimits, notesBefore: number): LimitViolation | null {
  const notes = notesOf(doc);
  if (notes.size > limits.notesPerBoardMax && notes.size > notesBefore) return DOC_CLOSE.tooManyNotes;

  for (const [mapOf, field] of TEXT_FIELDS) {
    const container = mapOf(doc);
    const touched = new Set<Y.Map<unknown>>();
    for (const [type, keys] of tr.changed) {
      if ((type as unknown) === container) {
        for (const key of keys) {
          const entry = key === null ? undefined : container.get(key);
          if (entry instanceof Y.Map) touched.add(entry as Y.Map<unknown>);
        }
      } else if (type instanceof Y.Map && (type.parent as unknown) === container) {
        touched.add(type as Y.Map<unknown>);
      } else if (type instanceof Y.Text && type.parent instanceof Y.Map && (type.parent.parent as unknown) === container) {
        touched.add(type.parent as Y.Map<unknown>);
      }
    }
    for (const entry of touched) {
      const text = entry.get(field);
      if (text instanceof Y.Text && text.length > limits.noteTextMax) return DOC_CLOSE.noteTooLong;
    }
  }
  return null;
}
