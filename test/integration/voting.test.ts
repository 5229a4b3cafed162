import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { addNote, deleteNote, notesOf } from '../../shared/boardDoc.js';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { AckResult } from '../../shared/session.js';
import type { ClosedRound, MyVoteState, VoteRound } from '../../shared/votes.js';
import { connectDoc, connectSession, createBoard, join, personOn, request, waitFor, type DocClient } from '../support/clients.js';
import { startServer, type RunningServer } from '../support/server.js';
import { REDIS_URL, redisAvailable } from '../support/services.js';

const redisUp = await redisAvailable();

type Ack<T> = AckResult<T>;
const ok = <T>(r: Ack<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.data;
};
const code = (r: Ack<unknown>) => (r.ok ? 'ok' : r.error.code);

for (const mode of ['embedded', 'redis'] as const) {
  describe.runIf(mode === 'embedded' || redisUp)(`voting (${mode} ballots)`, () => {
    let srv: RunningServer;
    const sockets: Socket[] = [];
    const docs: DocClient[] = [];
    const env: Record<string, string> = mode === 'redis' ? { REDIS_URL, LOG_LEVEL: 'debug' } : { LOG_LEVEL: 'debug' };
    beforeAll(async () => {
      srv = await startServer({ env });
    });
    afterAll(async () => {
      for (const s of sockets) s.close();
      for (const d of docs) d.destroy();
      await srv?.stop();
    });

    const person = personOn(() => srv.url, sockets);

    /** A board with notes in two sections, a facilitator and three participants from different groups. */
    async function workshop() {
      const b = await createBoard(srv.url);
      const fac = await person(b.boardId, b.facilitatorKey, 'Alun', 'staff');
      const rhian = await person(b.boardId, b.joinKey, 'Rhian', 'service-user');
      const siân = await person(b.boardId, b.joinKey, 'Siân', 'family-carer');
      const dewi = await person(b.boardId, b.joinKey, 'Dewi', 'service-user');
      const d = connectDoc(srv.url, b.boardId, fac.token);
      docs.push(d);
      await d.synced;
      const goal = (text: string) => addNote(d.doc, { sectionId: 'goals', text, author: fac.authorKey });
      const notes = { transport: goal('Transport'), welsh: goal('Welsh-speaking staff'), evenings: goal('Evening sessions') };
      const asset = addNote(d.doc, { sectionId: 'assets', text: 'Volunteer drivers', author: fac.authorKey });
      const watcher = connectDoc(srv.url, b.boardId, rhian.token);
      docs.push(watcher);
      await watcher.synced;
      await waitFor(() => notesOf(watcher.doc).size === 4, 'notes stored');
      return { b, fac, rhian, siân, dewi, doc: d.doc, watcher: watcher.doc, notes, asset };
    }

    const openRound = async (fac: { call: <T>(e: string, p?: unknown) => Promise<Ack<T>> }, extra: object = {}) =>
      ok(await fac.call<VoteRound>('vote:open', { title: 'What matters most?', sectionIds: ['goals'], ...extra }));

    it('gives everyone the same budget, refuses what breaks the rules, and changes nothing when it refuses', async () => {
      const { fac, rhian, notes, asset, doc, watcher } = await workshop();
      expect(code(await rhian.call('vote:open', { title: 'x', sectionIds: ['goals'] }))).toBe('forbidden');
      const round = await openRound(fac, { budget: 3, perNoteCap: 2 });
      expect(code(await fac.call('vote:open', { title: 'again', sectionIds: ['goals'] }))).toBe('round-already-open');
      expect(code(await fac.call('vote:open', { title: 'bad', sectionIds: ['goals'], budget: 21 }))).toBe('invalid-request');

      const set = (who: typeof rhian, noteId: string, dots: number) =>
        who.call<{ ballot: object; remaining: number }>('vote:set', { roundId: round.roundId, noteId, dots });
      expect(ok(await set(rhian, notes.transport, 2))).toEqual({ ballot: { [notes.transport]: 2 }, remaining: 1 });
      expect(code(await set(rhian, notes.transport, 3))).toBe('note-cap');
      expect(code(await set(rhian, notes.welsh, 2))).toBe('budget-spent');
      expect(code(await set(rhian, asset, 1))).toBe('note-out-of-scope');
      expect(code(await set(rhian, 'NoSuchNoteAtAll0', 1))).toBe('note-deleted');
      expect(code(await set(rhian, 'no-such-note', 1))).toBe('invalid-request'); // not even a note id
      expect(code(await rhian.call('vote:set', { roundId: round.roundId, noteId: notes.welsh, dots: -1 }))).toBe('invalid-request');
      expect(ok(await set(rhian, notes.welsh, 1)).remaining).toBe(0);
      // The facilitator's budget is the same, not bigger.
      expect(ok(await set(fac, notes.evenings, 2)).remaining).toBe(1);
      expect(code(await set(fac, notes.welsh, 2))).toBe('budget-spent');

      // A note deleted during the round: no new dots, but dots can come off it.
      deleteNote(doc, notes.welsh);
      // The server relays a change only after applying and storing it, so once another client
      // has the deletion, the server has it too.
      await waitFor(() => !notesOf(watcher).has(notes.welsh), 'deletion reaches the server');
      expect(code(await set(fac, notes.welsh, 1))).toBe('note-deleted');
      expect(ok(await set(rhian, notes.welsh, 0)).ballot).toEqual({ [notes.transport]: 2 });

      const state = ok(await rhian.call<{ current: MyVoteState }>('vote:state'));
      expect(state.current).toMatchObject({ ballot: { [notes.transport]: 2 }, remaining: 1, voters: 2 });

      const closed = ok(await fac.call<ClosedRound>('vote:close', { roundId: round.roundId }));
      expect(closed.results.tallies.map((t) => [t.noteId, t.total])).toEqual([
        [notes.transport, 2],
        [notes.evenings, 2],
      ]);
      expect(code(await set(rhian, notes.evenings, 1))).toBe('round-closed');
      expect(code(await fac.call('vote:close', { roundId: round.roundId }))).toBe('round-closed');
    });

    it('publishes correct tallies at close, split by group, ties marked, the same for everyone, and keeps them', async () => {
      const { b, fac, rhian, siân, dewi, notes } = await workshop();
      const received: ClosedRound[] = [];
      for (const p of [rhian, siân, dewi]) p.socket.on('vote:results', (r: ClosedRound) => received.push(r));
      const round = await openRound(fac);
      const set = (who: typeof rhian, noteId: string, dots: number) =>
        who.call('vote:set', { roundId: round.roundId, noteId, dots }).then(ok);
      await set(rhian, notes.transport, 2); // service-user
      await set(rhian, notes.welsh, 1);
      await set(dewi, notes.transport, 1); // service-user
      await set(dewi, notes.evenings, 2);
      await set(siân, notes.welsh, 2); // family-carer
      await set(fac, notes.evenings, 1); // staff

      const closed = ok(await fac.call<ClosedRound>('vote:close', { roundId: round.roundId }));
      const t = Object.fromEntries(closed.results.tallies.map((x) => [x.noteId, x]));
      expect(t[notes.transport]).toMatchObject({
        total: 3,
        rank: 1,
        tied: true,
        byGroup: { 'service-user': 3, 'family-carer': 0, staff: 0 },
      });
      expect(t[notes.welsh]).toMatchObject({ total: 3, rank: 1, tied: true, byGroup: { 'service-user': 1, 'family-carer': 2 } });
      expect(t[notes.evenings]).toMatchObject({ total: 3, rank: 1, tied: true, byGroup: { 'service-user': 2, staff: 1 } });
      expect(closed.results).toMatchObject({
        voters: 4,
        dotsCast: 9,
        votersByGroup: { 'service-user': 2, 'family-carer': 1, staff: 1, community: 0 },
      });
      await waitFor(() => received.length === 3, 'everyone receives the results');
      for (const r of received) expect(r).toEqual(closed);

      // Stored durably: a restart on the same data still has them.
      await srv.stop();
      srv = await startServer({ dataDir: srv.dataDir, env });
      const later = await join(srv.url, b.boardId, b.joinKey, 'Later', 'community');
      const s = connectSession(srv.url, b.boardId, later.token);
      sockets.push(s);
      const state = ok(await request<Ack<{ current: MyVoteState | null; closed: ClosedRound[] }>>(s, 'vote:state'));
      expect(state.current).toBeNull();
      expect(state.closed).toEqual([closed]);
    });

    it('lets nobody see another ballot or any tally while the round is open: not in events, not in the doc, not in logs', async () => {
      const { b, fac, rhian, siân, notes } = await workshop();
      // Siân captures everything she receives on both channels.
      const events: [string, unknown][] = [];
      siân.socket.onAny((event, payload) => events.push([event, payload]));
      const frames: Buffer[] = [];
      const logStart = srv.output().length;
      const sync = new WebSocket(`${srv.url.replace('http', 'ws')}/yjs/${b.boardId}?token=${siân.token}`);
      sync.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
      await new Promise((r) => sync.once('open', r));

      const round = await openRound(fac);
      ok(await rhian.call('vote:set', { roundId: round.roundId, noteId: notes.transport, dots: 2 }));
      ok(await fac.call('vote:set', { roundId: round.roundId, noteId: notes.welsh, dots: 3 }));
      ok(await siân.call('vote:state'));
      await waitFor(() => events.some(([e, p]) => e === 'vote:round' && (p as { voters: number }).voters === 2), 'voter count arrives');

      const seen = JSON.stringify(events);
      expect(seen).not.toMatch(/"tallies"|"total"|"byGroup"|"dotsCast"/);
      for (const [event, payload] of events) {
        expect(event).not.toBe('vote:results');
        const ballots = JSON.stringify(payload).match(/"ballot":\{[^}]*\}/g) ?? [];
        for (const b of ballots) expect(b).toBe('"ballot":{}'); // only her own, still empty
      }
      const bytes = Buffer.concat(frames).toString('latin1');
      expect(bytes).not.toContain(round.roundId);
      expect(bytes).not.toMatch(/ballot|dots/);
      // The server's log lines arrive through a pipe: wait until the votes have been logged.
      await waitFor(
        () =>
          (
            srv
              .output()
              .slice(logStart)
              .match(/ballot changed/g) ?? []
          ).length >= 2,
        'ballot changes logged',
      );
      const logs = srv.output().slice(logStart);
      for (const noteId of Object.values(notes)) expect(logs).not.toContain(noteId);
      expect(logs).not.toMatch(/"dots"|"ballot"|"remaining"/);
      sync.close();
    });

    it('ignores vote-like data written into the shared doc', async () => {
      const { fac, rhian, notes, doc } = await workshop();
      const round = await openRound(fac);
      ok(await rhian.call('vote:set', { roundId: round.roundId, noteId: notes.transport, dots: 1 }));
      // A tampering client writes "votes" into the doc where a naive design might read them.
      doc.transact(() => {
        doc.getMap('votes').set(round.roundId, { [notes.welsh]: 99 });
        (notesOf(doc).get(notes.welsh) as Y.Map<unknown>).set('votes', 99);
        doc.getMap('ballots').set(rhian.participantId, { [notes.welsh]: 50 });
      });
      await new Promise((r) => setTimeout(r, 200));
      const closed = ok(await fac.call<ClosedRound>('vote:close', { roundId: round.roundId }));
      const totals = Object.fromEntries(closed.results.tallies.map((t) => [t.noteId, t.total]));
      expect(totals).toEqual({ [notes.transport]: 1, [notes.welsh]: 0, [notes.evenings]: 0 });
    });

    it('counts an assisted ballot once, within the same budget, and logs the assistance for everyone', async () => {
      const { fac, rhian, siân, notes } = await workshop();
      const logSeen: LogEntry[] = [];
      rhian.socket.on('log:entry', (e: LogEntry) => logSeen.push(e));
      expect(code(await rhian.call('participant:add-in-room', { name: 'Mair', group: 'service-user' }))).toBe('forbidden');
      const mair = ok(await fac.call<{ participantId: string }>('participant:add-in-room', { name: 'Mair', group: 'service-user' }));
      const round = await openRound(fac, { budget: 2 });
      const forMair = (who: typeof fac, noteId: string, dots: number) =>
        who.call<{ ballot: object; remaining: number }>('vote:set', {
          roundId: round.roundId,
          noteId,
          dots,
          onBehalfOf: mair.participantId,
        });

      expect(code(await forMair(rhian, notes.transport, 1))).toBe('forbidden');
      expect(ok(await forMair(fac, notes.transport, 1)).remaining).toBe(1);
      expect(code(await forMair(fac, notes.welsh, 2))).toBe('budget-spent');
      // The facilitator's own budget is untouched by helping Mair.
      expect(
        ok(await fac.call<{ remaining: number }>('vote:set', { roundId: round.roundId, noteId: notes.welsh, dots: 2 })).remaining,
      ).toBe(0);
      // Voting for someone with a device is not assistance.
      expect(
        code(await fac.call('vote:set', { roundId: round.roundId, noteId: notes.welsh, dots: 1, onBehalfOf: siân.participantId })),
      ).toBe('not-in-room');

      // The facilitator lets Rhian help; her help is logged too.
      ok(await fac.call('participant:allow-assist', { participantId: rhian.participantId, allowed: true }));
      expect(ok(await forMair(rhian, notes.evenings, 1)).ballot).toEqual({ [notes.transport]: 1, [notes.evenings]: 1 });
      expect(ok(await rhian.call<{ current: MyVoteState }>('vote:state', { forParticipant: mair.participantId })).current.remaining).toBe(
        0,
      );

      const closed = ok(await fac.call<ClosedRound>('vote:close', { roundId: round.roundId }));
      expect(closed.results.assistedBallots).toBe(1);
      expect(closed.results.voters).toBe(2); // Mair and the facilitator
      const totals = Object.fromEntries(closed.results.tallies.map((t) => [t.noteId, t.total]));
      expect(totals).toEqual({ [notes.transport]: 1, [notes.welsh]: 2, [notes.evenings]: 1 });

      const log = ok(await siân.call<{ entries: LogEntry[] }>('log:list')).entries;
      const assisted = log.filter((e) => e.action === 'assisted-ballot');
      expect(assisted.map((e) => [e.actorName, e.detail.participantName])).toEqual([
        ['Alun', 'Mair'],
        ['Rhian', 'Mair'],
      ]);
      expect(log.map((e) => e.action)).toEqual([
        'in-room-participant-added',
        'vote-opened',
        'assisted-ballot',
        'assist-permission-changed',
        'assisted-ballot',
        'vote-closed',
      ]);
      await waitFor(() => logSeen.length === log.length, 'log entries reach participants live');
    });

    it('never lets 50 people voting at once, or one person on two connections, exceed the budget', async () => {
      const { b, fac, notes } = await workshop();
      const round = await openRound(fac, { budget: 3 });
      const people = await Promise.all(Array.from({ length: 50 }, (_, i) => person(b.boardId, b.joinKey, `P${i}`, 'community')));
      const noteIds = Object.values(notes);
      // Everyone fires five one-dot requests at once, spread over the notes.
      const results = await Promise.all(
        people.flatMap((p, i) =>
          Array.from({ length: 5 }, (_, k) =>
            p.call('vote:set', { roundId: round.roundId, noteId: noteIds[(i + k) % 3], dots: 1 + Math.floor(k / 3) }),
          ),
        ),
      );
      expect(new Set(results.filter((r) => !r.ok).map(code))).toEqual(new Set(['budget-spent']));

      // One person, two connections, racing.
      const twin = await person(b.boardId, b.joinKey, 'Twin', 'community');
      const second = connectSession(srv.url, b.boardId, twin.token);
      sockets.push(second);
      await new Promise<void>((r) => second.once('connect', () => r()));
      await Promise.all(
        Array.from({ length: 8 }, (_, k) =>
          request(k % 2 ? twin.socket : second, 'vote:set', { roundId: round.roundId, noteId: noteIds[k % 3], dots: 1 + (k >> 2) }),
        ),
      );
      // Every person's ballot, as the server holds it, is within the budget.
      for (const p of [...people, twin]) {
        const mine = ok(await p.call<{ current: MyVoteState }>('vote:state')).current;
        expect(Object.values(mine.ballot).reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(3);
        expect(mine.remaining).toBeGreaterThanOrEqual(0);
      }
      const closed = ok(await fac.call<ClosedRound>('vote:close', { roundId: round.roundId }));
      expect(closed.results.voters).toBe(51);
      expect(closed.results.dotsCast).toBeLessThanOrEqual(51 * 3);
      expect(closed.results.tallies.reduce((n, t) => n + t.total, 0)).toBe(closed.results.dotsCast);
    });
  });
}
