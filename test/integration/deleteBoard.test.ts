import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createClient } from 'redis';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardRetention } from '../../shared/api.js';
import { addNote, listNotes } from '../../shared/boardDoc.js';
import { DOC_CLOSE, type AckResult } from '../../shared/session.js';
import type { VoteRound } from '../../shared/votes.js';
import { connectDoc, connectSession, createBoard, join, request, tryUpgrade, waitFor, type DocClient } from '../support/clients.js';
import { SCALED, scaledEnv, startServer, tempDataDir, type RunningServer } from '../support/server.js';

/**
 * Deleting a board (by its facilitator, and by retention): every address answers 404 afterwards,
 * people connected are told and disconnected, and nothing of it is left in any store: the SQLite
 * file (its bytes too), PostgreSQL's tables, Redis' keys, another instance's memory.
 */
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await Promise.resolve(c()).catch(() => {});
});

const DAY = 24 * 60 * 60 * 1000;
const TABLES = ['participants', 'doc_snapshots', 'doc_updates', 'edit_counts', 'vote_rounds', 'facilitator_log', 'board_sessions'];

async function server(env: Record<string, string> = {}, dataDir = tempDataDir()): Promise<RunningServer> {
  const srv = await startServer({ dataDir, env });
  cleanup.push(() => srv.kill());
  return srv;
}
function doc(url: string, boardId: string, token: string): DocClient {
  const d = connectDoc(url, boardId, token);
  cleanup.push(() => d.destroy());
  return d;
}
async function session(url: string, boardId: string, token: string): Promise<{ socket: Socket; events: [string, unknown][] }> {
  const socket = connectSession(url, boardId, token);
  cleanup.push(() => socket.close());
  const events: [string, unknown][] = [];
  socket.onAny((event, payload) => events.push([event, payload]));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, events };
}
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const del = (url: string, boardId: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/boards/${boardId}`, { method: 'DELETE', headers });
const ok = <T>(ack: AckResult<T>): T => {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
};
/** How a doc connection ended for good (y-websocket's `closed` event: a 4400-4499 close code). */
function closedWith(d: DocClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => d.provider.on('closed', (e: { code: number; reason: string }) => resolve(e)));
}
function handshakeStatus(url: string, boardId: string, token: string): Promise<number | 'connected'> {
  const s = connectSession(url, boardId, token);
  cleanup.push(() => s.close());
  return new Promise((resolve) => {
    s.once('connect', () => resolve('connected'));
    s.once('connect_error', (e) => resolve((e as { data?: { status: number } }).data?.status ?? 0));
  });
}

/**
 * A board with something in every store: notes (doc log, edit counts), a closed and an open vote
 * round with ballots, session state, facilitator log entries, a share-back key; a word in its
 * title, a person's name and a note that the byte check looks for.
 */
async function busyBoard(url: string, word: string) {
  const b = await createBoard(url, { title: `Board ${word}` });
  const fac = await join(url, b.boardId, b.facilitatorKey, 'Alun', 'staff');
  const rhian = await join(url, b.boardId, b.joinKey, `Rhian ${word}`, 'service-user');
  const facDoc = doc(url, b.boardId, fac.token);
  const rhianDoc = doc(url, b.boardId, rhian.token);
  await Promise.all([facDoc.synced, rhianDoc.synced]);
  const noteId = addNote(rhianDoc.doc, { sectionId: 'goals', text: `Lifts to clinics ${word}`, author: rhian.authorKey });
  await waitFor(() => listNotes(facDoc.doc).length === 1, 'the note reaches the facilitator');
  const facSession = await session(url, b.boardId, fac.token);
  const rhianSession = await session(url, b.boardId, rhian.token);
  const call = <T>(s: Socket, event: string, payload: unknown = {}) => request<AckResult<T>>(s, event, payload).then(ok);
  const first = await call<VoteRound>(facSession.socket, 'vote:open', { title: 'First', sectionIds: ['goals'] });
  await call(rhianSession.socket, 'vote:set', { roundId: first.roundId, noteId, dots: 2 });
  await call(facSession.socket, 'vote:close', { roundId: first.roundId });
  const open = await call<VoteRound>(facSession.socket, 'vote:open', { title: 'Second', sectionIds: ['goals'] });
  await call(rhianSession.socket, 'vote:set', { roundId: open.roundId, noteId, dots: 1 });
  await call(facSession.socket, 'step:set', { step: 'goals' });
  await call(facSession.socket, 'board:anonymous', { anonymous: false });
  await call(facSession.socket, 'shareback:create');
  return { b, fac, rhian, facDoc, rhianDoc, facSession, rhianSession, roundIds: [first.roundId, open.roundId] };
}

/** Every HTTP address of the board, with credentials that worked before; each must now answer 404. */
async function everyRouteStatus(url: string, boardId: string, keys: { joinKey: string; token: string; viewKey?: string }) {
  const get = (p: string, headers: Record<string, string>) => fetch(`${url}/api/boards/${boardId}${p}`, { headers }).then((r) => r.status);
  return {
    summary: await get('', { 'x-board-key': keys.joinKey }),
    join: await fetch(`${url}/api/boards/${boardId}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: keys.joinKey, name: 'Late', group: 'staff' }),
    }).then((r) => r.status),
    me: await get('/me', auth(keys.token)),
    export: await get('/export?format=json', auth(keys.token)),
    plan: await get('/plan', auth(keys.token)),
    delete: (await del(url, boardId, auth(keys.token))).status,
    doc: (await tryUpgrade(`${url.replace(/^http/, 'ws')}/yjs/${boardId}?token=${keys.token}`)).status,
    session: await handshakeStatus(url, boardId, keys.token),
  };
}
const ALL_404 = { summary: 404, join: 404, me: 404, export: 404, plan: 404, delete: 404, doc: 404, session: 404 };

/** Rows of the board left in the durable store, per table (SQLite file or PostgreSQL schema). */
async function rowsLeft(srv: RunningServer, boardId: string, roundIds: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  if (SCALED) {
    const { DATABASE_URL, DATABASE_SCHEMA } = scaledEnv(srv.dataDir);
    const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${DATABASE_SCHEMA}` });
    await client.connect();
    try {
      out.boards = Number((await client.query('SELECT COUNT(*) AS n FROM boards WHERE id = $1', [boardId])).rows[0].n);
      for (const t of TABLES)
        out[t] = Number((await client.query(`SELECT COUNT(*) AS n FROM ${t} WHERE board_id = $1`, [boardId])).rows[0].n);
    } finally {
      await client.end();
    }
    return out;
  }
  const db = new Database(path.join(srv.dataDir, 'boards.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    out.boards = count('SELECT COUNT(*) AS n FROM boards WHERE id = ?', boardId);
    for (const t of TABLES) out[t] = count(`SELECT COUNT(*) AS n FROM ${t} WHERE board_id = ?`, boardId);
    out.ballots = roundIds.reduce((n, r) => n + count('SELECT COUNT(*) AS n FROM ballots WHERE round_id = ?', r), 0);
  } finally {
    db.close();
  }
  return out;
}
const none = (counts: Record<string, number>) => Object.fromEntries(Object.keys(counts).map((k) => [k, 0]));

/** Redis keys of the board: its own ({boardId}: presence, doc stream), its rounds' ballots, and adapter traffic naming it. */
async function redisLeft(boardId: string, roundIds: string[], ids: string[]): Promise<string[]> {
  const redis = createClient({ url: scaledEnv('x').REDIS_URL });
  await redis.connect();
  try {
    const found: string[] = [];
    for (const pattern of [`*{${boardId}}*`, ...roundIds.map((r) => `*{${r}}*`)]) {
      for await (const keys of redis.scanIterator({ MATCH: pattern, COUNT: 1000 })) found.push(...keys);
    }
    const stream = (await redis.xRange('socket.io', '-', '+').catch(() => [])) ?? [];
    for (const e of stream) {
      const text = JSON.stringify(e.message);
      if (ids.some((id) => text.includes(id))) found.push(`socket.io stream entry ${e.id}`);
    }
    return found;
  } finally {
    await redis.quit();
  }
}

/** The SQLite files (database, write-ahead log, shared memory) that contain `word`. */
function filesWith(dataDir: string, word: string): string[] {
  const base = path.join(dataDir, 'boards.sqlite');
  return [base, `${base}-wal`, `${base}-shm`].filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(word));
}

describe('deleting a board', { timeout: 90_000 }, () => {
  it('deletes for the facilitator (204): everyone is told and disconnected, and every address answers 404', async () => {
    const srv = await server();
    const word = `Zebracrossing${Date.now().toString(36)}`;
    const { b, fac, rhian, rhianDoc, facDoc, rhianSession, facSession } = await busyBoard(srv.url, word);
    const docClosed = [closedWith(rhianDoc), closedWith(facDoc)];
    const disconnected = [rhianSession, facSession].map(
      (s) => new Promise<string>((resolve) => s.socket.once('disconnect', (reason) => resolve(reason))),
    );

    const res = await del(srv.url, b.boardId, auth(fac.token));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');

    for (const closed of await Promise.all(docClosed))
      expect(closed).toEqual({ code: DOC_CLOSE.boardDeleted.code, reason: 'board-deleted' });
    expect(await Promise.all(disconnected)).toEqual(['io server disconnect', 'io server disconnect']);
    for (const s of [rhianSession, facSession]) {
      const told = s.events.filter(([e]) => e === 'board:deleted').map(([, p]) => p);
      expect(told).toEqual([{ reason: 'deleted', message: expect.stringMatching(/deleted this board/) }]);
    }

    expect(await everyRouteStatus(srv.url, b.boardId, { joinKey: b.joinKey, token: fac.token })).toEqual(ALL_404);
    expect((await everyRouteStatus(srv.url, b.boardId, { joinKey: b.facilitatorKey, token: rhian.token })).me).toBe(404);
  });

  it('leaves nothing of the board in the store, in Redis, or in the SQLite files', async () => {
    const srv = await server();
    const word = `Quokkaharbour${Date.now().toString(36)}`;
    const { b, fac, rhian, roundIds } = await busyBoard(srv.url, word);
    const other = await busyBoard(srv.url, `Otherboard${Date.now().toString(36)}`);
    const before = await rowsLeft(srv, b.boardId, roundIds);
    expect(Object.values(before).every((n) => n > 0) || before.ballots === undefined).toBe(true);
    expect(before.participants).toBe(2);
    if (!SCALED) expect(filesWith(srv.dataDir, word).length, 'the word is on disk before the delete').toBeGreaterThan(0);
    if (SCALED) expect((await redisLeft(b.boardId, roundIds, [b.boardId])).length, 'Redis holds the board before').toBeGreaterThan(0);

    expect((await del(srv.url, b.boardId, auth(fac.token))).status).toBe(204);

    if (!SCALED) expect(filesWith(srv.dataDir, word), 'no file holds any byte of the deleted board').toEqual([]);
    const after = await rowsLeft(srv, b.boardId, roundIds);
    expect(after).toEqual(none(after));
    if (SCALED) {
      const ids = [b.boardId, fac.participantId, rhian.participantId];
      // The other instances' disconnects settle asynchronously: wait for the keys to go, never sleep.
      await waitFor(async () => (await redisLeft(b.boardId, roundIds, ids)).length === 0, 'no Redis key of the board is left').catch(
        async (error) => {
          throw new Error(`${error}: ${(await redisLeft(b.boardId, roundIds, ids)).join(', ')}`);
        },
      );
    }
    // The other board is untouched.
    const otherRows = await rowsLeft(srv, other.b.boardId, other.roundIds);
    expect(otherRows.participants).toBe(2);
    expect(listNotes(other.facDoc.doc)).toHaveLength(1);
    expect((await fetch(`${srv.url}/api/boards/${other.b.boardId}/me`, { headers: auth(other.fac.token) })).status).toBe(200);
  });

  it('refuses a participant, a wrong token and no token, and deletes nothing', async () => {
    const srv = await server();
    const b = await createBoard(srv.url);
    const fac = await join(srv.url, b.boardId, b.facilitatorKey, 'Alun', 'staff');
    const rhian = await join(srv.url, b.boardId, b.joinKey, 'Rhian', 'service-user');
    const other = await createBoard(srv.url);
    const otherFac = await join(srv.url, other.boardId, other.facilitatorKey, 'Eira', 'staff');
    const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

    let res = await del(srv.url, b.boardId, auth(rhian.token));
    expect([res.status, await code(res)]).toEqual([403, 'forbidden']);
    res = await del(srv.url, b.boardId, auth('not-a-token'));
    expect([res.status, await code(res)]).toEqual([401, 'unauthorized']);
    res = await del(srv.url, b.boardId);
    expect([res.status, await code(res)]).toEqual([401, 'unauthorized']);
    // Another board's facilitator token is no token here.
    res = await del(srv.url, b.boardId, auth(otherFac.token));
    expect(res.status).toBe(401);
    res = await del(srv.url, 'no-such-board', auth(fac.token));
    expect([res.status, await code(res)]).toEqual([404, 'not-found']);
    // Board ids a hostile client might choose: names of Object.prototype, and a very long one.
    for (const id of ['__proto__', 'constructor', 'x'.repeat(4000)]) {
      res = await del(srv.url, id, auth(fac.token));
      expect([res.status, await code(res)]).toEqual([404, 'not-found']);
    }

    expect((await fetch(`${srv.url}/api/boards/${b.boardId}/me`, { headers: auth(rhian.token) })).status).toBe(200);
    const d = doc(srv.url, b.boardId, fac.token);
    await d.synced;
    expect(d.doc.getArray('sections').length).toBeGreaterThan(0);
  });

  it('tells the facilitator when the board will be deleted (RETENTION_DAYS; 0 keeps boards for ever)', async () => {
    const srv = await server({ RETENTION_DAYS: '30' });
    const b = await createBoard(srv.url);
    const fac = await join(srv.url, b.boardId, b.facilitatorKey, 'Alun', 'staff');
    const me = async () =>
      BoardRetention.parse(
        ((await (await fetch(`${srv.url}/api/boards/${b.boardId}/me`, { headers: auth(fac.token) })).json()) as { retention: unknown })
          .retention,
      );
    const first = await me();
    expect(first.days).toBe(30);
    const { createdAt } = (await (await fetch(`${srv.url}/api/boards/${b.boardId}`, { headers: { 'x-board-key': b.joinKey } })).json()) as {
      createdAt: number;
    };
    expect(first.deletesAt).toBeGreaterThanOrEqual(createdAt + 30 * DAY);
    expect(first.deletesAt).toBeLessThan(Date.now() + 30 * DAY + 1000);

    const kept = await server({ RETENTION_DAYS: '0' });
    const k = await createBoard(kept.url);
    const kf = await join(kept.url, k.boardId, k.facilitatorKey, 'Alun', 'staff');
    const body = (await (await fetch(`${kept.url}/api/boards/${k.boardId}/me`, { headers: auth(kf.token) })).json()) as {
      retention: unknown;
    };
    expect(body.retention).toEqual({ days: null, deletesAt: null });
  });
});

/** Sets a board's last use (and creation) back in the durable store, as if it had been idle for `days`. */
async function age(srv: RunningServer, boardId: string, days: number): Promise<void> {
  const at = Date.now() - days * DAY;
  if (SCALED) {
    const { DATABASE_URL, DATABASE_SCHEMA } = scaledEnv(srv.dataDir);
    const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${DATABASE_SCHEMA}` });
    await client.connect();
    await client.query('UPDATE boards SET created_at = $1, last_active_at = $1 WHERE id = $2', [at, boardId]);
    await client.end();
    return;
  }
  const db = new Database(path.join(srv.dataDir, 'boards.sqlite'));
  db.pragma('busy_timeout = 5000');
  db.prepare('UPDATE boards SET created_at = ?, last_active_at = ? WHERE id = ?').run(at, at, boardId);
  db.close();
}

describe('retention', { timeout: 90_000 }, () => {
  it('deletes a board idle for longer than RETENTION_DAYS, the same way, and keeps one in use', async () => {
    // The sweep runs every 200 ms; the idle board is made old in the database instead of waiting days.
    const srv = await server({ RETENTION_DAYS: '7', RETENTION_SWEEP_MS: '200' });
    const idle = await createBoard(srv.url);
    const idleFac = await join(srv.url, idle.boardId, idle.facilitatorKey, 'Alun', 'staff');
    const active = await createBoard(srv.url);
    const recent = await createBoard(srv.url);
    await age(srv, recent.boardId, 6); // idle, but not for long enough
    const listening = await session(srv.url, idle.boardId, idleFac.token);
    const d = doc(srv.url, idle.boardId, idleFac.token);
    await d.synced;
    const docClosed = closedWith(d);

    // A board idle for a while that somebody uses again (a join) counts from that use.
    await age(srv, active.boardId, 6);
    const activeFac = await join(srv.url, active.boardId, active.facilitatorKey, 'Eira', 'staff');
    const joinedAt = Date.now();
    const retention = BoardRetention.parse(
      (
        (await (await fetch(`${srv.url}/api/boards/${active.boardId}/me`, { headers: auth(activeFac.token) })).json()) as {
          retention: unknown;
        }
      ).retention,
    );
    expect(retention.deletesAt).toBeGreaterThan(joinedAt - 60_000 + 7 * DAY);
    await age(srv, idle.boardId, 30);

    const summary = (b: { boardId: string; joinKey: string }) =>
      fetch(`${srv.url}/api/boards/${b.boardId}`, { headers: { 'x-board-key': b.joinKey } }).then((r) => r.status);
    await waitFor(async () => (await summary(idle)) === 404, 'the idle board is deleted');
    expect(await docClosed).toEqual({ code: DOC_CLOSE.boardDeleted.code, reason: 'board-deleted' });
    await waitFor(() => listening.events.some(([e]) => e === 'board:deleted'), 'the people on it are told');
    expect(listening.events.find(([e]) => e === 'board:deleted')?.[1]).toMatchObject({ reason: 'retention' });
    expect(await rowsLeft(srv, idle.boardId, [])).toMatchObject({ boards: 0, participants: 0, doc_snapshots: 0 });

    // The sweep that deleted the idle board saw the others; two more sweeps to be sure.
    const mark = await createBoard(srv.url);
    await age(srv, mark.boardId, 30);
    await waitFor(async () => (await summary(mark)) === 404, 'a later sweep ran');
    expect(await summary(active)).toBe(200);
    expect(await summary(recent)).toBe(200);
    expect((await fetch(`${srv.url}/api/boards/${active.boardId}/me`, { headers: auth(activeFac.token) })).status).toBe(200);
  });
});

// Two instances share a board only in the scaled deployment: the embedded project does not
// register this suite at all (it is not a test skipped there, it is one that belongs to the other project).
if (SCALED)
  describe('deleting a board on one instance of two', { timeout: 90_000 }, () => {
    it('drops the live doc and the sessions on the other instance too', async () => {
      const dataDir = tempDataDir();
      const one = await server(scaledEnv(dataDir), dataDir);
      const two = await server(scaledEnv(dataDir), tempDataDir());
      const b = await createBoard(one.url);
      const fac = await join(one.url, b.boardId, b.facilitatorKey, 'Alun', 'staff');
      const rhian = await join(two.url, b.boardId, b.joinKey, 'Rhian', 'service-user');
      const onTwo = doc(two.url, b.boardId, rhian.token);
      const onOne = doc(one.url, b.boardId, fac.token);
      await Promise.all([onTwo.synced, onOne.synced]);
      addNote(onTwo.doc, { sectionId: 'goals', text: 'Across instances', author: rhian.authorKey });
      await waitFor(() => listNotes(onOne.doc).length === 1, 'the note crosses instances');
      const rhianSession = await session(two.url, b.boardId, rhian.token);
      const openDocs = async (srv: RunningServer) =>
        Number(/^codesign_open_docs (\d+)/m.exec(await (await fetch(`${srv.url}/metrics`)).text())?.[1] ?? -1);
      expect(await openDocs(two)).toBe(1);
      const closedOnTwo = closedWith(onTwo);

      expect((await del(one.url, b.boardId, auth(fac.token))).status).toBe(204);

      expect(await closedOnTwo).toEqual({ code: DOC_CLOSE.boardDeleted.code, reason: 'board-deleted' });
      await waitFor(() => rhianSession.events.some(([e]) => e === 'board:deleted'), 'the session on the other instance is told');
      await waitFor(() => !rhianSession.socket.connected, 'and disconnected');
      expect(rhianSession.events.filter(([e]) => e === 'board:deleted')).toHaveLength(1);
      await waitFor(async () => (await openDocs(two)) === 0, 'the other instance unloads its live doc');
      expect(await everyRouteStatus(two.url, b.boardId, { joinKey: b.joinKey, token: rhian.token })).toEqual(ALL_404);
      const ids = [b.boardId, fac.participantId, rhian.participantId];
      await waitFor(async () => (await redisLeft(b.boardId, [], ids)).length === 0, 'no Redis key of the board is left');
    });
  });
