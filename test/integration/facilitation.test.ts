import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { addNote, getNoteText, listNotes, notesOf, prioritiesOf } from '../../shared/boardDoc.js';
import type { BalanceOfVoice, FacilitationState } from '../../shared/facilitation.js';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { AckResult, PresenceEntry } from '../../shared/session.js';
import type { ClosedRound, VoteRound } from '../../shared/votes.js';
import { applyTextChange } from '../../shared/textDiff.js';
import { connectDoc, connectSession, createBoard, join, personOn, tryUpgrade, waitFor, type DocClient } from '../support/clients.js';
import { presenceFrom } from '../support/presence.js';
import { startServer, type RunningServer } from '../support/server.js';

type Ack<T> = AckResult<T>;
const ok = <T>(r: Ack<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.data;
};
const code = (r: Ack<unknown>) => (r.ok ? 'ok' : r.error.code);

let srv: RunningServer;
const sockets: Socket[] = [];
const docs: DocClient[] = [];
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const d of docs) d.destroy();
  await srv?.stop();
});

const person = personOn(() => srv.url, sockets);
function docFor(boardId: string, token: string) {
  const d = connectDoc(srv.url, boardId, token);
  docs.push(d);
  return d;
}
async function board() {
  const b = await createBoard(srv.url);
  const fac = await person(b.boardId, b.facilitatorKey, 'Alun', 'staff');
  const rhian = await person(b.boardId, b.joinKey, 'Rhian', 'service-user');
  const siân = await person(b.boardId, b.joinKey, 'Siân', 'family-carer');
  return { b, fac, rhian, siân };
}

/** Every facilitator request, with a valid payload. */
function facilitatorRequests(targetId: string): [string, unknown][] {
  return [
    ['step:set', { step: 'goals' }],
    ['timer:set', { durationMs: 300_000 }],
    ['timer:run', { running: true }],
    ['timer:add', { ms: 60_000 }],
    ['board:lock', { locked: true }],
    ['board:lock', { locked: false }],
    ['board:anonymous', { anonymous: true }],
    ['board:anonymous', { anonymous: false }],
    ['hand:clear', { participantId: targetId }],
    ['link:rotate', {}],
    ['vote:open', { title: 'Which first?', sectionIds: ['goals'] }],
  ];
}

describe('facilitation', () => {
  it('refuses every facilitator action to a participant, allows it to a co-facilitator, and refuses again after the role is taken back', async () => {
    const { fac, rhian, siân } = await board();
    for (const [event, payload] of facilitatorRequests(siân.participantId)) {
      expect([event, code(await rhian.call(event, payload))]).toEqual([event, 'forbidden']);
    }
    expect(code(await rhian.call('role:set', { participantId: rhian.participantId, facilitator: true }))).toBe('forbidden');
    expect(code(await rhian.call('participant:remove', { participantId: siân.participantId }))).toBe('forbidden');

    ok(await fac.call('role:set', { participantId: rhian.participantId, facilitator: true }));
    for (const [event, payload] of facilitatorRequests(siân.participantId)) {
      expect([event, code(await rhian.call(event, payload))]).toEqual([event, 'ok']);
    }
    // A co-facilitator cannot demote the facilitator who started the board.
    expect(code(await rhian.call('role:set', { participantId: fac.participantId, facilitator: false }))).toBe('last-facilitator');
    const open = ok(await fac.call<{ current: { round: VoteRound } }>('vote:state')).current.round;
    ok(await fac.call('vote:close', { roundId: open.roundId }));

    ok(await fac.call('role:set', { participantId: rhian.participantId, facilitator: false }));
    for (const [event, payload] of facilitatorRequests(siân.participantId)) {
      expect([event, code(await rhian.call(event, payload))]).toEqual([event, 'forbidden']);
    }
    // The same token still works as an ordinary participant.
    expect(code(await rhian.call('hand:set', { raised: true }))).toBe('ok');
  });

  it('keeps a participant’s edits made while locked out of every doc and the store; the facilitator’s stay', async () => {
    const { b, fac, rhian } = await board();
    const facDoc = docFor(b.boardId, fac.token);
    const pDoc = docFor(b.boardId, rhian.token);
    await Promise.all([facDoc.synced, pDoc.synced]);
    const before = addNote(pDoc.doc, { sectionId: 'goals', text: 'Before the lock', author: rhian.authorKey });
    await waitFor(() => notesOf(facDoc.doc).has(before), 'note before lock');

    ok(await fac.call('board:lock', { locked: true }));
    const told = new Promise<{ code: string }>((resolve) => rhian.socket.once('doc:error', resolve));
    const during = addNote(pDoc.doc, { sectionId: 'goals', text: 'Sneaked in while locked', author: rhian.authorKey });
    applyTextChange(getNoteText(pDoc.doc, before)!, 'Before the lock, changed while locked');
    expect((await told).code).toBe('board-locked');
    const byFacilitator = addNote(facDoc.doc, { sectionId: 'plan', text: 'Facilitator summary', author: fac.authorKey });

    // The participant's own screen converges: their locked edits are reverted there too.
    await waitFor(
      () => !notesOf(pDoc.doc).has(during) && getNoteText(pDoc.doc, before)?.toString() === 'Before the lock',
      'revert reaches the sender',
    );
    await waitFor(() => notesOf(pDoc.doc).has(byFacilitator), 'facilitator edit reaches the participant');
    expect(notesOf(facDoc.doc).has(during)).toBe(false);

    ok(await fac.call('board:lock', { locked: false }));
    const after = addNote(pDoc.doc, { sectionId: 'goals', text: 'After unlocking', author: rhian.authorKey });
    await waitFor(() => notesOf(facDoc.doc).has(after), 'edits flow again after unlock');

    // And the store: restart, load fresh.
    await srv.stop();
    srv = await startServer({ dataDir: srv.dataDir });
    for (const d of [facDoc, pDoc]) d.provider.disconnect();
    const fresh = docFor(b.boardId, fac.token);
    await fresh.synced;
    const texts = listNotes(fresh.doc)
      .map((n) => n.text)
      .sort();
    expect(texts).toEqual(['After unlocking', 'Before the lock', 'Facilitator summary']);
    // Sessions on the old server are gone; reconnect for the remaining tests.
    for (const s of sockets.splice(0)) s.close();
  });

  it('while anonymous, sends nothing to participants that links an author key to a person', async () => {
    const { b, fac, rhian, siân } = await board();
    const d = docFor(b.boardId, rhian.token);
    await d.synced;
    addNote(d.doc, { sectionId: 'goals', text: 'Mine', author: rhian.authorKey });
    // Not anonymous: presence carries author keys so notes can show names.
    await waitFor(
      () =>
        siân.events.some(
          ([e, p]) =>
            e === 'presence:list' && (p as { participants: PresenceEntry[] }).participants.some((x) => x.authorKey === rhian.authorKey),
        ),
      'author keys shown when not anonymous',
    );
    ok(await fac.call('board:anonymous', { anonymous: true }));
    const mark = siân.events.length;
    // Things that make the server talk: presence changes, a late joiner, a vote, a hand.
    const late = await person(b.boardId, b.joinKey, 'Dewi', 'community');
    ok(await rhian.call('hand:set', { raised: true }));
    ok(await siân.call('facilitation:get'));
    ok(await siân.call('log:list'));
    ok(await siân.call('balance:get'));
    const round = ok(await fac.call<VoteRound>('vote:open', { title: 'Anon', sectionIds: ['goals'] }));
    ok(await fac.call<ClosedRound>('vote:close', { roundId: round.roundId }));
    await waitFor(() => siân.events.slice(mark).some(([e]) => e === 'vote:results'), 'results arrive');
    const me = await fetch(`${srv.url}/api/boards/${b.boardId}/me`, { headers: { authorization: `Bearer ${siân.token}` } });
    const everything = JSON.stringify([...siân.events.slice(mark), ...late.events, await me.json()]);
    expect(everything).toContain('Rhian'); // names are still in presence…
    expect(everything).not.toContain(rhian.authorKey); // …but never linked to a note's author key
    expect(everything).not.toContain(fac.authorKey);
    // A person still knows their own key, so they recognise their own notes.
    const hello = ok(await rhian.call<{ me: { authorKey: string } }>('session:hello'));
    expect(hello.me.authorKey).toBe(rhian.authorKey);
  });

  it('keeps notes written while anonymous unattributed even after anonymity is switched off', async () => {
    const { b, fac, rhian, siân } = await board();
    const d = docFor(b.boardId, rhian.token);
    await d.synced;
    ok(await fac.call('board:anonymous', { anonymous: true }));
    // While anonymous, the client writes with the key only Rhian knows.
    const secret = addNote(d.doc, { sectionId: 'goals', text: 'Written anonymously', author: rhian.anonAuthorKey });
    const named = addNote(d.doc, { sectionId: 'goals', text: 'Written before', author: rhian.authorKey });
    const check = docFor(b.boardId, siân.token);
    await check.synced;
    await waitFor(() => notesOf(check.doc).has(secret) && notesOf(check.doc).has(named), 'notes stored');
    ok(await fac.call('board:anonymous', { anonymous: false }));
    ok(await rhian.call('hand:set', { raised: true }));
    await waitFor(() => siân.events.filter(([e]) => e === 'presence:list').length > 2, 'presence after the switch');

    const everything = JSON.stringify(siân.events);
    expect(everything).toContain(rhian.authorKey); // named notes can show names again…
    expect(everything).not.toContain(rhian.anonAuthorKey); // …anonymous ones never can
    const plan = await (
      await fetch(`${srv.url}/api/boards/${b.boardId}/plan`, { headers: { authorization: `Bearer ${siân.token}` } })
    ).json();
    const notes = (plan as { sections: { ungrouped: { id: string; author: string | null }[] }[] }).sections.flatMap((s) => s.ungrouped);
    expect(notes.find((n) => n.id === named)?.author).toBe('Rhian');
    expect(notes.find((n) => n.id === secret)?.author).toBeNull();
    expect(JSON.stringify(plan)).not.toContain(rhian.anonAuthorKey);
    // While anonymous, the plan's log does not name the people acted on.
    ok(await fac.call('board:anonymous', { anonymous: true }));
    ok(await fac.call('participant:add-in-room', { name: 'Mair', group: 'service-user' }));
    const anonPlan = JSON.stringify(
      await (await fetch(`${srv.url}/api/boards/${b.boardId}/plan`, { headers: { authorization: `Bearer ${siân.token}` } })).json(),
    );
    expect(anonPlan).not.toContain('Mair');
    expect(anonPlan).not.toContain('"people":[');
    // The balance of voice still counts the anonymous note for Rhian's group.
    const balance = ok(await siân.call<BalanceOfVoice>('balance:get'));
    expect(balance.notesWritten['service-user']).toBe(2);
  });

  it('shuts a removed participant out of both channels at once, and a rotated link out of joining', async () => {
    const { b, fac, rhian, siân } = await board();
    const d = docFor(b.boardId, siân.token);
    await d.synced;
    const ended = new Promise<{ reason: string }>((resolve) => siân.socket.once('session:ended', resolve));
    const disconnected = new Promise<void>((resolve) => siân.socket.once('disconnect', () => resolve()));
    const docClosed = new Promise<number>((resolve) =>
      d.provider.once('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)),
    );
    ok(await fac.call('participant:remove', { participantId: siân.participantId }));
    expect((await ended).reason).toBe('removed');
    await disconnected;
    expect(await docClosed).toBe(4403);
    expect((await tryUpgrade(`${srv.url.replace('http', 'ws')}/yjs/${b.boardId}?token=${siân.token}`)).status).toBe(403);
    const again = connectSession(srv.url, b.boardId, siân.token);
    sockets.push(again);
    const refused = await new Promise<{ data?: { status: number } }>((resolve) => again.once('connect_error', resolve as never));
    expect(refused.data?.status).toBe(403);
    await waitFor(() => {
      const now = presenceFrom(rhian.events);
      return now.length > 0 && !now.some((p) => p.participantId === siân.participantId);
    }, 'removed person leaves the presence list');

    const rotated = ok(await fac.call<{ joinKey: string; joinUrl: string }>('link:rotate'));
    expect(rotated.joinUrl).toContain(`#key=${rotated.joinKey}`);
    const old = await fetch(`${srv.url}/api/boards/${b.boardId}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: b.joinKey, name: 'Late', group: 'community' }),
    });
    expect(old.status).toBe(403);
    expect((await join(srv.url, b.boardId, rotated.joinKey, 'New', 'community')).role).toBe('participant');
    // Rhian, already in, is unaffected.
    expect(code(await rhian.call('hand:set', { raised: true }))).toBe('ok');
  });

  it('logs each facilitation action exactly once, for everyone, and keeps the log across a restart', async () => {
    const { b, fac, rhian, siân } = await board();
    const mair = ok(await fac.call<{ participantId: string }>('participant:add-in-room', { name: 'Mair', group: 'service-user' }));
    ok(await fac.call('step:set', { step: 'goals' }));
    ok(await fac.call('board:lock', { locked: true }));
    ok(await fac.call('board:lock', { locked: false }));
    ok(await fac.call('board:anonymous', { anonymous: true }));
    ok(await fac.call('role:set', { participantId: rhian.participantId, facilitator: true }));
    ok(await fac.call('role:set', { participantId: rhian.participantId, facilitator: false }));
    ok(await fac.call('link:rotate'));
    const d = docFor(b.boardId, fac.token);
    await d.synced;
    const note = addNote(d.doc, { sectionId: 'goals', text: 'Something', author: fac.authorKey });
    const round = ok(await fac.call<VoteRound>('vote:open', { title: 'R', sectionIds: ['goals'] }));
    await waitFor(
      async () =>
        code(await fac.call('vote:set', { roundId: round.roundId, noteId: note, dots: 1, onBehalfOf: mair.participantId })) === 'ok',
      'assisted vote',
    );
    ok(await fac.call('vote:close', { roundId: round.roundId }));
    ok(await fac.call('participant:remove', { participantId: siân.participantId }));
    // Repeating a state that is already in force logs nothing more.
    ok(await fac.call('step:set', { step: 'goals' }));
    ok(await fac.call('board:anonymous', { anonymous: true }));

    const expected = [
      'in-room-participant-added',
      'step-changed',
      'locked',
      'unlocked',
      'anonymity-changed',
      'role-changed',
      'role-changed',
      'link-rotated',
      'vote-opened',
      'assisted-ballot',
      'vote-closed',
      'participant-removed',
    ];
    const seen = ok(await rhian.call<{ entries: LogEntry[] }>('log:list')).entries;
    expect(seen.map((e) => e.action)).toEqual(expected);
    expect(seen.every((e) => e.actorName === 'Alun')).toBe(true);
    await waitFor(() => rhian.events.filter(([e]) => e === 'log:entry').length === expected.length, 'live log entries');

    await srv.stop();
    srv = await startServer({ dataDir: srv.dataDir });
    const later = await person(b.boardId, b.facilitatorKey, 'Later', 'community'); // the join link was rotated
    const kept = ok(await later.call<{ entries: LogEntry[] }>('log:list')).entries;
    expect(kept.map((e) => e.action).slice(0, expected.length)).toEqual(expected);
  });

  it('logs the timer, hands and break requests marked done, and results used, once each, for everyone; in the plan and its exports in both languages', async () => {
    const { b, fac, rhian, siân } = await board();
    const mark = rhian.events.length;
    // The timer: set, start, add, take away, pause, clear. Repeating what is already so logs nothing.
    ok(await fac.call('timer:set', { durationMs: 300_000 }));
    ok(await fac.call('timer:set', { durationMs: 300_000 }));
    ok(await fac.call('timer:run', { running: true }));
    ok(await fac.call('timer:run', { running: true }));
    ok(await fac.call('timer:add', { ms: 60_000 }));
    ok(await fac.call('timer:add', { ms: -30_000 }));
    ok(await fac.call('timer:run', { running: false }));
    ok(await fac.call('timer:run', { running: false }));
    ok(await fac.call('timer:set', { durationMs: null }));
    ok(await fac.call('timer:set', { durationMs: null }));
    // Hands: a hand lowered by its owner is not a facilitator action; one marked done is, once.
    ok(await siân.call('hand:set', { raised: true }));
    ok(await siân.call('hand:set', { raised: false }));
    ok(await rhian.call('hand:set', { raised: true }));
    ok(await fac.call('hand:clear', { participantId: rhian.participantId }));
    ok(await fac.call('hand:clear', { participantId: rhian.participantId }));
    // A break request, asked without a name: marked done, once, and the log never says who asked.
    ok(await siân.call('break:request', { anonymous: true }));
    const breaks = ok(await fac.call<{ breaks: { id: string }[] | null }>('facilitation:get')).breaks!;
    expect(breaks).toHaveLength(1);
    ok(await fac.call('break:clear', { id: breaks[0].id }));
    ok(await fac.call('break:clear', { id: breaks[0].id }));
    // Results used: only for a closed round on this board.
    const round = ok(await fac.call<VoteRound>('vote:open', { title: 'Which first?', sectionIds: ['goals'] }));
    expect(code(await fac.call('vote:use-results', { roundId: round.roundId }))).toBe('invalid-request');
    ok(await fac.call('vote:close', { roundId: round.roundId }));
    expect(code(await fac.call('vote:use-results', { roundId: 'no-such-round' }))).toBe('not-found');
    // Round ids a hostile client might choose: names of Object.prototype, and one longer than an id can be.
    for (const roundId of ['__proto__', 'constructor', 'toString']) {
      expect(code(await fac.call('vote:use-results', { roundId }))).toBe('not-found');
    }
    expect(code(await fac.call('vote:use-results', { roundId: 'x'.repeat(1000) }))).toBe('invalid-request');
    expect(code(await fac.call('vote:use-results', {}))).toBe('invalid-request');
    expect(ok(await fac.call('vote:use-results', { roundId: round.roundId }))).toEqual({ roundId: round.roundId });

    const expected: [string, Record<string, unknown>][] = [
      ['timer-set', { durationMs: 300_000 }],
      ['timer-started', { remainingMs: 300_000 }],
      ['timer-added', { ms: 60_000, durationMs: 360_000 }],
      ['timer-added', { ms: -30_000, durationMs: 330_000 }],
      ['timer-paused', {}],
      ['timer-cleared', {}],
      ['hand-cleared', { participantId: rhian.participantId, participantName: 'Rhian' }],
      ['break-cleared', {}],
      ['vote-opened', {}],
      ['vote-closed', {}],
      ['results-used', { roundId: round.roundId, title: 'Which first?' }],
    ];
    const seen = ok(await rhian.call<{ entries: LogEntry[] }>('log:list')).entries;
    expect(seen.map((e) => e.action)).toEqual(expected.map(([action]) => action));
    for (const [i, e] of seen.entries()) expect(e.detail).toMatchObject(expected[i][1]);
    expect(seen.every((e) => e.actorId === fac.participantId && e.actorName === 'Alun')).toBe(true);
    // The paused timer says how much was left (about 330 s, less the moment it ran).
    expect(seen[4].detail.remainingMs).toBeGreaterThan(320_000);
    expect(seen[4].detail.remainingMs).toBeLessThanOrEqual(330_000);
    const breakEntry = JSON.stringify(seen.find((e) => e.action === 'break-cleared'));
    expect(breakEntry).not.toContain(siân.participantId);
    expect(breakEntry).not.toContain('Siân');
    // Everyone is told as it happens, once each.
    await waitFor(
      () => rhian.events.slice(mark).filter(([e]) => e === 'log:entry').length === expected.length,
      'live log entries for the new kinds',
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(rhian.events.slice(mark).filter(([e]) => e === 'log:entry')).toHaveLength(expected.length);

    // The plan counts them, and every export names them in the chosen language.
    const plan = (await (
      await fetch(`${srv.url}/api/boards/${b.boardId}/plan`, { headers: { authorization: `Bearer ${rhian.token}` } })
    ).json()) as {
      log: { counts: Record<string, number>; entries: { action: string }[] };
    };
    expect(plan.log.counts).toMatchObject({ 'timer-added': 2, 'hand-cleared': 1, 'break-cleared': 1, 'results-used': 1, 'timer-set': 1 });
    expect(plan.log.entries.map((e) => e.action)).toEqual(expected.map(([action]) => action));
    const md = async (lang: string) => {
      // Exports are the facilitator's.
      const res = await fetch(`${srv.url}/api/boards/${b.boardId}/export?format=md&lang=${lang}`, {
        headers: { authorization: `Bearer ${fac.token}` },
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    const en = await md('en');
    for (const label of ['Set the timer', 'Started the timer', 'Paused the timer', 'Cleared the timer', 'Changed the time on the timer']) {
      expect(en).toContain(label);
    }
    expect(en).toContain('Marked a raised hand as done');
    expect(en).toContain('Marked a break request as done');
    expect(en).toContain('Used vote results as the shared priorities');
    const cy = await md('cy');
    for (const label of ['Gosododd yr amserydd', 'Dechreuodd yr amserydd', 'Oedodd yr amserydd', 'Cliriodd yr amserydd']) {
      expect(cy).toContain(label);
    }
    expect(cy).toContain('Nododd fod llaw wedi’i hateb');
    expect(cy).toContain('Nododd fod cais am egwyl wedi’i ateb');
    expect(cy).toContain('Defnyddiodd ganlyniadau pleidlais fel y blaenoriaethau cyffredin');
  });

  it('lets only a facilitator write "results used": a participant is refused and nothing is logged; a co-facilitator may', async () => {
    const { fac, rhian, siân } = await board();
    const round = ok(await fac.call<VoteRound>('vote:open', { title: 'R', sectionIds: ['goals'] }));
    ok(await fac.call('vote:close', { roundId: round.roundId }));
    const before = ok(await siân.call<{ entries: LogEntry[] }>('log:list')).entries.length;
    expect(code(await rhian.call('vote:use-results', { roundId: round.roundId }))).toBe('forbidden');
    expect(code(await rhian.call('vote:use-results', { roundId: 'no-such-round' }))).toBe('forbidden');
    expect(code(await rhian.call('vote:use-results', { roundId: round.roundId, extra: true }))).toBe('invalid-request');
    const after = ok(await siân.call<{ entries: LogEntry[] }>('log:list')).entries;
    expect(after).toHaveLength(before);
    expect(after.some((e) => e.action === 'results-used')).toBe(false);

    ok(await fac.call('role:set', { participantId: rhian.participantId, facilitator: true }));
    ok(await rhian.call('vote:use-results', { roundId: round.roundId }));
    ok(await fac.call('role:set', { participantId: rhian.participantId, facilitator: false }));
    expect(code(await rhian.call('vote:use-results', { roundId: round.roundId }))).toBe('forbidden');
    const used = ok(await siân.call<{ entries: LogEntry[] }>('log:list')).entries.filter((e) => e.action === 'results-used');
    expect(used.map((e) => [e.actorId, e.detail.title])).toEqual([[rhian.participantId, 'R']]);
  });

  it('keeps the timer across a restart and counts it down from the server clock', async () => {
    const { b, fac, rhian } = await board();
    ok(await fac.call('timer:set', { durationMs: 120_000 }));
    const running = ok(await fac.call<FacilitationState>('timer:run', { running: true }));
    expect(running.timer?.endsAt).toBeGreaterThan(running.serverNow + 119_000);
    const added = ok(await fac.call<FacilitationState>('timer:add', { ms: 60_000 }));
    const startedAt = Date.now();
    expect(added.timer!.endsAt! - running.timer!.endsAt!).toBe(60_000);
    await waitFor(
      () => rhian.events.some(([e, p]) => e === 'facilitation:state' && (p as FacilitationState).timer?.endsAt === added.timer!.endsAt),
      'participant sees the timer',
    );

    await srv.stop();
    srv = await startServer({ dataDir: srv.dataDir });
    const back = await person(b.boardId, b.joinKey, 'Back', 'community');
    const state = ok(await back.call<{ state: FacilitationState }>('facilitation:get')).state;
    expect(state.timer).toEqual(added.timer);
    const paused = ok(
      await (await person(b.boardId, b.facilitatorKey, 'Alun again', 'staff')).call<FacilitationState>('timer:run', { running: false }),
    );
    expect(paused.timer!.endsAt).toBeNull();
    // Counted down from the server clock across the restart (however long the restart took on a
    // busy machine): what is left is the stored end time minus the server's time at the pause.
    expect(paused.timer!.remainingMs).toBeLessThanOrEqual(180_000);
    expect(Math.abs(paused.timer!.remainingMs! - (added.timer!.endsAt! - paused.serverNow))).toBeLessThan(2_000);
    const elapsed = Date.now() - startedAt;
    // It ran on while the server was down: neither stopped at the restart nor jumped ahead.
    expect(paused.timer!.remainingMs).toBeLessThan(180_000 - elapsed + 2_000);
    expect(paused.timer!.remainingMs).toBeGreaterThan(180_000 - elapsed - 2_000);
  });

  it('shows a balance of voice that matches counts taken independently from the doc and the ballots', async () => {
    const { b, fac, rhian, siân } = await board();
    const dewi = await person(b.boardId, b.joinKey, 'Dewi', 'service-user');
    const fd = docFor(b.boardId, fac.token);
    const rd = docFor(b.boardId, rhian.token);
    const sd = docFor(b.boardId, siân.token);
    await Promise.all([fd.synced, rd.synced, sd.synced]);
    const n1 = addNote(rd.doc, { sectionId: 'goals', text: 'Lifts', author: rhian.authorKey });
    const n2 = addNote(rd.doc, { sectionId: 'goals', text: 'Cafe', author: rhian.authorKey });
    const n3 = addNote(sd.doc, { sectionId: 'goals', text: 'Respite', author: siân.authorKey });
    applyTextChange(getNoteText(sd.doc, n3)!, 'Respite care');
    const n4 = addNote(fd.doc, { sectionId: 'goals', text: 'Rota', author: fac.authorKey });
    await waitFor(() => notesOf(fd.doc).size === 4 && getNoteText(fd.doc, n3)?.toString() === 'Respite care', 'notes everywhere');
    fd.doc.transact(() => prioritiesOf(fd.doc).push([n3, n1, n4]));
    await waitFor(() => prioritiesOf(rd.doc).length === 3, 'priorities everywhere');

    const round = ok(await fac.call<VoteRound>('vote:open', { title: 'R', sectionIds: ['goals'] }));
    ok(await rhian.call('vote:set', { roundId: round.roundId, noteId: n1, dots: 3 }));
    ok(await dewi.call('vote:set', { roundId: round.roundId, noteId: n3, dots: 2 }));
    ok(await siân.call('vote:set', { roundId: round.roundId, noteId: n2, dots: 1 }));
    ok(await fac.call('vote:set', { roundId: round.roundId, noteId: n4, dots: 3 }));
    const closed = ok(await fac.call<ClosedRound>('vote:close', { roundId: round.roundId }));

    const balance = ok(await siân.call<BalanceOfVoice>('balance:get'));

    // Independent counts: from a fresh copy of the doc, the join records, and the closed ballots.
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(fd.doc));
    const groupByAuthor = new Map([
      [fac.authorKey, 'staff'],
      [rhian.authorKey, 'service-user'],
      [siân.authorKey, 'family-carer'],
      [dewi.authorKey, 'service-user'],
    ]);
    const notesBy: Record<string, number> = {};
    for (const n of listNotes(fresh)) notesBy[groupByAuthor.get(n.author)!] = (notesBy[groupByAuthor.get(n.author)!] ?? 0) + 1;
    expect(balance.notesWritten).toMatchObject({ 'service-user': notesBy['service-user'], 'family-carer': 1, staff: 1, community: 0 });
    expect(balance.present).toEqual({ 'service-user': 2, 'family-carer': 1, staff: 1, community: 0, unspecified: 0 });
    expect(balance.dotsCast).toEqual({ 'service-user': 5, 'family-carer': 1, staff: 3, community: 0, unspecified: 0 });
    expect(closed.results.dotsCast).toBe(9);
    const top = prioritiesOf(fresh).toArray();
    const topGroups = top.map((id) => groupByAuthor.get(listNotes(fresh).find((n) => n.id === id)!.author));
    expect(balance.topPriorities).toMatchObject({
      'family-carer': topGroups.filter((g) => g === 'family-carer').length,
      'service-user': 1,
      staff: 1,
    });
    expect(balance.topPriorityCount).toBe(3);
    // Edits: work on an item, however many keystrokes. Rhian added 2 notes; Siân added a note and
    // went straight on editing it (one edit); the facilitator added a note and built the priority
    // list. Dewi edited nothing.
    expect(balance.editsMade).toEqual({ 'service-user': 2, 'family-carer': 1, staff: 2, community: 0, unspecified: 0 });
  });
});
