import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, updateAction } from '../../shared/actionPlan.js';
import {
  addGroup,
  addNote,
  addPriority,
  deleteGroup,
  deleteNote,
  getNoteText,
  initBoardDoc,
  moveNote,
  notesOf,
  sectionsOf,
  seedPriorities,
  setNoteColour,
  setNoteGroup,
} from '../../shared/boardDoc.js';
import { TEMPLATES } from '../../shared/templates.js';
import { checkUpdate } from '../../server/yjs/updateGuard.js';
import { deepMapChainUpdate } from '../support/hostileUpdates.js';

/** A server doc made as the server makes one, and a client doc synced from it. */
function setup() {
  const server = new Y.Doc();
  initBoardDoc(server, TEMPLATES.coproduction);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, section: sectionsOf(server).get(0).get('id') as string };
}

/** Runs `change` on the client and returns the update it produced. */
function change(client: Y.Doc, fn: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  fn(client);
  return Y.encodeStateAsUpdate(client, before);
}

/** What `fn` does to a fresh copy of the server doc, checked against the server doc (not applied). */
function attempt(server: Y.Doc, fn: (doc: Y.Doc) => void) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return checkUpdate(server, change(client, fn));
}

/** Checks the update against the server doc and, when accepted, applies it there. */
function offer(server: Y.Doc, update: Uint8Array) {
  const refusal = checkUpdate(server, update);
  if (!refusal) Y.applyUpdate(server, update);
  return refusal;
}

describe('update guard: what the app writes is accepted', () => {
  it('accepts every change the board and action plan make', () => {
    const { server, client, section } = setup();
    let noteId = '';
    expect(
      offer(
        server,
        change(client, (d) => (noteId = addNote(d, { sectionId: section, text: 'Hello', author: 'k1' }))),
      ),
    ).toBeNull();
    for (const ch of 'typing, one key at a time') {
      expect(
        offer(
          server,
          change(client, (d) => getNoteText(d, noteId)!.insert(getNoteText(d, noteId)!.length, ch)),
        ),
      ).toBeNull();
    }
    expect(
      offer(
        server,
        change(client, (d) => getNoteText(d, noteId)!.delete(0, 3)),
      ),
    ).toBeNull();
    expect(
      offer(
        server,
        change(client, (d) => setNoteColour(d, noteId, 'blue')),
      ),
    ).toBeNull();
    let groupId = '';
    expect(
      offer(
        server,
        change(client, (d) => (groupId = addGroup(d, section, 'A group'))),
      ),
    ).toBeNull();
    expect(
      offer(
        server,
        change(client, (d) => setNoteGroup(d, noteId, groupId)),
      ),
    ).toBeNull();
    const other = sectionsOf(client).get(1).get('id') as string;
    expect(
      offer(
        server,
        change(client, (d) => moveNote(d, noteId, other, 0)),
      ),
    ).toBeNull();
    expect(
      offer(
        server,
        change(client, (d) => addPriority(d, noteId)),
      ),
    ).toBeNull();
    expect(
      offer(
        server,
        change(client, (d) => seedPriorities(d, [noteId])),
      ),
    ).toBeNull();
    let actionId = '';
    expect(
      offer(
        server,
        change(client, (d) => (actionId = addAction(d, { what: 'Do it', noteIds: [noteId] }))),
      ),
    ).toBeNull();
    expect(
      offer(
        server,
        change(client, (d) => updateAction(d, actionId, { who: 'Carers', due: '2027-01-31', status: 'done' })),
      ),
    ).toBeNull();
    expect(
      offer(
        server,
        change(client, (d) => deleteGroup(d, groupId)),
      ),
    ).toBeNull();
    expect(
      offer(
        server,
        change(client, (d) => deleteNote(d, noteId)),
      ),
    ).toBeNull();
    expect(server.store.pendingStructs).toBeNull();
    expect(Y.encodeStateAsUpdate(server)).toEqual(Y.encodeStateAsUpdate(client));
  });

  it('accepts a reconnecting client that sends all its offline work at once, and re-delivery', () => {
    const { server, client, section } = setup();
    const before = Y.encodeStateVector(client);
    for (let i = 0; i < 50; i++) {
      const id = addNote(client, { sectionId: section, text: `note ${i}`, author: 'k' });
      getNoteText(client, id)!.insert(0, 'x');
    }
    const catchUp = Y.encodeStateAsUpdate(client, before);
    expect(offer(server, catchUp)).toBeNull();
    expect(offer(server, catchUp)).toBeNull(); // already applied: harmless
    expect(notesOf(server).size).toBe(50);
  });

  it('accepts updates from a second client built on the first one', () => {
    const { server, client, section } = setup();
    const second = new Y.Doc();
    Y.applyUpdate(second, Y.encodeStateAsUpdate(server));
    let id = '';
    const u1 = change(client, (d) => (id = addNote(d, { sectionId: section, text: 'abc', author: 'k' })));
    expect(offer(server, u1)).toBeNull();
    Y.applyUpdate(second, u1);
    expect(
      offer(
        server,
        change(second, (d) => getNoteText(d, id)!.insert(1, 'ZZ')),
      ),
    ).toBeNull();
  });
});

describe('update guard: what the shape does not allow is refused', () => {
  it('refuses an unknown root type', () => {
    const { server, client } = setup();
    const r = offer(
      server,
      change(client, (d) => d.getMap('evil').set('x', 'y'.repeat(1000))),
    );
    expect(r).toMatchObject({ kind: 'shape' });
    expect(server.share.has('evil')).toBe(false);
  });

  it('refuses an unknown field, a wrong type, a bad colour, an id that is not its key', () => {
    const { server, client, section } = setup();
    let id = '';
    expect(
      offer(
        server,
        change(client, (d) => (id = addNote(d, { sectionId: section, author: 'k' }))),
      ),
    ).toBeNull();
    const note = (d: Y.Doc) => notesOf(d).get(id)!;
    const bad: [string, (d: Y.Doc) => void][] = [
      ['unknown field', (d) => note(d).set('votes', 99)],
      ['text as a plain string', (d) => note(d).set('text', 'plain string')],
      ['text as a map', (d) => note(d).set('text', new Y.Map())],
      ['unknown colour', (d) => note(d).set('colour', 'ultraviolet')],
      ['id not its key', (d) => note(d).set('id', 'AAAAAAAAAAAAAAAA')],
      ['author too long', (d) => note(d).set('author', 'k'.repeat(65))],
      ['createdAt not a number', (d) => note(d).set('createdAt', 'yesterday')],
      ['sectionId an object', (d) => note(d).set('sectionId', { en: 'x' })],
      ['group title too long', (d) => addGroup(d, section, 'g'.repeat(201))],
      ['nested map in a note', (d) => note(d).set('groupId', new Y.Map())],
    ];
    for (const [what, fn] of bad) expect(attempt(server, fn), what).toMatchObject({ kind: 'shape' });
    expect(attempt(server, (d) => note(d).set('colour', 'green'))).toBeNull();
  });

  it('refuses entry ids that are not what the client generates (constructor, __proto__, …)', () => {
    const { server, section } = setup();
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'short', 'x'.repeat(17)]) {
      const r = attempt(server, (d) => {
        const m = new Y.Map<unknown>();
        m.set('id', key);
        m.set('sectionId', section);
        notesOf(d).set(key, m);
      });
      expect(r, key).toMatchObject({ kind: 'shape' });
    }
  });

  it('refuses formatting and embeds inside note text, and non-ids in the priority list', () => {
    const { server, client, section } = setup();
    let id = '';
    expect(
      offer(
        server,
        change(client, (d) => (id = addNote(d, { sectionId: section, text: 'abc', author: 'k' }))),
      ),
    ).toBeNull();
    expect(attempt(server, (d) => getNoteText(d, id)!.format(0, 2, { bold: true }))).toMatchObject({ kind: 'shape' });
    expect(attempt(server, (d) => getNoteText(d, id)!.insertEmbed(0, { img: 'x' }))).toMatchObject({ kind: 'shape' });
    expect(attempt(server, (d) => d.getArray('priorities').push([{ evil: true }]))).toMatchObject({ kind: 'shape' });
    expect(attempt(server, (d) => d.getArray('priorities').push(['constructor']))).toMatchObject({ kind: 'shape' });
    expect(attempt(server, (d) => d.getArray('priorities').push([id]))).toBeNull();
  });

  it('refuses writing to or deleting the sections', () => {
    const { server } = setup();
    expect(attempt(server, (d) => sectionsOf(d).get(0).set('title', { en: 'Mine', cy: 'Fy un i' }))).toMatchObject({ kind: 'shape' });
    expect(attempt(server, (d) => sectionsOf(d).delete(0, 1))).toMatchObject({ kind: 'shape' });
    expect(attempt(server, (d) => sectionsOf(d).push([new Y.Map()]))).toMatchObject({ kind: 'shape' });
  });

  it('refuses a deep chain of maps in linear time', () => {
    const { server } = setup();
    const timings: number[] = [];
    for (const depth of [1_000, 10_000, 40_000]) {
      const started = performance.now();
      expect(checkUpdate(server, deepMapChainUpdate(depth))).toMatchObject({ kind: 'shape' });
      timings.push(performance.now() - started);
    }
    // Refused at the second level whatever the depth: 40,000 levels cost about what 1,000 do
    // (decoding aside), where applying them took Yjs minutes. Generous bound for a busy machine.
    expect(timings[2]).toBeLessThan(2_000);
    expect(notesOf(server).size).toBe(0);
  });

  it('refuses junk bytes without throwing', () => {
    const { server } = setup();
    expect(checkUpdate(server, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toMatchObject({ kind: 'shape' });
  });
});

describe('update guard: updates whose history the server never received are refused', () => {
  it('refuses content built on a change that was never sent', () => {
    const { server, client, section } = setup();
    const sv = Y.encodeStateVector(client);
    const id = addNote(client, { sectionId: section, text: 'never sent', author: 'k' });
    const sv2 = Y.encodeStateVector(client);
    void sv;
    getNoteText(client, id)!.insert(0, 'built on it ');
    const onlySecond = Y.encodeStateAsUpdate(client, sv2);
    expect(checkUpdate(server, onlySecond)).toMatchObject({ kind: 'missing' });
  });

  it('refuses a delete of something the server never received', () => {
    const { server, client, section } = setup();
    const id = addNote(client, { sectionId: section, text: 'never sent', author: 'k' });
    const sv = Y.encodeStateVector(client);
    deleteNote(client, id);
    const onlyDelete = Y.encodeStateAsUpdate(client, sv);
    expect(checkUpdate(server, onlyDelete)).toMatchObject({ kind: 'missing' });
  });

  it('refuses an update from another client that depends on a third client the server lacks', () => {
    const { server, client, section } = setup();
    const third = new Y.Doc();
    Y.applyUpdate(third, Y.encodeStateAsUpdate(server));
    let id = '';
    const fromThird = change(third, (d) => (id = addNote(d, { sectionId: section, text: 'abc', author: 't' })));
    Y.applyUpdate(client, fromThird);
    const built = change(client, (d) => getNoteText(d, id)!.insert(1, 'x'));
    expect(checkUpdate(server, built)).toMatchObject({ kind: 'missing' });
    expect(offer(server, fromThird)).toBeNull();
    expect(offer(server, built)).toBeNull();
  });
});
