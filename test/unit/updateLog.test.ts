import fs from 'node:fs';
import path from 'node:path';
import { Counter, Histogram } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, getNoteText, initBoardDoc, listNotes, listSections } from '../../shared/boardDoc.js';
import { TEMPLATES } from '../../shared/templates.js';
import { createLogger } from '../../server/logger.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import type { MergeUpdates } from '../../server/store/types.js';
import type { DocConnection } from '../../server/yjs/ports.js';
import { UpdateLog, type Accepted, type UpdateLogOptions } from '../../server/yjs/updateLog.js';
import { tempDataDir } from '../support/server.js';

/**
 * The write-through update log (server/yjs/updateLog.ts) on the real SQLite store in a temp dir,
 * fed the updates of a real Y.Doc as the live board feeds it. The store is wrapped, as in
 * test/integration/storeFailure.test.ts, so that appends can fail (a full disk) or be held for
 * a while (a slow database), and compaction likewise.
 */

const BOARD = 'board00000000001';

function gate() {
  let open!: () => void;
  const closed = new Promise<void>((resolve) => (open = resolve));
  return { closed, open };
}

class ControlledStore extends SqliteStore {
  failing = false;
  failCompaction = false;
  /** While set, appends (or compactions) wait for it: a slow database. */
  appendGate: Promise<void> | null = null;
  compactGate: Promise<void> | null = null;
  /** Every append asked of the store, with what it carried and whether it failed. */
  readonly appends: { updates: Uint8Array[]; edits: Map<string, number>; failed: boolean }[] = [];
  compactions = 0;

  override async appendUpdates(boardId: string, updates: Uint8Array[], edits: ReadonlyMap<string, number> = new Map()) {
    const call = { updates: [...updates], edits: new Map(edits), failed: false };
    this.appends.push(call);
    if (this.appendGate) await this.appendGate;
    if (this.failing) {
      call.failed = true;
      throw new Error('disk full (injected)');
    }
    return super.appendUpdates(boardId, updates, edits);
  }

  override async compact(boardId: string, merge: MergeUpdates) {
    this.compactions++;
    if (this.compactGate) await this.compactGate;
    if (this.failCompaction) throw new Error('compaction failed (injected)');
    return super.compact(boardId, merge);
  }

  /** Rows in the board's update log right now (read synchronously, at the moment of asking). */
  logRows(): number {
    return (this.database.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE board_id = ?').get(BOARD) as { n: number }).n;
  }
}

function conn(participantId: string): DocConnection {
  return { participantId, send() {}, close() {} };
}

type Event =
  | { kind: 'durable'; batch: Accepted[]; rowsThen: number }
  | { kind: 'failed'; error: unknown }
  | { kind: 'recovered' }
  | { kind: 'settled' };

const dirs: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A board in a fresh store, its doc, and an update log fed by the doc as the live board feeds it. */
async function setup(opts: Partial<Pick<UpdateLogOptions, 'compactAfterUpdates' | 'maxRetryMs'>> = {}) {
  const dir = tempDataDir();
  dirs.push(dir);
  const store = new ControlledStore(path.join(dir, 'boards.sqlite'));
  const doc = new Y.Doc();
  initBoardDoc(doc, TEMPLATES.coproduction);
  await store.createBoard(
    { id: BOARD, title: 'Day centre', template: 'coproduction', language: 'en', joinKeyHash: 'j', facilitatorKeyHash: 'f', createdAt: 1 },
    Y.encodeStateAsUpdate(doc),
  );
  const events: Event[] = [];
  const busyWhenSettled: boolean[] = [];
  const metrics = {
    storeAppendSeconds: new Histogram({ name: 'test_append_seconds', help: 'test', registers: [] }),
    storeAppendFailures: new Counter({ name: 'test_append_failures', help: 'test', registers: [] }),
  };
  const log: UpdateLog = new UpdateLog({
    boardId: BOARD,
    store,
    compactAfterUpdates: opts.compactAfterUpdates ?? 1_000_000,
    maxRetryMs: opts.maxRetryMs ?? 10,
    log: createLogger('silent'),
    metrics,
    durable: (batch) => events.push({ kind: 'durable', batch, rowsThen: store.logRows() }),
    storageFailed: (error) => events.push({ kind: 'failed', error }),
    storageRecovered: () => events.push({ kind: 'recovered' }),
    settled: () => {
      busyWhenSettled.push(log.busy);
      events.push({ kind: 'settled' });
    },
  });
  /** Every update the doc made, in order, as the log was handed them. */
  const made: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: DocConnection) => {
    made.push(update);
    log.append(update, origin);
  });
  cleanups.push(async () => {
    log.destroy();
    doc.destroy();
    await store.close();
  });

  const count = (kind: Event['kind']) => events.filter((e) => e.kind === kind).length;
  const durableBatches = () => events.flatMap((e) => (e.kind === 'durable' ? [e.batch] : []));
  const failures = async () => (await metrics.storeAppendFailures.get()).values[0]?.value ?? 0;
  /** The doc as the store would load it: snapshot, then the log. */
  async function stored(): Promise<{ doc: Y.Doc; snapshot: Uint8Array | null; updates: Uint8Array[] }> {
    const s = (await store.loadDoc(BOARD))!;
    const loaded = new Y.Doc();
    if (s.snapshot) Y.applyUpdate(loaded, s.snapshot);
    for (const u of s.updates) Y.applyUpdate(loaded, u);
    cleanups.push(() => loaded.destroy());
    return { doc: loaded, ...s };
  }
  return { store, doc, log, events, busyWhenSettled, made, count, durableBatches, failures, stored };
}

/** The next turn of the event loop (after setImmediate callbacks queued before it). */
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Polls until `cond` holds; generous, since the machine may be busy. */
async function until(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Same content, same history: what a person would see, and what a client would sync. */
function expectSameDoc(actual: Y.Doc, expected: Y.Doc) {
  expect(listNotes(actual)).toEqual(listNotes(expected));
  expect(listSections(actual)).toEqual(listSections(expected));
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
  expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))).toBe(true); // same inserts, same deletes
}

const bytesOf = (updates: Uint8Array[]) => updates.map((u) => Buffer.from(u).toString('hex'));

describe('the update log: writing through', () => {
  it('appends what one tick queued as one batch, and calls durable after the append with the same updates in order', async () => {
    const t = await setup();
    const alys = conn('alys');
    const bryn = conn('bryn');
    t.doc.transact(() => addNote(t.doc, { sectionId: 'goals', text: 'Transport', author: 'a' }), alys);
    t.doc.transact(() => addNote(t.doc, { sectionId: 'plan', text: 'Minibus', author: 'b' }), bryn);
    t.doc.transact(() => addNote(t.doc, { sectionId: 'goals', text: 'Welsh', author: 'a' }), alys);
    // Nothing is written in the tick that queued it.
    expect(t.store.appends).toHaveLength(0);
    expect(t.log.hasUnwritten).toBe(true);
    expect(t.log.busy).toBe(true);

    await until(() => t.count('settled') === 1, 'settled');
    expect(t.store.appends).toHaveLength(1);
    expect(t.store.appends[0].updates).toEqual(t.made);
    const [batch] = t.durableBatches();
    expect(batch.map((b) => b.update)).toEqual(t.made);
    for (const [i, b] of batch.entries()) expect(b.update).toBe(t.made[i]); // the very updates handed in
    expect(batch.map((b) => b.origin)).toEqual([alys, bryn, alys]);
    // When durable was called, all three were already rows in the store.
    expect(t.events.map((e) => e.kind)).toEqual(['durable', 'settled']);
    expect(t.events[0]).toMatchObject({ rowsThen: 3 });
    expect(t.log.busy).toBe(false);

    // A later tick is a later batch.
    t.doc.transact(() => addNote(t.doc, { sectionId: 'plan', text: 'Later', author: 'b' }), bryn);
    await until(() => t.count('settled') === 2, 'settled again');
    expect(t.store.appends.map((a) => a.updates.length)).toEqual([3, 1]);
    expect(t.durableBatches()[1].map((b) => b.update)).toEqual([t.made[3]]);
    expectSameDoc((await t.stored()).doc, t.doc);
    expect(t.busyWhenSettled).toEqual([false, false]);
  });

  it('queues what arrives while a batch is being written and writes it next, in order', async () => {
    const t = await setup();
    const slow = gate();
    t.store.appendGate = slow.closed;
    const c = conn('alys');
    const id = addNote(t.doc, { sectionId: 'goals', text: 'a', author: 'a' });
    await until(() => t.store.appends.length === 1, 'first append started');
    t.doc.transact(() => getNoteText(t.doc, id)!.insert(1, 'b'), c);
    await nextTick();
    t.doc.transact(() => getNoteText(t.doc, id)!.insert(2, 'c'), c);
    await nextTick();
    await nextTick();
    // One write at a time: the second batch waits for the first.
    expect(t.store.appends).toHaveLength(1);
    expect(t.events).toEqual([]);
    expect(t.log.hasUnwritten).toBe(true);

    t.store.appendGate = null;
    slow.open();
    await until(() => t.count('settled') === 1, 'settled');
    expect(t.store.appends.map((a) => a.updates)).toEqual([[t.made[0]], [t.made[1], t.made[2]]]);
    expect(t.durableBatches().map((b) => b.map((x) => x.update))).toEqual([[t.made[0]], [t.made[1], t.made[2]]]);
    expect(t.events.map((e) => e.kind)).toEqual(['durable', 'durable', 'settled']);
    expect(t.events[0]).toMatchObject({ rowsThen: 1 });
    expect(t.events[1]).toMatchObject({ rowsThen: 3 });
    expect(getNoteText((await t.stored()).doc, id)?.toString()).toBe('abc');
  });

  it('stores edit counts with the append that follows them, and a count made during a write with the next one', async () => {
    const t = await setup();
    t.log.countEdit('alys');
    t.log.countEdit('alys');
    t.log.countEdit('bryn');
    const slow = gate();
    t.store.appendGate = slow.closed;
    addNote(t.doc, { sectionId: 'goals', text: 'a', author: 'a' });
    await until(() => t.store.appends.length === 1, 'append started');
    t.log.countEdit('alys'); // counted while the first batch is being written
    addNote(t.doc, { sectionId: 'goals', text: 'b', author: 'a' });
    await nextTick();
    t.store.appendGate = null;
    slow.open();
    await until(() => t.count('settled') === 1, 'settled');
    expect(t.store.appends.map((a) => Object.fromEntries(a.edits))).toEqual([{ alys: 2, bryn: 1 }, { alys: 1 }]);
    expect(Object.fromEntries(await t.store.editCounts(BOARD))).toEqual({ alys: 3, bryn: 1 });
  });

  it('settles when a slow write finishes before the tick that queued more has come round', async () => {
    const t = await setup();
    const slow = gate();
    t.store.appendGate = slow.closed;
    addNote(t.doc, { sectionId: 'goals', text: 'first', author: 'a' });
    await until(() => t.store.appends.length === 1, 'first append started');
    // More arrives, and the slow write returns, in the same turn of the event loop.
    addNote(t.doc, { sectionId: 'goals', text: 'second', author: 'a' });
    t.store.appendGate = null;
    slow.open();
    await until(() => t.count('durable') === 2 && !t.log.busy, 'both written');
    await nextTick();
    expect(t.events.map((e) => e.kind)).toEqual(['durable', 'durable', 'settled']);
  });

  it('flush() while a batch is being written resolves only once everything queued is written', async () => {
    const t = await setup();
    const slow = gate();
    t.store.appendGate = slow.closed;
    addNote(t.doc, { sectionId: 'goals', text: 'first', author: 'a' });
    await until(() => t.store.appends.length === 1, 'first append started');
    addNote(t.doc, { sectionId: 'goals', text: 'queued behind it', author: 'a' });
    // As at shutdown: write everything pending, then close the store.
    let flushed = false;
    const flushing = t.log.flush().then(() => (flushed = true));
    await nextTick();
    expect(flushed).toBe(false);
    t.store.appendGate = null;
    slow.open();
    await flushing;
    expect(t.log.hasUnwritten).toBe(false);
    expect(t.store.logRows()).toBe(2);
    expect(listNotes((await t.stored()).doc).map((n) => n.text)).toEqual(['first', 'queued behind it']);
  });
});

describe('the update log: when the store fails', () => {
  it('keeps the batch, says so once, retries, says once that it works again, and loses or repeats nothing', async () => {
    const t = await setup({ maxRetryMs: 10 });
    const alys = conn('alys');
    const bryn = conn('bryn');
    t.store.failing = true;
    t.doc.transact(() => addNote(t.doc, { sectionId: 'goals', text: 'Written while the disk was full', author: 'a' }), alys);
    t.log.countEdit('alys');
    await until(() => t.count('failed') === 1, 'storage failed');
    expect((t.events[0] as { error: Error }).error.message).toBe('disk full (injected)');
    // More arrives while failing: queued behind the kept batch.
    t.doc.transact(() => addNote(t.doc, { sectionId: 'plan', text: 'And this', author: 'b' }), bryn);
    t.log.countEdit('bryn');
    t.log.countEdit('alys');
    await until(() => t.store.appends.length >= 5, 'several retries');

    expect(t.events.map((e) => e.kind)).toEqual(['failed']); // told once; nothing durable, not settled
    expect(t.log.hasUnwritten).toBe(true);
    expect(t.log.busy).toBe(true);
    expect(t.store.logRows()).toBe(0);
    // Every attempt carried the kept batch first, then what came after it.
    for (const a of t.store.appends) expect(a.updates[0]).toBe(t.made[0]);
    expect(t.store.appends.at(-1)!.updates).toEqual(t.made);
    expect(Object.fromEntries(t.store.appends.at(-1)!.edits)).toEqual({ alys: 2, bryn: 1 });

    t.store.failing = false;
    await until(() => t.count('settled') === 1, 'settled after recovery');
    expect(t.events.map((e) => e.kind)).toEqual(['failed', 'recovered', 'durable', 'settled']);
    expect(
      t
        .durableBatches()
        .flat()
        .map((b) => b.update),
    ).toEqual(t.made);
    expect(
      t
        .durableBatches()
        .flat()
        .map((b) => b.origin),
    ).toEqual([alys, bryn]);
    expect(t.busyWhenSettled).toEqual([false]);
    const failedAttempts = t.store.appends.filter((a) => a.failed).length;
    expect(failedAttempts).toBe(t.store.appends.length - 1);
    expect(await t.failures()).toBe(failedAttempts);

    // Read back: each update exactly once, in order, and the edit counts not multiplied by the retries.
    const stored = await t.stored();
    expect(bytesOf(stored.updates)).toEqual(bytesOf(t.made));
    expectSameDoc(stored.doc, t.doc);
    expect(Object.fromEntries(await t.store.editCounts(BOARD))).toEqual({ alys: 2, bryn: 1 });
  });

  it('tells again, once, when the store fails a second time', async () => {
    const t = await setup({ maxRetryMs: 10 });
    for (let episode = 1; episode <= 2; episode++) {
      t.store.failing = true;
      addNote(t.doc, { sectionId: 'goals', text: `episode ${episode}`, author: 'a' });
      const attempts = t.store.appends.length;
      await until(() => t.store.appends.length >= attempts + 3, 'retries');
      t.store.failing = false;
      await until(() => t.count('settled') === episode, 'settled');
    }
    expect(t.events.map((e) => e.kind)).toEqual(['failed', 'recovered', 'durable', 'settled', 'failed', 'recovered', 'durable', 'settled']);
    expect(bytesOf((await t.stored()).updates)).toEqual(bytesOf(t.made));
  });

  it('flush() does not wait for a failing store', async () => {
    const t = await setup({ maxRetryMs: 10 });
    t.store.failing = true;
    addNote(t.doc, { sectionId: 'goals', text: 'a', author: 'a' });
    await t.log.flush();
    expect(t.log.hasUnwritten).toBe(true);
    expect(t.count('failed')).toBe(1);
  });

  it('stops retrying once destroyed', async () => {
    const t = await setup({ maxRetryMs: 10 });
    t.store.failing = true;
    addNote(t.doc, { sectionId: 'goals', text: 'a', author: 'a' });
    await until(() => t.store.appends.length >= 2, 'a retry');
    t.log.destroy();
    const attempts = t.store.appends.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.store.appends.length).toBe(attempts);
  });
});

describe('the update log: retry backoff', () => {
  /** Waits out the microtasks and immediates a failed append leaves (setImmediate is not faked). */
  const settle = async () => {
    for (let i = 0; i < 3; i++) await nextTick();
  };

  it('waits 200 ms after the first failure, doubling each time up to maxRetryMs, and starts again at 200 after a success', async () => {
    const t = await setup({ maxRetryMs: 1000 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    t.store.failing = true;
    addNote(t.doc, { sectionId: 'goals', text: 'a', author: 'a' });
    await settle();
    expect(t.store.appends).toHaveLength(1);

    for (const expected of [200, 400, 800, 1000, 1000]) {
      const attempts = t.store.appends.length;
      await vi.advanceTimersByTimeAsync(expected - 1);
      await settle();
      expect(t.store.appends.length, `no retry before ${expected} ms`).toBe(attempts);
      await vi.advanceTimersByTimeAsync(1);
      await settle();
      expect(t.store.appends.length, `a retry at ${expected} ms`).toBe(attempts + 1);
    }

    t.store.failing = false;
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(t.count('recovered')).toBe(1);
    expect(t.count('settled')).toBe(1);

    t.store.failing = true;
    addNote(t.doc, { sectionId: 'goals', text: 'b', author: 'a' });
    await settle();
    const attempts = t.store.appends.length;
    await vi.advanceTimersByTimeAsync(199);
    await settle();
    expect(t.store.appends.length).toBe(attempts);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(t.store.appends.length).toBe(attempts + 1);
    t.log.destroy();
  });

  it('never waits longer than a maxRetryMs below 200 ms', async () => {
    const t = await setup({ maxRetryMs: 50 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    t.store.failing = true;
    addNote(t.doc, { sectionId: 'goals', text: 'a', author: 'a' });
    await settle();
    for (let i = 0; i < 3; i++) {
      const attempts = t.store.appends.length;
      await vi.advanceTimersByTimeAsync(50);
      await settle();
      expect(t.store.appends.length).toBe(attempts + 1);
    }
    t.log.destroy();
  });
});

describe('the update log: compaction and settling', () => {
  it('does not compact below compactAfterUpdates; past it, folds the log into a snapshot equal to the doc', async () => {
    const t = await setup({ compactAfterUpdates: 5 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(addNote(t.doc, { sectionId: 'goals', text: `note ${i} `.repeat(40), author: 'a' }));
      await until(() => t.count('settled') === i + 1, `batch ${i} settled`);
    }
    expect(t.store.compactions).toBe(0);
    expect((await t.stored()).updates).toHaveLength(4);

    deleteNote(t.doc, ids[0]); // the fifth row: compaction is due
    await until(() => t.count('settled') === 5, 'settled after compaction');
    expect(t.store.compactions).toBe(1);
    const after = await t.stored();
    expect(after.updates).toHaveLength(0);
    expect(after.snapshot).not.toBeNull();
    const fromSnapshot = new Y.Doc();
    Y.applyUpdate(fromSnapshot, after.snapshot!);
    expectSameDoc(fromSnapshot, t.doc);
    // The deleted note's text is garbage-collected from the snapshot.
    expect(Buffer.from(after.snapshot!).includes(Buffer.from('note 0 '))).toBe(false);
    expect(listNotes(fromSnapshot)).toHaveLength(3);

    // Writing goes on after the snapshot.
    getNoteText(t.doc, ids[1])!.insert(0, 'Edited: ');
    await until(() => t.count('settled') === 6, 'settled after an edit');
    const later = await t.stored();
    expect(later.updates).toHaveLength(1);
    expectSameDoc(later.doc, t.doc);
    expect(t.busyWhenSettled.every((busy) => !busy)).toBe(true);
  });

  it('is not settled while compacting, keeps writing meanwhile, and settles once compaction is done', async () => {
    const t = await setup({ compactAfterUpdates: 2 });
    const slow = gate();
    t.store.compactGate = slow.closed;
    t.doc.transact(() => {
      addNote(t.doc, { sectionId: 'goals', text: 'a', author: 'a' });
    });
    addNote(t.doc, { sectionId: 'goals', text: 'b', author: 'a' });
    await until(() => t.store.compactions === 1, 'compaction started');
    expect(t.count('durable')).toBe(1);
    expect(t.count('settled')).toBe(0);
    expect(t.log.hasUnwritten).toBe(false);
    expect(t.log.busy).toBe(true);

    // An edit during compaction is written, and made durable, without waiting for it.
    addNote(t.doc, { sectionId: 'goals', text: 'c', author: 'a' });
    await until(() => t.count('durable') === 2, 'written during compaction');
    await nextTick();
    expect(t.count('settled')).toBe(0);
    expect(t.store.compactions).toBe(1); // one compaction at a time

    t.store.compactGate = null;
    slow.open();
    await until(() => t.count('settled') === 1, 'settled');
    expect(t.events.map((e) => e.kind)).toEqual(['durable', 'durable', 'settled']);
    expect(t.busyWhenSettled).toEqual([false]);
    expectSameDoc((await t.stored()).doc, t.doc);
  });

  it('a failed compaction loses nothing, still settles, and is tried again after the next append', async () => {
    const t = await setup({ compactAfterUpdates: 2 });
    t.store.failCompaction = true;
    addNote(t.doc, { sectionId: 'goals', text: 'a', author: 'a' });
    addNote(t.doc, { sectionId: 'goals', text: 'b', author: 'a' });
    await until(() => t.count('settled') === 1, 'settled despite the failed compaction');
    expect(t.store.compactions).toBe(1);
    const kept = await t.stored();
    expect(kept.updates).toHaveLength(2);
    expectSameDoc(kept.doc, t.doc);

    t.store.failCompaction = false;
    addNote(t.doc, { sectionId: 'goals', text: 'c', author: 'a' });
    await until(() => t.count('settled') === 2, 'settled again');
    expect(t.store.compactions).toBe(2);
    const compacted = await t.stored();
    expect(compacted.updates).toHaveLength(0);
    expectSameDoc(compacted.doc, t.doc);
  });

  it('is not settled while a retry is pending, even with nothing new queued', async () => {
    const t = await setup({ maxRetryMs: 10 });
    t.store.failing = true;
    addNote(t.doc, { sectionId: 'goals', text: 'a', author: 'a' });
    await until(() => t.store.appends.length >= 3, 'retries');
    expect(t.count('settled')).toBe(0);
    expect(t.log.busy).toBe(true);
    t.store.failing = false;
    await until(() => t.count('settled') === 1, 'settled');
    expect(t.busyWhenSettled).toEqual([false]);
  });
});
