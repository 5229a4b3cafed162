import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { request, subscribe } from '../../client/src/session/sessionClient.js';
import { BoardError } from '../../server/boards/boardService.js';
import { createLogger } from '../../server/logger.js';
import { handle } from '../../server/session/handle.js';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { ServerPayload } from '../../shared/session.js';

/**
 * The client's session layer against a real socket.io server in this process, so each case can
 * make the server answer as it likes: as the contract says, with a refusal, with something the
 * contract does not allow, or not at all.
 */

let http: HttpServer;
let ioServer: Server;
let url: string;
/** What the server does with each event, set per test; `received` records what arrived. */
let answer: (event: string, payload: unknown, ack: ((a: unknown) => void) | undefined) => void;
const received: [string, unknown][] = [];
const serverSockets: ServerSocket[] = [];
const clients: Socket[] = [];

beforeAll(async () => {
  http = createServer();
  ioServer = new Server(http);
  ioServer.on('connection', (socket) => {
    serverSockets.push(socket);
    // The real request handler for one event, so refusals come in the server's own shape.
    handle(socket, createLogger('silent'), 'hand:set', async ({ raised }) => {
      if (raised) throw new BoardError(403, 'forbidden', 'No.');
      return { step: null, timer: null, locked: false, anonymous: false, hands: [], serverNow: 1 };
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      if (event === 'hand:set') return;
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (a: unknown) => void) : undefined;
      received.push([event, args[0]]);
      answer(event, args[0], ack);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  serverSockets.splice(0);
  received.splice(0);
  vi.restoreAllMocks();
});

afterAll(async () => {
  await new Promise<void>((resolve) => ioServer.close(() => resolve()));
});

async function connect(): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  clients.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** The server's end of the one connected client. */
function serverSide(): ServerSocket {
  expect(serverSockets).toHaveLength(1);
  return serverSockets[0];
}

const entry: LogEntry = { id: 'e1', at: 1, actorId: 'p1', actorName: 'Alun', action: 'timer-started', detail: { remainingMs: 60_000 } };

describe('request', () => {
  it('sends the payload and resolves with the acknowledgement data, as the contract reads it', async () => {
    answer = (_e, _p, ack) => ack?.({ ok: true, data: { status: 'away', extra: 'dropped by the schema' } });
    const socket = await connect();
    const result = await request(socket, 'presence:set', { status: 'away' });
    expect(result).toEqual({ ok: true, data: { status: 'away' } });
    expect(received).toEqual([['presence:set', { status: 'away' }]]);
  });

  it("passes the server's refusal code on (from the server's own request handler)", async () => {
    const socket = await connect();
    expect(await request(socket, 'hand:set', { raised: true })).toEqual({ ok: false, code: 'forbidden' });
    expect(await request(socket, 'hand:set', { raised: false })).toMatchObject({ ok: true, data: { hands: [] } });
    // A payload the contract refuses (the type would not allow it) is answered as invalid-request.
    expect(await request(socket, 'hand:set', { raised: 'yes' } as never)).toEqual({ ok: false, code: 'invalid-request' });
  });

  it('treats an acknowledgement that does not match the contract as a failure, and says so in the console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const socket = await connect();
    const answers: unknown[] = [
      { ok: true, data: { status: 'asleep' } }, // data outside the ack schema
      { ok: true }, // no data
      { ok: false, error: { code: 'no-such-code', message: 'x' } }, // an error code the contract does not have
      'fine', // not an answer at all
      undefined,
    ];
    for (const a of answers) {
      answer = (_e, _p, ack) => ack?.(a);
      expect(await request(socket, 'presence:set', { status: 'online' })).toEqual({ ok: false, code: 'internal' });
    }
    expect(warn).toHaveBeenCalledTimes(answers.length);
    expect(String(warn.mock.calls[0][0])).toContain('presence:set');
  });

  it("validates with the requested event's own ack schema", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const socket = await connect();
    // A valid presence:set answer is not a valid shareback:create answer.
    answer = (_e, _p, ack) => ack?.({ ok: true, data: { status: 'online' } });
    expect(await request(socket, 'shareback:create', {})).toEqual({ ok: false, code: 'internal' });
    answer = (_e, _p, ack) => ack?.({ ok: true, data: { viewKey: 'k', viewUrl: 'http://x/plan/b#view=k' } });
    expect(await request(socket, 'shareback:create', {})).toEqual({ ok: true, data: { viewKey: 'k', viewUrl: 'http://x/plan/b#view=k' } });
  });

  it('resolves with timeout when the server never answers', async () => {
    answer = () => {}; // never acknowledges
    const socket = await connect();
    const started = Date.now();
    expect(await request(socket, 'presence:get', {}, { timeoutMs: 300 })).toEqual({ ok: false, code: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(received.map(([e]) => e)).toEqual(['presence:get']);
  });

  it('resolves with offline, sending nothing, without a socket or while disconnected', async () => {
    answer = (_e, _p, ack) => ack?.({ ok: true, data: { status: 'online' } });
    expect(await request(null, 'presence:set', { status: 'online' })).toEqual({ ok: false, code: 'offline' });
    const socket = await connect();
    socket.disconnect();
    expect(await request(socket, 'presence:set', { status: 'online' })).toEqual({ ok: false, code: 'offline' });
    const never = io(url, { transports: ['websocket'], forceNew: true, autoConnect: false });
    clients.push(never);
    expect(await request(never, 'presence:set', { status: 'online' })).toEqual({ ok: false, code: 'offline' });
    // Nothing was queued to go out on a later connect either.
    await new Promise<void>((resolve) => {
      never.once('connect', () => resolve());
      never.connect();
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([]);
  });
});

describe('subscribe', () => {
  it('hands each valid payload to the handler, as the contract reads it, until unsubscribed', async () => {
    const socket = await connect();
    const got: ServerPayload<'log:entry'>[] = [];
    const stop = subscribe(socket, 'log:entry', (e) => got.push(e));
    serverSide().emit('log:entry', { ...entry, unknownField: true });
    await vi.waitFor(() => expect(got).toHaveLength(1));
    expect(got[0]).toEqual(entry);
    stop();
    serverSide().emit('log:entry', { ...entry, id: 'e2' });
    // A later event on the same socket shows the one above has been delivered (in order).
    const after = new Promise<void>((resolve) => socket.once('doc:storage', () => resolve()));
    serverSide().emit('doc:storage', { state: 'ok', message: 'fine' });
    await after;
    expect(got).toHaveLength(1);
  });

  it('drops, and logs, a payload that does not match the contract; later valid ones still arrive', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const socket = await connect();
    const got: ServerPayload<'doc:storage'>[] = [];
    subscribe(socket, 'doc:storage', (p) => got.push(p));
    serverSide().emit('doc:storage', { state: 'on fire', message: 'x' });
    serverSide().emit('doc:storage', 'not even an object');
    serverSide().emit('doc:storage', { state: 'failing', message: 'Saving is failing.' });
    await vi.waitFor(() => expect(got).toHaveLength(1));
    expect(got).toEqual([{ state: 'failing', message: 'Saving is failing.' }]);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0][0])).toContain('doc:storage');
  });

  it('keeps handlers apart: unsubscribing one leaves the others', async () => {
    const socket = await connect();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const stopA = subscribe(socket, 'vote:round', (p) => a.push(p));
    subscribe(socket, 'vote:round', (p) => b.push(p));
    stopA();
    serverSide().emit('vote:round', { round: null, voters: 0 });
    await vi.waitFor(() => expect(b).toEqual([{ round: null, voters: 0 }]));
    expect(a).toEqual([]);
  });
});
