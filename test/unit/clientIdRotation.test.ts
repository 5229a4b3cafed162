import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, initBoardDoc, listNotes } from '../../shared/boardDoc.js';
import { TEMPLATES } from '../../shared/templates.js';

/**
 * The board client takes a fresh Yjs client id when anonymity is switched, so items written while
 * anonymous are not tied (by writer id) to the person's named ones. Yjs must still converge.
 */
describe('changing the doc client id mid-session', () => {
  it('converges, and new items carry the new id', () => {
    const a = new Y.Doc();
    initBoardDoc(a, TEMPLATES.blank);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = a.clientID;
    addNote(a, { sectionId: 'ideas', text: 'named', author: 'k-named' });
    a.clientID = 123_456_789;
    addNote(a, { sectionId: 'ideas', text: 'anonymous', author: 'k-anon' });
    addNote(b, { sectionId: 'ideas', text: 'from b', author: 'k-b' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(
      listNotes(a)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['anonymous', 'from b', 'named']);
    expect(JSON.stringify(listNotes(a))).toBe(JSON.stringify(listNotes(b)));
    const clients = [...Y.encodeStateVector(a).values()];
    expect(clients.length).toBeGreaterThan(0);
    expect(Y.decodeStateVector(Y.encodeStateVector(a)).has(123_456_789)).toBe(true);
    expect(Y.decodeStateVector(Y.encodeStateVector(a)).has(before)).toBe(true);
  });
});
