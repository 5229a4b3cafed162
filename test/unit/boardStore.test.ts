import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addGroup,
  addNote,
  addPriority,
  deleteGroup,
  deleteNote,
  getNoteText,
  initBoardDoc,
  listGroups,
  listNotes,
  listPriorities,
  moveNote,
  movePriority,
  setNoteColour,
  setNoteGroup,
} from '../../shared/boardDoc.js';
import { NOTE_COLOURS } from '../../shared/colours.js';
import { TEMPLATES } from '../../shared/templates.js';
import { BoardStore } from '../../client/src/board/boardStore.js';

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(doc, TEMPLATES.coproduction);
  return doc;
}

/** What the store must show, computed from scratch. */
function expected(doc: Y.Doc) {
  const groupSection = new Map(listGroups(doc).map((g) => [g.id, g.sectionId]));
  const notes = listNotes(doc).map(({ text: _t, ...m }) =>
    m.groupId && groupSection.get(m.groupId) !== m.sectionId ? { ...m, groupId: null } : m,
  );
  return { notes, priorities: listPriorities(doc) };
}

function check(doc: Y.Doc, store: BoardStore) {
  const want = expected(doc);
  expect(store.getNotes()).toEqual(want.notes);
  expect(store.getPriorities()).toEqual(want.priorities);
  const sections = new Set(want.notes.map((n) => n.sectionId));
  for (const s of sections) {
    expect(store.getSectionNotes(s)).toEqual(want.notes.filter((n) => n.sectionId === s));
    const places = new Set(want.notes.filter((n) => n.sectionId === s).map((n) => n.groupId));
    for (const g of places) {
      const inPlace = want.notes.filter((n) => n.sectionId === s && n.groupId === g);
      expect(store.getPlace(s, g)).toEqual(inPlace);
      expect(store.getPlaceIds(s, g)).toEqual(inPlace.map((n) => n.id));
    }
  }
  for (const n of want.notes) expect(store.getNote(n.id)).toEqual(n);
  expect(store.noteCount()).toBe(want.notes.length);
}

describe('BoardStore', () => {
  it('reads a board and keeps up with every kind of change, local and remote', () => {
    const doc = board();
    const other = new Y.Doc();
    doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(other, u, 'remote'));
    other.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(doc, u, 'remote'));
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(addNote(doc, { sectionId: i % 2 ? 'goals' : 'assets', text: `note ${i}`, author: 'a' }));
    const store = new BoardStore(doc);
    check(doc, store);

    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const sections = ['assets', 'goals', 'plan'];
    const groups: string[] = [];
    for (let step = 0; step < 300; step++) {
      const d = rnd(3) === 0 ? other : doc; // a third of the changes come from someone else
      const live = [...expected(d).notes.map((n) => n.id)];
      const id = live[rnd(Math.max(1, live.length))];
      switch (rnd(10)) {
        case 0:
          ids.push(addNote(d, { sectionId: sections[rnd(3)], text: 'new', author: 'b' }));
          break;
        case 1:
          if (id) moveNote(d, id, sections[rnd(3)], rnd(5));
          break;
        case 2:
          if (id) setNoteColour(d, id, NOTE_COLOURS[rnd(NOTE_COLOURS.length)]);
          break;
        case 3:
          groups.push(addGroup(d, sections[rnd(3)], 'g'));
          break;
        case 4:
          if (id && groups.length) setNoteGroup(d, id, groups[rnd(groups.length)]);
          break;
        case 5:
          if (groups.length && rnd(3) === 0) deleteGroup(d, groups.splice(rnd(groups.length), 1)[0]);
          break;
        case 6:
          if (id && rnd(2) === 0) deleteNote(d, id);
          break;
        case 7:
          if (id) addPriority(d, id);
          break;
        case 8:
          if (id) movePriority(d, id, rnd(4));
          break;
        default:
          if (id) getNoteText(d, id)?.insert(0, 'x');
      }
      check(doc, store);
    }
    store.destroy();
  });

  it('tells typing to that note only, and keeps every other snapshot as it was', () => {
    const doc = board();
    const a = addNote(doc, { sectionId: 'goals', text: 'one', author: 'a' });
    const b = addNote(doc, { sectionId: 'goals', text: 'two', author: 'a' });
    addNote(doc, { sectionId: 'assets', text: 'three', author: 'a' });
    const store = new BoardStore(doc);
    const heard: string[] = [];
    for (const topic of [
      'notes',
      `note:${a}`,
      `note:${b}`,
      `text:${a}`,
      `text:${b}`,
      'place:goals\u0000',
      'place:assets\u0000',
      'section:goals',
      'priorities',
      'groups',
      'sections',
    ]) {
      store.subscribe(topic, () => heard.push(topic));
    }
    const before = {
      notes: store.getNotes(),
      goals: store.getPlace('goals', null),
      assets: store.getPlace('assets', null),
      a: store.getNote(a),
    };

    getNoteText(doc, a)!.insert(3, '!');
    expect(heard).toEqual([`text:${a}`]);
    expect(store.getNotes()).toBe(before.notes);
    expect(store.getPlace('goals', null)).toBe(before.goals);
    expect(store.getNote(a)).toBe(before.a);

    heard.length = 0;
    setNoteColour(doc, b, 'pink');
    expect(heard.sort()).toEqual(['notes', `note:${b}`, 'place:goals\u0000', 'section:goals'].sort());
    expect(store.getNote(a)).toBe(before.a); // untouched note: the same object
    expect(store.getPlace('assets', null)).toBe(before.assets); // untouched list: the same array
    expect(store.getPlaceIds('goals', null)).toEqual([a, b]);

    heard.length = 0;
    deleteNote(doc, a);
    expect(heard).toContain(`text:${a}`);
    expect(store.getNote(a)).toBeNull();
    expect(store.getText(a)).toBeNull();
    store.destroy();
  });

  it('follows an undone delete to the note’s new text', () => {
    const doc = board();
    const undo = new Y.UndoManager([doc.getMap('notes')], { trackedOrigins: new Set([null]) });
    const a = addNote(doc, { sectionId: 'goals', text: 'keep me', author: 'a' });
    undo.stopCapturing();
    const store = new BoardStore(doc);
    const first = store.getText(a);
    deleteNote(doc, a);
    undo.undo();
    expect(store.getNote(a)?.id).toBe(a);
    expect(store.getText(a)?.toString()).toBe('keep me');
    expect(store.getText(a)).not.toBe(first);
    store.destroy();
  });
});
