import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS, Retention } from '../../server/boards/retention.js';
import { createLogger } from '../../server/logger.js';
import { PgStore } from '../../server/store/pgStore.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import type { BoardRecord, BoardStore } from '../../server/store/types.js';
import { tempDataDir } from '../support/server.js';
import { DATABASE_URL, freshSchema, postgresAvailable } from '../support/services.js';

/**
 * The store side of retention on both stores: the last use recorded cheaply, idle boards found by
 * it, and the sweep run by one instance at a time (a PostgreSQL advisory lock shared by every
 * instance on the database; within the process for SQLite). The clock is injected.
 */
const postgresUp = await postgresAvailable();
const log = createLogger('silent');
const stores: BoardStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const board = (id: string, createdAt: number): BoardRecord => ({
  id,
  title: id,
  template: 'blank',
  language: 'en',
  joinKeyHash: 'a'.repeat(64),
  facilitatorKeyHash: 'b'.repeat(64),
  createdAt,
});

/** A deletion that records what it was asked; hold() makes it wait, inside the sweep, until released. */
function recordingDeletion(store: BoardStore) {
  const asked: string[] = [];
  let gate: Promise<void> | null = null;
  let entered: () => void = () => {};
  return {
    asked,
    hold() {
      let release: () => void = () => {};
      gate = new Promise((r) => (release = r));
      const inside = new Promise<void>((r) => (entered = r));
      return { inside, release: () => release() };
    },
    async delete(boardId: string) {
      asked.push(boardId);
      entered();
      await gate;
      return (await store.deleteBoard(boardId)) !== null;
    },
  };
}

function describeRetention(name: string, open: () => Promise<BoardStore>, enabled = true) {
  describe.runIf(enabled)(`retention on the ${name} store`, () => {
    it('records the last use at most once a minute and finds boards idle since before a time', async () => {
      const store = await open();
      stores.push(store);
      const t0 = 1_700_000_000_000;
      await store.createBoard(board('old', t0), new Uint8Array([0, 0]));
      await store.createBoard(board('used', t0), new Uint8Array([0, 0]));
      expect(await store.lastActiveAt('old')).toBe(t0);
      expect(await store.lastActiveAt('missing')).toBeNull();

      await store.touchBoard('used', t0 + 10 * DAY_MS);
      expect(await store.lastActiveAt('used')).toBe(t0 + 10 * DAY_MS);
      await store.touchBoard('used', t0 + 10 * DAY_MS + 30_000); // within the minute: not written
      expect(await store.lastActiveAt('used')).toBe(t0 + 10 * DAY_MS);
      await store.touchBoard('used', t0 + 10 * DAY_MS + 61_000);
      expect(await store.lastActiveAt('used')).toBe(t0 + 10 * DAY_MS + 61_000);

      expect(await store.idleBoards(t0 + 5 * DAY_MS, 10)).toEqual(['old']);
      expect(await store.idleBoards(t0 + 20 * DAY_MS, 10)).toEqual(['old', 'used']);
      expect(await store.idleBoards(t0 + 20 * DAY_MS, 1)).toEqual(['old']);
    });

    it('sweeps the boards idle longer than the retention period, and keeps the others', async () => {
      const store = await open();
      stores.push(store);
      let now = 1_800_000_000_000;
      await store.createBoard(board('idle', now - 40 * DAY_MS), new Uint8Array([0, 0]));
      await store.createBoard(board('young', now - 20 * DAY_MS), new Uint8Array([0, 0]));
      await store.createBoard(board('revived', now - 40 * DAY_MS), new Uint8Array([0, 0]));
      await store.touchBoard('revived', now - DAY_MS);
      const deletion = recordingDeletion(store);
      const retention = new Retention({ store, deletion, days: 30, sweepMs: 1000, log, now: () => now });
      expect(await retention.sweep()).toEqual({ ran: true, deleted: ['idle'] });
      expect(await store.getBoard('idle')).toBeNull();
      expect(await store.getBoard('young')).not.toBeNull();
      expect(retention.deletesAt(now)).toBe(now + 30 * DAY_MS);
      expect(await retention.deletesAtFor('young')).toBe(now + 10 * DAY_MS);

      now += 11 * DAY_MS;
      expect(await retention.sweep()).toEqual({ ran: true, deleted: ['young'] });
      const forever = new Retention({ store, deletion, days: 0, sweepMs: 1000, log, now: () => now + 1000 * DAY_MS });
      expect(await forever.sweep()).toEqual({ ran: false, deleted: [] });
      expect(await forever.deletesAtFor('revived')).toBeNull();
      expect(await store.getBoard('revived')).not.toBeNull();
    });
  });
}

const dir = tempDataDir();
describeRetention('sqlite', async () => new SqliteStore(path.join(dir, `r${Math.random().toString(36).slice(2)}.sqlite`)));
describeRetention('postgres', () => PgStore.open(DATABASE_URL, { schema: freshSchema('ret'), max: 3 }), postgresUp);

describe.runIf(postgresUp)('retention across instances (PostgreSQL)', () => {
  it('runs the sweep on one instance at a time: the other skips while it runs, and no board is deleted twice', async () => {
    const schema = freshSchema('ret2');
    const one = await PgStore.open(DATABASE_URL, { schema, max: 3 });
    const two = await PgStore.open(DATABASE_URL, { schema, max: 3 });
    stores.push(one, two);
    const now = Date.now();
    for (const id of ['a', 'b', 'c']) await one.createBoard(board(id, now - 100 * DAY_MS), new Uint8Array([0, 0]));

    const d1 = recordingDeletion(one);
    const d2 = recordingDeletion(two);
    const held = d1.hold();
    const r1 = new Retention({ store: one, deletion: d1, days: 90, sweepMs: 1000, log });
    const r2 = new Retention({ store: two, deletion: d2, days: 90, sweepMs: 1000, log });
    const first = r1.sweep();
    await held.inside; // the first instance is inside its sweep, holding the lock
    expect(await r2.sweep()).toEqual({ ran: false, deleted: [] });
    expect(d2.asked).toEqual([]);
    held.release();
    expect(await first).toEqual({ ran: true, deleted: ['a', 'b', 'c'] });
    // The lock is free again: the second instance sweeps, and finds nothing left.
    expect(await r2.sweep()).toEqual({ ran: true, deleted: [] });
    expect(d1.asked).toEqual(['a', 'b', 'c']);
  });

  it('does not share the lock with another schema (another deployment on the same server)', async () => {
    const one = await PgStore.open(DATABASE_URL, { schema: freshSchema('ret3'), max: 2 });
    const two = await PgStore.open(DATABASE_URL, { schema: freshSchema('ret4'), max: 2 });
    stores.push(one, two);
    let inner: boolean | undefined;
    const outer = await one.exclusive('retention', async () => {
      inner = await two.exclusive('retention', async () => {});
    });
    expect([outer, inner]).toEqual([true, true]);
    // Within one schema a second taker is refused, even from the same process (another pool client).
    let nested: boolean | undefined;
    const taken = await one.exclusive('retention', async () => {
      nested = await one.exclusive('retention', async () => {});
    });
    expect(taken).toBe(true);
    expect(nested).toBe(false);
  });
});
