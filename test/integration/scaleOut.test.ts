import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { addNote, getNoteText, listNotes, notesOf } from '../../shared/boardDoc.js';
import type { AckResult } from '../../shared/session.js';
import type { MyVoteState, VoteRound } from '../../shared/votes.js';
import { applyTextChange } from '../../shared/textDiff.js';
import { PgStore } from '../../server/store/pgStore.js';
import { mergeIntoSnapshot } from '../../server/yjs/updateLog.js';
import * as Y from 'yjs';
import { connectDoc, connectSession, createBoard, join, request, waitFor, type DocClient } from '../support/clients.js';
import { trackPresence } from '../support/presence.js';
import { startFailoverProxy } from '../support/proxy.js';
import { startPrivatePostgres, startPrivateRedis } from '../support/privateServices.js';
import { askedList } from '../support/presence.js';
import { startServer, tempDataDir } from '../support/server.js';
import { DATABASE_URL, REDIS_URL, freshSchema, postgresAvailable, redisAvailable } from '../support/services.js';

const servicesUp = (await redisAvailable()) && (await postgresAvailable());

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  // Every step runs even if one fails, so a failed test leaves no server or database behind.
  const errors: unknown[] = [];
  for (const c of cleanup.splice(0).reverse()) {
    try {
      await c();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
});

/** Two instances on one Redis and one PostgreSQL schema, as behind a load balancer. */
async function twoInstances(env: { REDIS_URL?: string; DATABASE_URL?: string } = {}) {
  const shared = {
    REDIS_URL: env.REDIS_URL ?? REDIS_URL,
    DATABASE_URL: env.DATABASE_URL ?? DATABASE_URL,
    DATABASE_SCHEMA: freshSchema('scale'),
    LOG_LEVEL: 'warn',
  };
  const one = await startServer({ dataDir: tempDataDir(), env: shared });
  const two = await startServer({ dataDir: tempDataDir(), env: shared });
  cleanup.push(
    () => one.kill(),
    () => two.kill(),
  );
  return { one, two, shared };
}
function doc(url: string, boardId: string, token: string): DocClient {
  const d = connectDoc(url, boardId, token);
  cleanup.push(() => d.destroy());
  return d;
}
function session(url: string, boardId: string, token: string): Socket {
  const s = connectSession(url, boardId, token);
  cleanup.push(() => s.close());
  return s;
}
const state = (d: DocClient) => JSON.stringify(listNotes(d.doc));

// Each test starts two or three server processes (and some a private Redis or PostgreSQL): on a
// busy machine that alone can take most of the default 30 s.
describe.runIf(servicesUp)('scale-out: several instances on Redis and PostgreSQL', { timeout: 90_000 }, () => {
  it('converges edits, shows presence and holds the vote budget across two instances', async () => {
    const { one, two } = await twoInstances();
    const b = await createBoard(one.url);
    const fac = await join(one.url, b.boardId, b.facilitatorKey, 'Alun', 'staff');
    const rhian = await join(two.url, b.boardId, b.joinKey, 'Rhian', 'service-user');
    const a = doc(one.url, b.boardId, fac.token);
    const c = doc(two.url, b.boardId, rhian.token);
    await Promise.all([a.synced, c.synced]);

    const shared = addNote(a.doc, { sectionId: 'goals', text: 'Lifts to appointments', author: fac.authorKey });
    await waitFor(() => getNoteText(c.doc, shared)?.toString() === 'Lifts to appointments', 'note crosses instances');
    applyTextChange(getNoteText(a.doc, shared)!, 'Free lifts to appointments');
    applyTextChange(getNoteText(c.doc, shared)!, 'Lifts to appointments and home');
    addNote(c.doc, { sectionId: 'assets', text: 'Community bus', author: rhian.authorKey });
    await waitFor(() => listNotes(a.doc).length === 2 && state(a) === state(c), 'instances converge');
    expect(getNoteText(a.doc, shared)!.toString()).toBe('Free lifts to appointments and home');
    const metrics = await (await fetch(`${two.url}/metrics`)).text();
    expect(Number(/^codesign_redis_stream_lag_seconds_count (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);

    // Presence: each instance's clients see both people online.
    const s1 = session(one.url, b.boardId, fac.token);
    const s2 = session(two.url, b.boardId, rhian.token);
    const seen = trackPresence(s1);
    await waitFor(() => seen.latest().filter((p) => p.status === 'online').length === 2, 'presence across instances');

    // The same person connected to both instances cannot exceed the budget.
    const round = await request<AckResult<VoteRound>>(s1, 'vote:open', { title: 'Across', sectionIds: ['goals', 'assets'], budget: 2 });
    if (!round.ok) throw new Error(round.error.message);
    const onOne = session(one.url, b.boardId, rhian.token);
    await new Promise<void>((r) => onOne.once('connect', () => r()));
    const noteIds = listNotes(a.doc).map((n) => n.id);
    await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        request(k % 2 ? s2 : onOne, 'vote:set', { roundId: round.data.roundId, noteId: noteIds[k % 2], dots: 1 + (k >> 2) }),
      ),
    );
    const mine = await request<AckResult<{ current: MyVoteState }>>(s2, 'vote:state');
    if (!mine.ok) throw new Error(mine.error.message);
    expect(Object.values(mine.data.current.ballot).reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(2);
    expect(mine.data.current.remaining).toBeGreaterThanOrEqual(0);
  });

  it('keeps every edit when one instance is killed during a burst; its clients carry on through the other', async () => {
    const { one, two, shared } = await twoInstances();
    let alive = [one.port, two.port];
    const lb = await startFailoverProxy(() => alive);
    cleanup.push(() => lb.close());
    const b = await createBoard(lb.url);
    const writer = await join(lb.url, b.boardId, b.joinKey, 'Writer', 'service-user');
    const other = await join(lb.url, b.boardId, b.joinKey, 'Other', 'staff');
    const w = doc(lb.url, b.boardId, writer.token); // through the balancer: lands on instance one
    const o = doc(two.url, b.boardId, other.token); // straight to instance two
    await Promise.all([w.synced, o.synced]);

    const written: string[] = [];
    const burst = (async () => {
      for (let i = 0; i < 200; i++) {
        written.push(addNote(w.doc, { sectionId: 'goals', text: `idea ${i}`, author: writer.authorKey }));
        if (i % 2) addNote(o.doc, { sectionId: 'plan', text: `reply ${i}`, author: other.authorKey });
        await new Promise((r) => setTimeout(r, 3));
      }
    })();
    await waitFor(() => notesOf(o.doc).size > 60, 'burst under way');
    await one.kill();
    alive = [two.port];
    await burst;

    await waitFor(() => w.provider.wsconnected && o.provider.wsconnected, 'writer reconnected through the balancer', 20_000);
    await waitFor(() => listNotes(w.doc).length === 300 && state(w) === state(o), 'every edit everywhere', 20_000);

    // And PostgreSQL has them all: read the stored doc directly.
    const pg = await PgStore.open(shared.DATABASE_URL, { schema: shared.DATABASE_SCHEMA, max: 1 });
    cleanup.push(() => pg.close());
    await waitFor(
      async () => {
        const stored = await pg.loadDoc(b.boardId);
        const d = new Y.Doc();
        Y.applyUpdate(d, mergeIntoSnapshot([...(stored!.snapshot ? [stored!.snapshot] : []), ...stored!.updates]));
        return listNotes(d).length === 300;
      },
      'PostgreSQL holds every edit',
      20_000,
    );
    expect(new Set(listNotes(w.doc).map((n) => n.id))).toEqual(
      new Set([
        ...written,
        ...listNotes(o.doc)
          .filter((n) => n.sectionId === 'plan')
          .map((n) => n.id),
      ]),
    );
  });

  it('resumes fan-out after Redis restarts, and the instances converge without a reload', async () => {
    const redis = await startPrivateRedis();
    cleanup.push(() => redis.kill());
    const { one, two } = await twoInstances({ REDIS_URL: redis.url });
    const b = await createBoard(one.url);
    const p1 = await join(one.url, b.boardId, b.joinKey, 'One', 'service-user');
    const p2 = await join(two.url, b.boardId, b.joinKey, 'Two', 'family-carer');
    const a = doc(one.url, b.boardId, p1.token);
    const c = doc(two.url, b.boardId, p2.token);
    await Promise.all([a.synced, c.synced]);
    addNote(a.doc, { sectionId: 'goals', text: 'before', author: p1.authorKey });
    await waitFor(() => state(a) === state(c) && listNotes(c.doc).length === 1, 'fan-out works');

    await redis.kill();
    addNote(a.doc, { sectionId: 'goals', text: 'during the outage, on one', author: p1.authorKey });
    addNote(c.doc, { sectionId: 'goals', text: 'during the outage, on two', author: p2.authorKey });
    await new Promise((r) => setTimeout(r, 500));
    expect(listNotes(a.doc).length).toBe(2); // no fan-out while Redis is down…
    expect(await (await fetch(`${one.url}/readyz`)).json()).toMatchObject({ status: 'not-ready', checks: { redis: 'failing' } });

    await redis.start();
    await waitFor(() => listNotes(a.doc).length === 3 && state(a) === state(c), '…and the instances converge once it is back', 20_000);
    addNote(c.doc, { sectionId: 'goals', text: 'after', author: p2.authorKey });
    await waitFor(() => listNotes(a.doc).length === 4, 'fan-out resumed');
    expect((await fetch(`${one.url}/readyz`)).status).toBe(200);
  });

  it('loses no accepted edit when PostgreSQL restarts: failures are told, writes retried', async () => {
    const pg = await startPrivatePostgres();
    cleanup.push(() => pg.stop());
    const { one, two, shared } = await twoInstances({ DATABASE_URL: pg.url });
    const b = await createBoard(one.url);
    const p1 = await join(one.url, b.boardId, b.joinKey, 'One', 'service-user');
    const p2 = await join(two.url, b.boardId, b.joinKey, 'Two', 'staff');
    const a = doc(one.url, b.boardId, p1.token);
    const c = doc(two.url, b.boardId, p2.token);
    await Promise.all([a.synced, c.synced]);
    const s = session(one.url, b.boardId, p1.token);
    const storage: string[] = [];
    s.on('doc:storage', (e: { state: string }) => storage.push(e.state));
    // A new session is sent the vote round and the facilitation state, and asks for presence, all
    // read from the database after 'connect'. Wait for them: this test stops PostgreSQL while
    // people edit, not while the server is still answering a connection.
    await Promise.all([...['vote:round', 'facilitation:state'].map((e) => new Promise<void>((r) => s.once(e, () => r()))), askedList(s)]);

    pg.stop();
    addNote(a.doc, { sectionId: 'goals', text: 'while the database was down', author: p1.authorKey });
    await waitFor(() => storage.includes('failing'), 'people are told saving is failing', 15_000);
    expect((await fetch(`${one.url}/readyz`)).status).toBe(503);
    await pg.start();
    await waitFor(() => storage.at(-1) === 'ok', 'people are told saving works again', 30_000);
    await waitFor(
      () => listNotes(c.doc).some((n) => n.text === 'while the database was down'),
      'the held edit is stored and fanned out',
      20_000,
    );

    // A fresh instance reads it from the database.
    await one.kill();
    await two.kill();
    const three = await startServer({ dataDir: tempDataDir(), env: shared });
    cleanup.push(() => three.kill());
    const check = doc(three.url, b.boardId, p2.token);
    await check.synced;
    expect(listNotes(check.doc).map((n) => n.text)).toEqual(['while the database was down']);
  });
});
