import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import {
  groupsOf,
  listPriorities,
  listSections,
  notesInSection,
  notesOf,
  prioritiesOf,
  readNoteById,
} from '../../../../shared/boardDoc.js';
import type { NoteColour } from '../../../../shared/colours.js';

/** Everything needed to put a deleted note back as it was (its id too, so links to it still work). */
export interface NoteSnapshot {
  id: string;
  sectionId: string;
  groupId: string | null;
  colour: NoteColour;
  author: string;
  createdAt: number;
  order: string;
  text: string;
  /** Its place in the shared priority list, or -1. */
  priority: number;
}

/** A snapshot of a note as it is now, or null if it is not on the board. `text` overrides the doc's. */
export function snapshotNote(doc: Y.Doc, noteId: string, text?: string): NoteSnapshot | null {
  const n = readNoteById(doc, noteId);
  if (!n) return null;
  return {
    id: n.id,
    sectionId: n.sectionId,
    groupId: n.groupId,
    colour: n.colour,
    author: n.author,
    createdAt: n.createdAt,
    order: n.order,
    text: text ?? n.text,
    priority: listPriorities(doc).indexOf(n.id),
  };
}

function validOrder(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts a deleted note back, one transaction (one undo step): same id, words, colour, author and
 * place; its section (or the first one, if that section has gone), its group if the group is
 * still there, and its place in the priority list. Returns false if it is already back.
 */
export function restoreNote(doc: Y.Doc, snap: NoteSnapshot): boolean {
  if (notesOf(doc).get(snap.id) instanceof Y.Map) return false;
  const sections = listSections(doc);
  const sectionId = sections.some((s) => s.id === snap.sectionId) ? snap.sectionId : sections[0]?.id;
  if (!sectionId) return false;
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    const text = new Y.Text();
    if (snap.text) text.insert(0, snap.text);
    m.set('id', snap.id);
    m.set('sectionId', sectionId);
    m.set('text', text);
    m.set('colour', snap.colour);
    m.set('author', snap.author);
    m.set('createdAt', snap.createdAt);
    const group = snap.groupId ? groupsOf(doc).get(snap.groupId) : undefined;
    if (snap.groupId && group instanceof Y.Map && group.get('sectionId') === sectionId) m.set('groupId', snap.groupId);
    const last = notesInSection(doc, sectionId).at(-1);
    const order =
      sectionId === snap.sectionId && validOrder(snap.order)
        ? snap.order
        : generateKeyBetween(last && validOrder(last.order) ? last.order : null, null);
    m.set('order', order);
    notesOf(doc).set(snap.id, m);
    if (snap.priority >= 0) {
      const list = prioritiesOf(doc);
      const shown = listPriorities(doc).filter((id) => id !== snap.id);
      if (snap.priority >= shown.length) list.push([snap.id]);
      else list.insert(Math.max(0, list.toArray().indexOf(shown[snap.priority])), [snap.id]);
    }
  });
  return true;
}
