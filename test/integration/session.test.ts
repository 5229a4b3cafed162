import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type { AckResult, PresenceEntry, Welcome } from '../../shared/session.js';
import { connectSession, createBoard, join, request, waitFor } from '../support/clients.js';
import { startServer, type RunningServer } from '../support/server.js';

let srv: RunningServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await srv?.stop();
});

function session(boardId: string, token: string) {
  const s = connectSession(srv.url, boardId, token);
  sockets.push(s);
  return s;
}
function connected(s: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', (e) => reject(e));
  });
}
function refusal(auth: unknown): Promise<{ message: string; data?: { status: number; code: string } }> {
  const s = io(srv.url, { auth: auth as object, transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.once('connect', () => reject(new Error('should have been refused')));
    s.once('connect_error', (e) => resolve(e as never));
  });
}
/** Records every presence list a socket receives; `latest()` is the newest. */
function presenceOf(s: Socket) {
  const lists: PresenceEntry[][] = [];
  s.on('presence:list', (p: { participants: PresenceEntry[] }) => lists.push(p.participants));
  return { latest: () => lists.at(-1) ?? [] };
}
const statusOf = (list: PresenceEntry[], id: string) => list.find((p) => p.participantId === id)?.status;

describe('session channel (socket.io)', () => {
  it('refuses a bad, missing or foreign token in the handshake', async () => {
    const b = await createBoard(srv.url);
    const other = await createBoard(srv.url);
    const foreign = await join(srv.url, other.boardId, other.joinKey);
    expect((await refusal({ boardId: b.boardId, token: 'nope' })).data).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((await refusal({ boardId: b.boardId, token: foreign.token })).data).toMatchObject({ status: 401 });
    expect((await refusal({})).data).toMatchObject({ status: 400, code: 'invalid-request' });
    expect((await refusal({ boardId: 'no-such-board', token: foreign.token })).data).toMatchObject({ status: 404 });
  });

  it('says who you are and which board this is', async () => {
    const b = await createBoard(srv.url, { title: 'Gofal yn y cartref', language: 'cy' });
    const fac = await join(srv.url, b.boardId, b.facilitatorKey, 'Alun', 'staff');
    const s = session(b.boardId, fac.token);
    await connected(s);
    const ack = await request<AckResult<Welcome>>(s, 'session:hello', {});
    expect(ack).toEqual({
      ok: true,
      data: {
        board: { boardId: b.boardId, title: 'Gofal yn y cartref', template: 'coproduction', language: 'cy', createdAt: expect.any(Number) },
        me: { participantId: fac.participantId, name: 'Alun', group: 'staff', role: 'facilitator', authorKey: fac.authorKey, anonAuthorKey: fac.anonAuthorKey },
      },
    });
  });

  it('shows people joining, going away and leaving, with the facilitator marked', async () => {
    const b = await createBoard(srv.url);
    const fac = await join(srv.url, b.boardId, b.facilitatorKey, 'Alun', 'staff');
    const p = await join(srv.url, b.boardId, b.joinKey, 'Rhian', 'service-user');
    const facSocket = session(b.boardId, fac.token);
    const seen = presenceOf(facSocket);
    await connected(facSocket);
    await waitFor(() => statusOf(seen.latest(), fac.participantId) === 'online', 'facilitator online');
    expect(statusOf(seen.latest(), p.participantId)).toBe('offline');

    const pSocket = session(b.boardId, p.token);
    await connected(pSocket);
    await waitFor(() => statusOf(seen.latest(), p.participantId) === 'online', 'participant joins');
    expect(seen.latest().find((e) => e.participantId === fac.participantId)).toMatchObject({ name: 'Alun', role: 'facilitator', group: 'staff' });
    expect(seen.latest().find((e) => e.participantId === p.participantId)).toMatchObject({ name: 'Rhian', role: 'participant', group: 'service-user' });

    expect(await request(pSocket, 'presence:set', { status: 'away' })).toEqual({ ok: true, data: { status: 'away' } });
    await waitFor(() => statusOf(seen.latest(), p.participantId) === 'away', 'participant away');

    // A second tab keeps the person online until both are gone.
    const secondTab = session(b.boardId, p.token);
    await connected(secondTab);
    await waitFor(() => statusOf(seen.latest(), p.participantId) === 'online', 'second tab online');
    pSocket.close();
    secondTab.close();
    await waitFor(() => statusOf(seen.latest(), p.participantId) === 'offline', 'participant leaves');
  });

  it('answers malformed requests with a clear error and keeps working', async () => {
    const b = await createBoard(srv.url);
    const p = await join(srv.url, b.boardId, b.joinKey);
    const s = session(b.boardId, p.token);
    await connected(s);
    const bad = await request<AckResult<unknown>>(s, 'presence:set', { status: 'dancing' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('invalid-request');
    expect(await request<AckResult<unknown>>(s, 'presence:set', 'not an object')).toMatchObject({ ok: false });
    expect(await request<AckResult<unknown>>(s, 'presence:set', { status: 'away', extra: 1 })).toMatchObject({ ok: false });
    s.emit('presence:set'); // no payload, no ack: ignored without harm
    s.emit('no-such-event', { x: 1 });
    expect(await request(s, 'presence:set', { status: 'online' })).toEqual({ ok: true, data: { status: 'online' } });
    expect(s.connected).toBe(true);
  });
});
