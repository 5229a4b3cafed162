import { generateKeyBetween } from 'fractional-indexing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addGroup,
  addNote,
  initBoardDoc,
  moveNote,
  notesInSection,
  notesOf,
  readNoteById,
  setNoteGroup,
  shiftNote,
} from '../../shared/boardDoc.js';
import { TEMPLATES } from '../../shared/templates.js';

/**
 * Ordering edge cases of moveNote and shiftNote (shared/boardDoc.ts) that test/unit/boardDoc.test.ts
 * does not reach: clamped indexes, no-ops, equal order keys (left by two people adding notes at
 * the same moment), order keys a client wrote badly, and concurrent moves.
 */

function board() {
  const doc = new Y.Doc();
  initBoardDoc(doc, TEMPLATES.coproduction);
  return doc;
}

function add(doc: Y.Doc, sectionId: string, ...texts: string[]): string[] {
  return texts.map((text) => addNote(doc, { sectionId, text, author: 'k' }));
}

const texts = (doc: Y.Doc, sectionId = 'goals') => notesInSection(doc, sectionId).map((n) => n.text);
const ids = (doc: Y.Doc, sectionId = 'goals') => notesInSection(doc, sectionId).map((n) => n.id);

/** Brings two replicas up to date with each other, as a sync does. */
function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

/** A board whose `goals` section holds `n` notes that `n` people added at the same moment: all with one order key. */
function tiedNotes(n: number): { doc: Y.Doc; tied: string[] } {
  const doc = board();
  const replicas = Array.from({ length: n }, () => {
    const r = new Y.Doc();
    Y.applyUpdate(r, Y.encodeStateAsUpdate(doc));
    return r;
  });
  replicas.forEach((r, i) => {
    addNote(r, { sectionId: 'goals', text: `t${i}`, author: `k${i}` });
  });
  for (const r of replicas) Y.applyUpdate(doc, Y.encodeStateAsUpdate(r));
  const notes = notesInSection(doc, 'goals');
  expect(new Set(notes.map((x) => x.order)).size).toBe(1);
  return { doc, tied: notes.map((x) => x.text) };
}

function isValidKey(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

describe('moveNote', () => {
  it('clamps an index before the start or past the end', () => {
    const doc = board();
    const [a, , c] = add(doc, 'goals', 'a', 'b', 'c');
    moveNote(doc, c, 'goals', -5);
    expect(texts(doc)).toEqual(['c', 'a', 'b']);
    moveNote(doc, c, 'goals', 99);
    expect(texts(doc)).toEqual(['a', 'b', 'c']);
    moveNote(doc, a, 'goals', 2); // 2 = the number of other notes: the end
    expect(texts(doc)).toEqual(['b', 'c', 'a']);
  });

  it('leaves a note where it is when moved to its own place, and does nothing for an unknown note', () => {
    const doc = board();
    const [, b] = add(doc, 'goals', 'a', 'b', 'c');
    moveNote(doc, b, 'goals', 1);
    expect(texts(doc)).toEqual(['a', 'b', 'c']);
    let updates = 0;
    doc.on('update', () => updates++);
    moveNote(doc, 'no-such-note', 'goals', 0);
    expect(updates).toBe(0);
    expect(texts(doc)).toEqual(['a', 'b', 'c']);
  });

  it('moves only the one note: the other notes keep their order keys', () => {
    const doc = board();
    const [a, b, c, d] = add(doc, 'goals', 'a', 'b', 'c', 'd');
    const keys = (xs: string[]) => xs.map((id) => readNoteById(doc, id)!.order);
    const before = keys([a, b, c]);
    moveNote(doc, d, 'goals', 1);
    expect(keys([a, b, c])).toEqual(before);
    expect(texts(doc)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('keeps the group when moving within its section, or into the section its group is in', () => {
    const doc = board();
    const g = addGroup(doc, 'goals', 'Travel');
    const [a, b] = add(doc, 'goals', 'a', 'b');
    setNoteGroup(doc, a, g);
    moveNote(doc, a, 'goals', 1);
    expect(readNoteById(doc, a)).toMatchObject({ sectionId: 'goals', groupId: g });
    expect(texts(doc)).toEqual(['b', 'a']);
    // A note that carries the group but sits in another section (a client left it so) keeps it on coming home.
    const [p] = add(doc, 'plan', 'p');
    notesOf(doc).get(p)!.set('groupId', g);
    moveNote(doc, p, 'goals', 0);
    expect(readNoteById(doc, p)).toMatchObject({ sectionId: 'goals', groupId: g });
    // ...and a group that no longer exists is dropped when the note changes section.
    notesOf(doc).get(b)!.set('groupId', 'deleted-group');
    moveNote(doc, b, 'plan');
    expect(readNoteById(doc, b)?.groupId).toBeNull();
  });

  it('puts a note between two notes that share an order key, keeping their order', () => {
    const { doc, tied } = tiedNotes(2);
    const [c] = add(doc, 'goals', 'c');
    moveNote(doc, c, 'goals', 1);
    expect(texts(doc)).toEqual([tied[0], 'c', tied[1]]);
  });

  it('puts a note anywhere inside a run of notes that share one order key', () => {
    for (const at of [0, 1, 2, 3, 4]) {
      const { doc, tied } = tiedNotes(4);
      const [x] = add(doc, 'goals', 'x');
      moveNote(doc, x, 'goals', at);
      expect(texts(doc)).toEqual([...tied.slice(0, at), 'x', ...tied.slice(at)]);
      const keys = notesInSection(doc, 'goals').map((n) => n.order);
      expect(keys.every(isValidKey)).toBe(true);
    }
  });

  it('moves a note from another section into a run of equal keys at the index asked for', () => {
    const { doc, tied } = tiedNotes(3);
    const [p] = add(doc, 'plan', 'p');
    moveNote(doc, p, 'goals', 2);
    expect(texts(doc)).toEqual([tied[0], tied[1], 'p', tied[2]]);
    expect(texts(doc, 'plan')).toEqual([]);
  });

  it('does not throw on order keys a client wrote badly, and keeps the note in the section', () => {
    for (const junk of ['', 'not a key', '!!', 'a']) {
      const doc = board();
      const [a, b, c] = add(doc, 'goals', 'a', 'b', 'c');
      notesOf(doc).get(b)!.set('order', junk);
      expect(() => moveNote(doc, c, 'goals', 1)).not.toThrow();
      expect(() => moveNote(doc, a, 'goals', 0)).not.toThrow();
      expect(() => shiftNote(doc, c, -1)).not.toThrow();
      expect(() => shiftNote(doc, b, 1)).not.toThrow();
      expect(texts(doc).sort()).toEqual(['a', 'b', 'c']);
      expect(isValidKey(readNoteById(doc, c)!.order)).toBe(true);
    }
  });
});

describe('shiftNote', () => {
  it('does nothing at the end of the list or for an unknown note, and touches no other section', () => {
    const doc = board();
    const [, , c] = add(doc, 'goals', 'a', 'b', 'c');
    add(doc, 'plan', 'p', 'q');
    let updates = 0;
    doc.on('update', () => updates++);
    shiftNote(doc, c, 1);
    shiftNote(doc, 'no-such-note', -1);
    expect(updates).toBe(0);
    shiftNote(doc, c, -1);
    expect(texts(doc)).toEqual(['a', 'c', 'b']);
    expect(texts(doc, 'plan')).toEqual(['p', 'q']);
  });

  it('moves a note one place within a run of equal order keys, up and down', () => {
    const { doc, tied } = tiedNotes(3);
    const [, middle, last] = ids(doc);
    shiftNote(doc, last, -1);
    expect(texts(doc)).toEqual([tied[0], tied[2], tied[1]]);
    shiftNote(doc, middle, -1);
    expect(texts(doc)).toEqual([tied[0], tied[1], tied[2]]);
    shiftNote(doc, ids(doc)[0], 1);
    expect(texts(doc)).toEqual([tied[1], tied[0], tied[2]]);
  });

  it('moves a later note up past one of two notes with equal order keys', () => {
    const { doc, tied } = tiedNotes(2);
    const [c] = add(doc, 'goals', 'c');
    shiftNote(doc, c, -1);
    expect(texts(doc)).toEqual([tied[0], 'c', tied[1]]);
    shiftNote(doc, c, -1);
    expect(texts(doc)).toEqual(['c', tied[0], tied[1]]);
  });

  it('follows a list model through a long run of moves and shifts, starting from tied keys', () => {
    // A small seeded generator, so the run is the same every time.
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const { doc } = tiedNotes(5);
    add(doc, 'goals', 'a', 'b');
    const model = ids(doc);
    for (let step = 0; step < 300; step++) {
      const id = model[rand(model.length)];
      const from = model.indexOf(id);
      if (rand(2) === 0) {
        const to = rand(model.length);
        moveNote(doc, id, 'goals', to);
        model.splice(from, 1);
        model.splice(to, 0, id);
      } else {
        const delta = rand(2) === 0 ? -1 : 1;
        shiftNote(doc, id, delta);
        const to = from + delta;
        if (to >= 0 && to < model.length) [model[from], model[to]] = [model[to], model[from]];
      }
      expect(ids(doc), `step ${step}`).toEqual(model);
    }
    const keys = notesInSection(doc, 'goals').map((n) => n.order);
    expect(keys.every(isValidKey)).toBe(true);
  });
});

describe('concurrent moves', () => {
  it('two people moving the same note to different places end up with the same order', () => {
    const a = board();
    const [n1, n2, n3, n4] = add(a, 'goals', '1', '2', '3', '4');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    moveNote(a, n4, 'goals', 0);
    moveNote(b, n4, 'plan');
    shiftNote(b, n1, 1);
    sync(a, b);
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a, 'plan')).toEqual(ids(b, 'plan'));
    expect([...ids(a), ...ids(a, 'plan')].sort()).toEqual([n1, n2, n3, n4].sort());
  });

  it('two people moving different notes into the same slot see one order, with both notes there', () => {
    const a = board();
    const [, , n3, n4] = add(a, 'goals', '1', '2', '3', '4');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    moveNote(a, n3, 'goals', 1);
    moveNote(b, n4, 'goals', 1);
    sync(a, b);
    expect(texts(a)).toEqual(texts(b));
    expect(texts(a).slice(0, 1)).toEqual(['1']);
    expect(texts(a).slice(3)).toEqual(['2']);
  });
});
