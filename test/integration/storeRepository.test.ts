import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import type { BoardRecord, BoardStore, ParticipantRecord } from '../../server/store/types.js';
import { mergeIntoSnapshot } from '../../server/yjs/liveBoard.js';
import { tempDataDir } from '../support/server.js';

/** The repository contract every store must keep. The PostgreSQL store will run the same suite. */
function describeStore(name: string, open: () => BoardStore) {
  describe(`${name} store`, () => {
    let store: BoardStore;
    afterEach(async () => store?.close());

    const board = (id: string): BoardRecord => ({
      id,
      title: 'Cynllun gofal dydd',
      template: 'coproduction',
      language: 'cy',
      joinKeyHash: 'a'.repeat(64),
      facilitatorKeyHash: 'b'.repeat(64),
      viewKeyHash: null,
      createdAt: 1000,
    });
    const person = (id: string, boardId: string, tokenHash: string): ParticipantRecord => ({
      id,
      boardId,
      tokenHash,
      name: 'Siân',
      group: 'family-carer',
      role: 'participant',
      authorKey: `author-${id}`,
      createdAt: 2000,
      inRoom: false,
      canAssist: false,
      coFacilitator: false,
      removedAt: null,
    });
    const update = (text: string, doc = new Y.Doc()) => {
      doc.getText('t').insert(doc.getText('t').length, text);
      return Y.encodeStateAsUpdate(doc);
    };

    it('creates and reads boards and participants', async () => {
      store = open();
      await store.createBoard(board('b1'), update('initial'));
      expect(await store.getBoard('b1')).toEqual(board('b1'));
      expect(await store.getBoard('missing')).toBeNull();
      await store.addParticipant(person('p1', 'b1', 'c'.repeat(64)));
      await store.addParticipant(person('p2', 'b1', 'd'.repeat(64)));
      expect(await store.findParticipantByTokenHash('b1', 'c'.repeat(64))).toEqual(person('p1', 'b1', 'c'.repeat(64)));
      expect(await store.findParticipantByTokenHash('other', 'c'.repeat(64))).toBeNull();
      expect((await store.listParticipants('b1')).map((p) => p.id)).toEqual(['p1', 'p2']);
    });

    it('appends updates in order and loads them back with the snapshot', async () => {
      store = open();
      const doc = new Y.Doc();
      await store.createBoard(board('b2'), update('A', doc));
      const u1 = update('B', doc);
      const u2 = update('C', doc);
      expect(await store.appendUpdates('b2', [u1])).toEqual({ logLength: 1 });
      expect(await store.appendUpdates('b2', [u2])).toEqual({ logLength: 2 });
      const loaded = await store.loadDoc('b2');
      expect(loaded?.updates.map((u) => Buffer.from(u).toString('hex'))).toEqual([u1, u2].map((u) => Buffer.from(u).toString('hex')));
      const check = new Y.Doc();
      Y.applyUpdate(check, loaded!.snapshot!);
      for (const u of loaded!.updates) Y.applyUpdate(check, u);
      expect(check.getText('t').toString()).toBe('ABC');
      expect(await store.loadDoc('missing')).toBeNull();
    });

    it('compacts the log into the snapshot without losing anything', async () => {
      store = open();
      const doc = new Y.Doc();
      await store.createBoard(board('b3'), update('start ', doc));
      for (let i = 0; i < 20; i++) await store.appendUpdates('b3', [update(`${i} `, doc)]);
      await store.compact('b3', mergeIntoSnapshot);
      const loaded = await store.loadDoc('b3');
      expect(loaded?.updates).toEqual([]);
      const check = new Y.Doc();
      Y.applyUpdate(check, loaded!.snapshot!);
      expect(check.getText('t').toString()).toBe(doc.getText('t').toString());
      expect((await store.appendUpdates('b3', [update('after', doc)])).logLength).toBe(1);
    });

    it('survives being reopened', async () => {
      store = open();
      await store.createBoard(board('b4'), update('x'));
      await store.appendUpdates('b4', [update('y')]);
      await store.close();
      store = open();
      expect((await store.loadDoc('b4'))?.updates).toHaveLength(1);
    });
  });
}

const dir = tempDataDir();
describeStore('sqlite', () => new SqliteStore(path.join(dir, 'boards.sqlite')));
