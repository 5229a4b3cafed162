import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import * as Y from 'yjs';
import { PgStore } from '../../server/store/pgStore.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { RoundConflictError, type BoardRecord, type BoardStore, type ParticipantRecord } from '../../server/store/types.js';
import { mergeIntoSnapshot } from '../../server/yjs/updateLog.js';
import { tempDataDir } from '../support/server.js';
import { DATABASE_URL, freshSchema, postgresAvailable } from '../support/services.js';

const postgresUp = await postgresAvailable();

/** The repository contract every store keeps; the SQLite and PostgreSQL stores both run it. */
function describeStore(name: string, open: () => Promise<BoardStore>, enabled = true) {
  describe.runIf(enabled)(`${name} store`, () => {
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
      anonAuthorKey: `anon-${id}`,
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
      store = await open();
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
      store = await open();
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
      store = await open();
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

    it('keeps rounds (one open at a time), results, the log, session state, roles, removals and edit counts', async () => {
      store = await open();
      await store.createBoard(board('b5'), update('x'));
      await store.addParticipant(person('p5', 'b5', 'e'.repeat(64)));
      const round = {
        roundId: 'r1',
        title: 'Pa un?',
        sectionIds: ['goals'],
        budget: 3,
        perNoteCap: null,
        status: 'open' as const,
        openedAt: 5,
        closedAt: null,
      };
      await store.insertRound('b5', round);
      await expect(store.insertRound('b5', { ...round, roundId: 'r2' })).rejects.toBeInstanceOf(RoundConflictError);
      expect(await store.getOpenRound('b5')).toEqual(round);
      const results = {
        roundId: 'r1',
        voters: 1,
        votersByGroup: { 'service-user': 0, 'family-carer': 1, staff: 0, community: 0, unspecified: 0 },
        dotsCast: 2,
        assistedBallots: 0,
        tallies: [],
      };
      expect(await store.closeRound('b5', 'r1', 9, results)).toBe(true);
      expect(await store.closeRound('b5', 'r1', 10, results)).toBe(false);
      expect(await store.getOpenRound('b5')).toBeNull();
      expect(await store.listClosedRounds('b5')).toEqual([{ round: { ...round, status: 'closed', closedAt: 9 }, results }]);
      await store.insertRound('b5', { ...round, roundId: 'r2' }); // a new round once the last is closed

      const entry = (id: string, at: number) => ({ id, at, actorId: 'p5', actorName: 'Siân', action: 'locked' as const, detail: {} });
      await store.appendLog('b5', entry('l2', 20));
      await store.appendLog('b5', entry('l1', 10));
      expect((await store.listLog('b5')).map((e) => e.id)).toEqual(['l1', 'l2']);

      expect(await store.getSessionState('b5')).toBeNull();
      await store.saveSessionState('b5', { locked: true, hands: [{ participantId: 'p5', raisedAt: 1 }] });
      expect(await store.getSessionState('b5')).toEqual({ locked: true, hands: [{ participantId: 'p5', raisedAt: 1 }] });

      expect(await store.setRole('b5', 'p5', 'facilitator', true)).toBe(true);
      expect(await store.setCanAssist('b5', 'p5', true)).toBe(true);
      expect(await store.removeParticipant('b5', 'p5', 77)).toBe(true);
      expect(await store.removeParticipant('b5', 'p5', 78)).toBe(false);
      expect(await store.getParticipant('b5', 'p5')).toMatchObject({
        role: 'facilitator',
        coFacilitator: true,
        canAssist: true,
        removedAt: 77,
      });
      expect(await store.setRole('b5', 'nobody', 'participant', false)).toBe(false);

      await store.setJoinKeyHash('b5', 'f'.repeat(64));
      await store.setViewKeyHash('b5', '9'.repeat(64));
      expect(await store.getBoard('b5')).toMatchObject({ joinKeyHash: 'f'.repeat(64), viewKeyHash: '9'.repeat(64) });

      await store.appendUpdates(
        'b5',
        [update('a')],
        new Map([
          ['p5', 2],
          ['p6', 1],
        ]),
      );
      await store.appendUpdates('b5', [], new Map([['p5', 3]]));
      expect(await store.editCounts('b5')).toEqual(
        new Map([
          ['p5', 5],
          ['p6', 1],
        ]),
      );
    });

    it('survives being reopened', async () => {
      store = await open();
      await store.createBoard(board('b4'), update('x'));
      await store.appendUpdates('b4', [update('y')]);
      await store.close();
      store = await open();
      expect((await store.loadDoc('b4'))?.updates).toHaveLength(1);
    });
  });
}

const dir = tempDataDir();
describeStore('sqlite', async () => new SqliteStore(path.join(dir, 'boards.sqlite')));
const schema = freshSchema();
describeStore('postgres', () => PgStore.open(DATABASE_URL, { schema, max: 2 }), postgresUp);
