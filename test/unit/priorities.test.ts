import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  addPriority,
  deleteNote,
  initBoardDoc,
  listPriorities,
  movePriority,
  notesOf,
  prioritiesOf,
  removePriority,
  seedPriorities,
  shiftPriority,
} from '../../shared/boardDoc.js';
import { TEMPLATES } from '../../shared/templates.js';

function board() {
  const doc = new Y.Doc();
  initBoardDoc(doc, TEMPLATES.coproduction);
  const ids = ['a', 'b', 'c', 'd'].map((text) => addNote(doc, { sectionId: 'goals', text, author: 'k' }));
  return { doc, ids };
}

/** Two replicas of one board, and a way to exchange their changes. */
function pair() {
  const { doc: one, ids } = board();
  const two = new Y.Doc();
  Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
  const sync = () => {
    const u1 = Y.encodeStateAsUpdate(one, Y.encodeStateVector(two));
    const u2 = Y.encodeStateAsUpdate(two, Y.encodeStateVector(one));
    Y.applyUpdate(two, u1);
    Y.applyUpdate(one, u2);
  };
  return { one, two, ids, sync };
}

describe('the shared priority list', () => {
  it('adds notes at the end, or at a position, without duplicates', () => {
    const { doc, ids } = board();
    const [a, b, c] = ids;
    addPriority(doc, a);
    addPriority(doc, b);
    addPriority(doc, a);
    expect(listPriorities(doc)).toEqual([a, b]);
    addPriority(doc, c, 0);
    expect(listPriorities(doc)).toEqual([c, a, b]);
    expect(prioritiesOf(doc).toArray()).toEqual([c, a, b]);
  });

  it('ignores notes that do not exist', () => {
    const { doc, ids } = board();
    addPriority(doc, 'no-such-note');
    movePriority(doc, 'no-such-note', 0);
    seedPriorities(doc, ['no-such-note', ids[1]]);
    expect(listPriorities(doc)).toEqual([ids[1]]);
  });

  it('removes a note (every copy of it)', () => {
    const { doc, ids } = board();
    const [a, b, c] = ids;
    prioritiesOf(doc).push([a, b, a, c]);
    removePriority(doc, a);
    expect(prioritiesOf(doc).toArray()).toEqual([b, c]);
    removePriority(doc, 'not-listed');
    expect(listPriorities(doc)).toEqual([b, c]);
  });

  it('moves a note to a position, clamped to the list', () => {
    const { doc, ids } = board();
    const [a, b, c, d] = ids;
    seedPriorities(doc, [a, b, c, d]);
    movePriority(doc, d, 0);
    expect(listPriorities(doc)).toEqual([d, a, b, c]);
    movePriority(doc, d, 2);
    expect(listPriorities(doc)).toEqual([a, b, d, c]);
    movePriority(doc, a, 99);
    expect(listPriorities(doc)).toEqual([b, d, c, a]);
    movePriority(doc, a, -5);
    expect(listPriorities(doc)).toEqual([a, b, d, c]);
  });

  it('shifts one place up or down, and says when it cannot', () => {
    const { doc, ids } = board();
    const [a, b, c] = ids;
    seedPriorities(doc, [a, b, c]);
    expect(shiftPriority(doc, c, -1)).toBe(true);
    expect(listPriorities(doc)).toEqual([a, c, b]);
    expect(shiftPriority(doc, a, 1)).toBe(true);
    expect(listPriorities(doc)).toEqual([c, a, b]);
    expect(shiftPriority(doc, c, -1)).toBe(false);
    expect(shiftPriority(doc, b, 1)).toBe(false);
    expect(shiftPriority(doc, ids[3], 1)).toBe(false);
    expect(listPriorities(doc)).toEqual([c, a, b]);
  });

  it('seeds the list from a ranking, replacing what was there, in one undo step', () => {
    const { doc, ids } = board();
    const [a, b, c, d] = ids;
    seedPriorities(doc, [d]);
    const undo = new Y.UndoManager(prioritiesOf(doc));
    seedPriorities(doc, [c, a, c, b]);
    expect(listPriorities(doc)).toEqual([c, a, b]);
    expect(prioritiesOf(doc).toArray()).toEqual([c, a, b]);
    undo.undo();
    expect(listPriorities(doc)).toEqual([d]);
    seedPriorities(doc, []);
    expect(listPriorities(doc)).toEqual([]);
  });

  it('skips notes deleted by someone whose client did not clean the list', () => {
    const { doc, ids } = board();
    const [a, b, c] = ids;
    seedPriorities(doc, [a, b, c]);
    notesOf(doc).delete(b); // not deleteNote: as an older client might
    expect(listPriorities(doc)).toEqual([a, c]);
    // Positions are positions in the list people see.
    movePriority(doc, c, 0);
    expect(listPriorities(doc)).toEqual([c, a]);
    expect(shiftPriority(doc, a, -1)).toBe(true);
    expect(listPriorities(doc)).toEqual([a, c]);
    deleteNote(doc, a);
    expect(listPriorities(doc)).toEqual([c]);
  });

  it('stays a list without duplicates when two people change it at the same time', () => {
    const { one, two, ids, sync } = pair();
    const [a, b, c, d] = ids;
    seedPriorities(one, [a, b, c]);
    sync();
    // Both move the same note, to different places.
    movePriority(one, c, 0);
    movePriority(two, c, 1);
    // Both add the same new note.
    addPriority(one, d);
    addPriority(two, d);
    sync();
    expect(listPriorities(one)).toEqual(listPriorities(two));
    const list = listPriorities(one);
    expect([...list].sort()).toEqual([a, b, c, d].sort());
    // Acting on the cleaned list tidies the copies of the note acted on.
    movePriority(one, c, 3);
    removePriority(one, d);
    sync();
    expect(listPriorities(two)).toEqual(listPriorities(one));
    expect(
      prioritiesOf(two)
        .toArray()
        .filter((x) => x === c),
    ).toHaveLength(1);
    expect(prioritiesOf(two).toArray()).not.toContain(d);
  });

  it('two people seeding at once end up with one copy of each note', () => {
    const { one, two, ids, sync } = pair();
    const [a, b, c] = ids;
    seedPriorities(one, [a, b]);
    seedPriorities(two, [c, a]);
    sync();
    const list = listPriorities(one);
    expect(list).toEqual(listPriorities(two));
    expect(new Set(list).size).toBe(list.length);
  });
});
