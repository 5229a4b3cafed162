import type { Socket } from 'socket.io-client';
import type * as z from 'zod/mini';
import {
  Ack,
  ClientEvents,
  ServerEvents,
  type ClientAckData,
  type ClientEventName,
  type ClientPayload,
  type ErrorCode,
  type ServerEventName,
  type ServerPayload,
} from '../../../shared/session.js';

/**
 * The client's one way onto the session channel (socket.io). Every request and every server
 * event goes through here, typed from the contract in shared/session.ts and checked against its
 * zod schemas: an acknowledgement that does not match is treated as a failure ('internal'), an
 * event that does not match is dropped. Socket.io's own connection events (connect, disconnect,
 * connect_error) are not part of the contract and are listened to directly.
 */

/** Failures a request can end in: the server's codes, or never reaching it. */
export type RequestErrorCode = ErrorCode | 'offline' | 'timeout';
export type RequestResult<T> = { ok: true; data: T } | { ok: false; code: RequestErrorCode };

export const REQUEST_TIMEOUT_MS = 10_000;

/** The acknowledgement schema of each request, built once per event. */
const ackSchemas = new Map<ClientEventName, z.ZodMiniType>();
function ackSchema(event: ClientEventName): z.ZodMiniType {
  let schema = ackSchemas.get(event);
  if (!schema) {
    schema = Ack(ClientEvents[event].ack);
    ackSchemas.set(event, schema);
  }
  return schema;
}

/**
 * Sends a request and resolves with its answer: `{ok: true, data}` with the acknowledgement's data
 * as the contract describes it, or `{ok: false, code}` with the server's error code, 'offline'
 * (no connected socket: nothing is sent) or 'timeout' (no answer in time). Never rejects.
 */
export function request<E extends ClientEventName>(
  socket: Socket | null | undefined,
  event: E,
  payload: ClientPayload<E>,
  { timeoutMs = REQUEST_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<RequestResult<ClientAckData<E>>> {
  return new Promise((resolve) => {
    if (!socket?.connected) {
      resolve({ ok: false, code: 'offline' });
      return;
    }
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, ack: unknown) => {
      if (err) return resolve({ ok: false, code: 'timeout' });
      const parsed = ackSchema(event).safeParse(ack);
      if (!parsed.success) {
        console.warn(`session: the answer to ${event} does not match the contract; treated as a failure`, parsed.error.issues);
        return resolve({ ok: false, code: 'internal' });
      }
      const answer = parsed.data as { ok: true; data: ClientAckData<E> } | { ok: false; error: { code: ErrorCode } };
      resolve(answer.ok ? { ok: true, data: answer.data } : { ok: false, code: answer.error.code });
    });
  });
}

/**
 * Calls `handler` with each `event` the server sends, once its payload has been checked against
 * the contract (a payload that does not match is dropped and logged). Returns a function that
 * stops listening.
 */
export function subscribe<E extends ServerEventName>(socket: Socket, event: E, handler: (payload: ServerPayload<E>) => void): () => void {
  const schema: z.ZodMiniType = ServerEvents[event].payload;
  const listener = (payload: unknown) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      console.warn(`session: dropped a ${event} event that does not match the contract`, parsed.error.issues);
      return;
    }
    handler(parsed.data as ServerPayload<E>);
  };
  socket.on(event as string, listener);
  return () => {
    socket.off(event as string, listener);
  };
}
