import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addGroup,
  addNote,
  deleteGroup,
  deleteNote,
  initBoardDoc,
  listGroups,
  listNotes,
  listSections,
  moveNote,
  notesInSection,
  notesOf,
  prioritiesOf,
  readNoteById,
  renameGroup,
  setNoteColour,
  setNoteGroup,
  shiftNote,
} from '../../shared/boardDoc.js';
import { TEMPLATES } from '../../shared/templates.js';

function board() {
  const doc = new Y.Doc();
  initBoardDoc(doc, TEMPLATES.coproduction);
  return doc;
}

const texts = (doc: Y.Doc, sectionId: string) => notesInSection(doc, sectionId).map((n) => n.text);

describe('board doc accessors', () => {
  it('creates the template sections with both languages', () => {
    const sections = listSections(board());
    expect(sections.map((s) => s.id)).toEqual(['assets', 'goals', 'plan', 'get-going', 'celebrate']);
    expect(sections[0].title).toEqual({ en: 'Map our assets', cy: 'Mapio eich asedau' });
  });

  it('adds notes in order with all fields', () => {
    const doc = board();
    const a = addNote(doc, { sectionId: 'goals', text: 'Transport to the day centre', author: 'k1', now: 5 });
    addNote(doc, { sectionId: 'goals', text: 'Welsh-speaking staff', author: 'k2', colour: 'blue' });
    expect(texts(doc, 'goals')).toEqual(['Transport to the day centre', 'Welsh-speaking staff']);
    expect(readNoteById(doc, a)).toMatchObject({ id: a, sectionId: 'goals', author: 'k1', createdAt: 5, colour: 'yellow', groupId: null });
  });

  it('moves notes between sections and reorders within one', () => {
    const doc = board();
    const a = addNote(doc, { sectionId: 'assets', text: 'a', author: 'k' });
    const b = addNote(doc, { sectionId: 'assets', text: 'b', author: 'k' });
    const c = addNote(doc, { sectionId: 'assets', text: 'c', author: 'k' });
    shiftNote(doc, c, -1);
    expect(texts(doc, 'assets')).toEqual(['a', 'c', 'b']);
    shiftNote(doc, a, 1);
    expect(texts(doc, 'assets')).toEqual(['c', 'a', 'b']);
    shiftNote(doc, c, -1); // already first: no change
    expect(texts(doc, 'assets')).toEqual(['c', 'a', 'b']);
    moveNote(doc, b, 'plan');
    expect(texts(doc, 'assets')).toEqual(['c', 'a']);
    expect(texts(doc, 'plan')).toEqual(['b']);
    moveNote(doc, a, 'plan', 0);
    expect(texts(doc, 'plan')).toEqual(['a', 'b']);
  });

  it('changes colour and deletes a note, also from priorities', () => {
    const doc = board();
    const a = addNote(doc, { sectionId: 'assets', text: 'a', author: 'k' });
    setNoteColour(doc, a, 'green');
    expect(readNoteById(doc, a)?.colour).toBe('green');
    prioritiesOf(doc).push([a]);
    deleteNote(doc, a);
    expect(readNoteById(doc, a)).toBeNull();
    expect(prioritiesOf(doc).toArray()).toEqual([]);
  });

  it('groups notes under a title, and ungroups them when the group goes', () => {
    const doc = board();
    const a = addNote(doc, { sectionId: 'goals', text: 'a', author: 'k' });
    const b = addNote(doc, { sectionId: 'assets', text: 'b', author: 'k' });
    const g = addGroup(doc, 'goals', 'Getting there');
    setNoteGroup(doc, a, g);
    setNoteGroup(doc, b, g); // joins the group's section too
    expect(readNoteById(doc, b)).toMatchObject({ sectionId: 'goals', groupId: g });
    renameGroup(doc, g, 'Travel');
    expect(listGroups(doc, 'goals')).toEqual([{ id: g, sectionId: 'goals', title: 'Travel', createdAt: expect.any(Number) }]);
    const later = addGroup(doc, 'goals', 'Later', Date.now() + 1000);
    const earlier = addGroup(doc, 'goals', 'Earlier', 1);
    expect(listGroups(doc, 'goals').map((x) => x.id)).toEqual([earlier, g, later]);
    deleteGroup(doc, later);
    deleteGroup(doc, earlier);
    moveNote(doc, a, 'plan'); // leaving the section leaves the group
    expect(readNoteById(doc, a)?.groupId).toBeNull();
    deleteGroup(doc, g);
    expect(listGroups(doc)).toEqual([]);
    expect(readNoteById(doc, b)?.groupId).toBeNull();
  });

  it('reads junk written by a client defensively', () => {
    const doc = board();
    const junk = new Y.Map<unknown>();
    junk.set('sectionId', 42);
    notesOf(doc).set('junk', junk);
    const half = new Y.Map<unknown>();
    half.set('id', 'half');
    half.set('sectionId', 'goals');
    half.set('colour', 'not-a-colour');
    notesOf(doc).set('half', half);
    expect(listNotes(doc)).toEqual([
      { id: 'half', sectionId: 'goals', text: '', colour: 'yellow', author: '', createdAt: 0, groupId: null, order: '' },
    ]);
  });

  it('keeps a total order when two people add notes at the same time', () => {
    const d1 = board();
    const d2 = new Y.Doc();
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1));
    addNote(d1, { sectionId: 'goals', text: 'from one', author: 'k1' });
    addNote(d2, { sectionId: 'goals', text: 'from two', author: 'k2' });
    Y.applyUpdate(d1, Y.encodeStateAsUpdate(d2));
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1));
    expect(texts(d1, 'goals')).toHaveLength(2);
    expect(texts(d1, 'goals')).toEqual(texts(d2, 'goals'));
  });
});
