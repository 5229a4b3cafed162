import { io, type Socket } from 'socket.io-client';
import { askedList } from './presence.js';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.js';
import type { ParticipantGroup } from '../../shared/participants.js';
import type { AckResult } from '../../shared/session.js';
import type { TemplateId } from '../../shared/templates.js';

/** Real clients for integration tests: HTTP via fetch, the doc via y-websocket, the session via socket.io-client. */

export async function createBoard(
  url: string,
  body: { title?: string; template?: TemplateId; language?: 'en' | 'cy' } = {},
): Promise<CreateBoardResponse> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Day centre redesign', template: 'coproduction', language: 'en', ...body }),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateBoardResponse;
}

export async function join(
  url: string,
  boardId: string,
  key: string,
  name = 'Rhian',
  group: ParticipantGroup = 'service-user',
): Promise<JoinResponse> {
  const res = await fetch(`${url}/api/boards/${boardId}/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key, name, group }),
  });
  if (res.status !== 201) throw new Error(`join: ${res.status} ${await res.text()}`);
  return (await res.json()) as JoinResponse;
}

export interface DocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves when the first sync with the server has completed. */
  synced: Promise<void>;
  destroy(): void;
}

export function connectDoc(url: string, boardId: string, token: string, doc = new Y.Doc()): DocClient {
  const provider = new WebsocketProvider(url.replace(/^http/, 'ws') + '/yjs', boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    const onSync = (isSynced: boolean) => {
      if (isSynced) {
        provider.off('sync', onSync);
        resolve();
      }
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    provider,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function connectSession(url: string, boardId: string, token: string): Socket {
  return io(url, { auth: { boardId, token }, transports: ['websocket'], forceNew: true, reconnection: false });
}

/** Emits with an acknowledgement and resolves with the ack payload. */
export function request<T = unknown>(socket: Socket, event: string, payload: unknown = {}): Promise<T> {
  return socket.timeout(5000).emitWithAck(event, payload) as Promise<T>;
}

/** Someone on a board: joined with a key, their session connected, every event it received so far. */
export interface Person extends JoinResponse {
  name: string;
  group: ParticipantGroup;
  socket: Socket;
  events: [string, unknown][];
  /** A session request, resolved with its acknowledgement. */
  call<T>(event: string, payload?: unknown): Promise<AckResult<T>>;
}

/**
 * Returns `person(boardId, key, name, group)`, which joins a board on the server at `url()` and
 * connects that person's session (rejecting if the handshake is refused). Each socket is added
 * to `sockets`, for the suite to close.
 */
export function personOn(url: () => string, sockets: Socket[]) {
  return async (boardId: string, key: string, name: string, group: ParticipantGroup): Promise<Person> => {
    const joined = await join(url(), boardId, key, name, group);
    const socket = connectSession(url(), boardId, joined.token);
    sockets.push(socket);
    const events: [string, unknown][] = [];
    socket.onAny((event, payload) => events.push([event, payload]));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    // As a client does on connecting: ask for the full presence list. Its answer is recorded with
    // the events, so everything this person was told is in `events`.
    events.push(await askedList(socket));
    const call = <T>(event: string, payload: unknown = {}) => request<AckResult<T>>(socket, event, payload);
    return { ...joined, name, group, socket, events, call };
  };
}

/** Polls until `check` returns true, or fails with `what` after the timeout. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Opens a raw WebSocket and reports how the upgrade ended: 'open', or the HTTP status it was refused with. */
export function tryUpgrade(url: string): Promise<{ status: number | 'open'; received: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    let received = 0;
    ws.on('message', () => received++);
    ws.on('open', () => {
      setTimeout(() => {
        resolve({ status: 'open', received });
        ws.close();
      }, 200);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, received });
      ws.terminate();
    });
    ws.on('error', () => {});
  });
}
