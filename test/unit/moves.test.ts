import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addGroup, addNote, initBoardDoc, listNotes, notesInSection, readNoteById, setNoteGroup } from '../../shared/boardDoc.js';
import { TEMPLATES } from '../../shared/templates.js';
import { containerId, placeNote, shiftWithinPlace } from '../../client/src/board/moves.js';
import type { NoteMeta } from '../../client/src/hooks/useBoardModel.js';

/**
 * The client's note moves (client/src/board/moves.ts) on a real Y.Doc: placeNote, which a drop
 * calls with the note dropped on (before or after it) or with the last note of the list dropped
 * into, and shiftWithinPlace, the keyboard's "move up / move down" among the notes shown together.
 */

function board() {
  const doc = new Y.Doc();
  initBoardDoc(doc, TEMPLATES.coproduction);
  return doc;
}

/** Notes by text, for readable setups. */
function notes(doc: Y.Doc, sectionId: string, texts: string[], groupId?: string): Record<string, string> {
  return Object.fromEntries(texts.map((t) => [t, addNote(doc, { sectionId, text: t, author: 'k', groupId })]));
}

const texts = (doc: Y.Doc, sectionId: string) => notesInSection(doc, sectionId).map((n) => n.text);

/** The notes shown together in one place, in order, as the board hands them to the list (NoteMeta). */
function bucket(doc: Y.Doc, sectionId: string, groupId: string | null): NoteMeta[] {
  return listNotes(doc)
    .filter((n) => n.sectionId === sectionId && n.groupId === groupId)
    .map(({ text: _text, ...meta }) => meta);
}
const bucketTexts = (doc: Y.Doc, sectionId: string, groupId: string | null) =>
  bucket(doc, sectionId, groupId).map((n) => readNoteById(doc, n.id)!.text);

/** The doc as the client sees it after two people each added notes at the same moment. */
function concurrentAdds(doc: Y.Doc, sectionId: string, first: string, second: string) {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  addNote(doc, { sectionId, text: first, author: 'k1' });
  addNote(other, { sectionId, text: second, author: 'k2' });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
}

describe('containerId', () => {
  it('names a section’s ungrouped list and each of its groups differently', () => {
    expect(containerId({ sectionId: 'goals', groupId: null })).toBe('container:goals:');
    expect(containerId({ sectionId: 'goals', groupId: 'g1' })).toBe('container:goals:g1');
    expect(containerId({ sectionId: 'plan', groupId: null })).not.toBe(containerId({ sectionId: 'goals', groupId: null }));
  });
});

describe('placeNote (drop)', () => {
  it('puts a note just before or just after another, in the same section', () => {
    const doc = board();
    const n = notes(doc, 'goals', ['a', 'b', 'c', 'd']);
    const place = { sectionId: 'goals', groupId: null };
    placeNote(doc, n.d, place, { beforeId: n.b });
    expect(texts(doc, 'goals')).toEqual(['a', 'd', 'b', 'c']);
    placeNote(doc, n.a, place, { afterId: n.b });
    expect(texts(doc, 'goals')).toEqual(['d', 'b', 'a', 'c']);
    placeNote(doc, n.c, place, { beforeId: n.d });
    expect(texts(doc, 'goals')).toEqual(['c', 'd', 'b', 'a']);
    placeNote(doc, n.c, place, { afterId: n.a });
    expect(texts(doc, 'goals')).toEqual(['d', 'b', 'a', 'c']);
  });

  it('puts a note at the end when there is no anchor, or the anchor is not in that section (any more)', () => {
    const doc = board();
    const n = notes(doc, 'goals', ['a', 'b', 'c']);
    const elsewhere = notes(doc, 'plan', ['p']);
    const place = { sectionId: 'goals', groupId: null };
    placeNote(doc, n.a, place);
    expect(texts(doc, 'goals')).toEqual(['b', 'c', 'a']);
    placeNote(doc, n.b, place, { beforeId: elsewhere.p });
    expect(texts(doc, 'goals')).toEqual(['c', 'a', 'b']);
    placeNote(doc, n.c, place, { afterId: 'deleted-meanwhile' });
    expect(texts(doc, 'goals')).toEqual(['a', 'b', 'c']);
    expect(texts(doc, 'plan')).toEqual(['p']);
  });

  it('moves a note into another section at the anchor, and into an empty section', () => {
    const doc = board();
    const n = notes(doc, 'goals', ['a', 'b']);
    const p = notes(doc, 'plan', ['x', 'y']);
    placeNote(doc, n.a, { sectionId: 'plan', groupId: null }, { beforeId: p.y });
    expect(texts(doc, 'goals')).toEqual(['b']);
    expect(texts(doc, 'plan')).toEqual(['x', 'a', 'y']);
    placeNote(doc, n.b, { sectionId: 'celebrate', groupId: null });
    expect(texts(doc, 'goals')).toEqual([]);
    expect(texts(doc, 'celebrate')).toEqual(['b']);
  });

  it('puts a note into a group, out of one, and into a group in another section, at the anchor', () => {
    const doc = board();
    const g = addGroup(doc, 'goals', 'Travel');
    const h = addGroup(doc, 'plan', 'Money');
    const n = notes(doc, 'goals', ['u1', 'g1', 'u2', 'g2']);
    setNoteGroup(doc, n.g1, g);
    setNoteGroup(doc, n.g2, g);
    expect(bucketTexts(doc, 'goals', g)).toEqual(['g1', 'g2']);

    // Dropped on g2 (before it): joins the group there; the ungrouped list keeps its order.
    placeNote(doc, n.u1, { sectionId: 'goals', groupId: g }, { beforeId: n.g2 });
    expect(bucketTexts(doc, 'goals', g)).toEqual(['g1', 'u1', 'g2']);
    expect(bucketTexts(doc, 'goals', null)).toEqual(['u2']);

    // Dropped into the ungrouped list after its last note: leaves the group.
    placeNote(doc, n.g1, { sectionId: 'goals', groupId: null }, { afterId: n.u2 });
    expect(readNoteById(doc, n.g1)?.groupId).toBeNull();
    expect(bucketTexts(doc, 'goals', null)).toEqual(['u2', 'g1']);

    // Into a group in another section, dropped into its (empty) container.
    placeNote(doc, n.g2, { sectionId: 'plan', groupId: h });
    expect(readNoteById(doc, n.g2)).toMatchObject({ sectionId: 'plan', groupId: h });
    expect(bucketTexts(doc, 'plan', h)).toEqual(['g2']);
    expect(bucketTexts(doc, 'goals', g)).toEqual(['u1']);
  });

  it('is one transaction, so one undo step puts everything back', () => {
    const doc = board();
    const g = addGroup(doc, 'plan', 'Money');
    const n = notes(doc, 'goals', ['a', 'b']);
    const p = notes(doc, 'plan', ['x']);
    setNoteGroup(doc, p.x, g);
    const before = readNoteById(doc, n.a);
    const undo = new Y.UndoManager(doc.getMap('notes'), { captureTimeout: 0 });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    placeNote(doc, n.a, { sectionId: 'plan', groupId: g }, { afterId: p.x });
    expect(transactions).toBe(1);
    expect(readNoteById(doc, n.a)).toMatchObject({ sectionId: 'plan', groupId: g });
    expect(bucketTexts(doc, 'plan', g)).toEqual(['x', 'a']);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(readNoteById(doc, n.a)).toEqual(before);
    expect(texts(doc, 'goals')).toEqual(['a', 'b']);
  });

  it('lands between two notes that two people added at the same moment (equal order keys)', () => {
    const doc = board();
    concurrentAdds(doc, 'goals', 'one', 'two');
    const [first, second] = notesInSection(doc, 'goals');
    expect(first.order).toBe(second.order); // the tie that concurrent adds leave
    const c = addNote(doc, { sectionId: 'goals', text: 'three', author: 'k' });
    placeNote(doc, c, { sectionId: 'goals', groupId: null }, { beforeId: second.id });
    expect(texts(doc, 'goals')).toEqual([first.text, 'three', second.text]);
  });
});

describe('shiftWithinPlace (move up / move down)', () => {
  it('moves a note one place among the notes shown with it, and says false at either end', () => {
    const doc = board();
    const n = notes(doc, 'goals', ['a', 'b', 'c']);
    expect(shiftWithinPlace(doc, bucket(doc, 'goals', null), n.c, -1)).toBe(true);
    expect(texts(doc, 'goals')).toEqual(['a', 'c', 'b']);
    expect(shiftWithinPlace(doc, bucket(doc, 'goals', null), n.a, 1)).toBe(true);
    expect(texts(doc, 'goals')).toEqual(['c', 'a', 'b']);
    expect(shiftWithinPlace(doc, bucket(doc, 'goals', null), n.c, -1)).toBe(false);
    expect(shiftWithinPlace(doc, bucket(doc, 'goals', null), n.b, 1)).toBe(false);
    expect(shiftWithinPlace(doc, bucket(doc, 'goals', null), 'not-shown-here', 1)).toBe(false);
    expect(texts(doc, 'goals')).toEqual(['c', 'a', 'b']);
  });

  it('steps over notes of the same section that are shown elsewhere (another group, or ungrouped)', () => {
    const doc = board();
    const g = addGroup(doc, 'goals', 'Travel');
    const n = notes(doc, 'goals', ['g1', 'u1', 'u2', 'g2', 'u3']);
    setNoteGroup(doc, n.g1, g);
    setNoteGroup(doc, n.g2, g);
    expect(bucketTexts(doc, 'goals', g)).toEqual(['g1', 'g2']);
    expect(bucketTexts(doc, 'goals', null)).toEqual(['u1', 'u2', 'u3']);

    expect(shiftWithinPlace(doc, bucket(doc, 'goals', g), n.g2, -1)).toBe(true);
    expect(bucketTexts(doc, 'goals', g)).toEqual(['g2', 'g1']);
    expect(shiftWithinPlace(doc, bucket(doc, 'goals', g), n.g2, 1)).toBe(true);
    expect(bucketTexts(doc, 'goals', g)).toEqual(['g1', 'g2']);
    expect(shiftWithinPlace(doc, bucket(doc, 'goals', null), n.u3, -1)).toBe(true);
    expect(bucketTexts(doc, 'goals', null)).toEqual(['u1', 'u3', 'u2']);
    // Nobody left their place.
    expect(bucketTexts(doc, 'goals', g)).toEqual(['g1', 'g2']);
    expect(readNoteById(doc, n.u3)?.groupId).toBeNull();
  });

  it('walks a note from last to first and back one step at a time', () => {
    const doc = board();
    const n = notes(doc, 'goals', ['a', 'b', 'c', 'd', 'e']);
    const seen: string[][] = [];
    while (shiftWithinPlace(doc, bucket(doc, 'goals', null), n.e, -1)) seen.push(texts(doc, 'goals'));
    expect(seen).toEqual([
      ['a', 'b', 'c', 'e', 'd'],
      ['a', 'b', 'e', 'c', 'd'],
      ['a', 'e', 'b', 'c', 'd'],
      ['e', 'a', 'b', 'c', 'd'],
    ]);
    while (shiftWithinPlace(doc, bucket(doc, 'goals', null), n.e, 1));
    expect(texts(doc, 'goals')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('moves a note up past one of two notes added at the same moment (equal order keys)', () => {
    const doc = board();
    concurrentAdds(doc, 'goals', 'one', 'two');
    const [first, second] = notesInSection(doc, 'goals').map((x) => x.text);
    const c = addNote(doc, { sectionId: 'goals', text: 'three', author: 'k' });
    // The keyboard says "moved up to position 2 of 3": the board must show that too.
    expect(shiftWithinPlace(doc, bucket(doc, 'goals', null), c, -1)).toBe(true);
    expect(texts(doc, 'goals')).toEqual([first, 'three', second]);
    expect(shiftWithinPlace(doc, bucket(doc, 'goals', null), c, -1)).toBe(true);
    expect(texts(doc, 'goals')).toEqual(['three', first, second]);
  });
});
