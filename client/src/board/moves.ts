import type * as Y from 'yjs';
import { moveNote, notesInSection, readNoteById, setNoteGroup } from '../../../shared/boardDoc.js';
import type { NoteMeta } from '../hooks/useBoardModel.js';

/** Where a note sits on screen: a section, and a group in it or none. */
export interface Place {
  sectionId: string;
  groupId: string | null;
}

/** Id of the drop container for a place: the section's ungrouped list, or one of its groups. */
export function containerId(place: Place): string {
  return `container:${place.sectionId}:${place.groupId ?? ''}`;
}

/**
 * Puts a note into `place`, just before `beforeId` or just after `afterId` (ids of notes in
 * the same section), or at the end. One transaction, so one undo step. Uses moveNote and
 * setNoteGroup from the shared doc accessors.
 */
export function placeNote(
  doc: Y.Doc,
  noteId: string,
  place: Place,
  anchor: { beforeId?: string | null; afterId?: string | null } = {},
): void {
  doc.transact(() => {
    const others = notesInSection(doc, place.sectionId).filter((n) => n.id !== noteId);
    let index: number | undefined;
    if (anchor.beforeId) {
      const i = others.findIndex((n) => n.id === anchor.beforeId);
      if (i >= 0) index = i;
    } else if (anchor.afterId) {
      const i = others.findIndex((n) => n.id === anchor.afterId);
      if (i >= 0) index = i + 1;
    }
    moveNote(doc, noteId, place.sectionId, index);
    const now = readNoteById(doc, noteId);
    if (now && now.groupId !== place.groupId) setNoteGroup(doc, noteId, place.groupId);
  });
}

/**
 * Moves a note one place up or down among the notes shown with it (same section, same group).
 * Returns false when it is already first/last.
 */
export function shiftWithinPlace(doc: Y.Doc, bucket: NoteMeta[], noteId: string, delta: -1 | 1): boolean {
  const i = bucket.findIndex((n) => n.id === noteId);
  const neighbour = bucket[i + delta];
  if (i < 0 || !neighbour) return false;
  const note = bucket[i];
  placeNote(
    doc,
    noteId,
    { sectionId: note.sectionId, groupId: note.groupId },
    delta < 0 ? { beforeId: neighbour.id } : { afterId: neighbour.id },
  );
  return true;
}
