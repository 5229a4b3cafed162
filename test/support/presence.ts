import type { Socket } from 'socket.io-client';
import * as z from 'zod/mini';
import { PresenceBook } from '../../shared/presenceBook.js';
import { PresenceEntry, PresenceRev } from '../../shared/session.js';

// Entries are checked against the contract; the revision is read leniently only so that these
// helpers also read a server that sends bare lists (every list then simply replaces the last).
const List = z.object({ participants: z.array(PresenceEntry), rev: z.optional(PresenceRev) });
const Change = z.discriminatedUnion('op', [
  z.object({ op: z.literal('upsert'), rev: PresenceRev, entry: PresenceEntry }),
  z.object({ op: z.literal('remove'), rev: PresenceRev, participantId: z.string() }),
]);

export interface PresenceTracker {
  /** The board's presence as this socket knows it now (empty before the first list). */
  latest(): PresenceEntry[];
  /** How many full lists this socket has received (asked for, or sent to the board). */
  lists(): number;
  /** Bytes of engine.io packets this socket has received so far (everything, not only presence). */
  bytes(): number;
  /** The largest engine.io packet it has received, in bytes. */
  largest(): number;
}

/**
 * Follows a socket's presence the way a client does: on connecting it asks for the full list
 * (presence:get), then applies the changes and any list the board is sent, by revision.
 */
export function trackPresence(s: Socket): PresenceTracker {
  const book = new PresenceBook<PresenceEntry>();
  let lists = 0;
  let bytes = 0;
  let largest = 0;
  const onList = (payload: unknown) => {
    const list = List.parse(payload);
    lists++;
    book.applyList(list.participants, list.rev ?? 0);
  };
  const ask = () => {
    book.restart();
    s.timeout(10_000).emit('presence:get', {}, (err: Error | null, ack?: { ok: boolean; data?: unknown }) => {
      if (!err && ack?.ok) onList(ack.data);
    });
  };
  s.on('connect', ask);
  if (s.connected) ask();
  s.on('presence:list', onList);
  s.on('presence:change', (payload: unknown) => {
    book.applyChange(Change.parse(payload));
  });
  const counted = new WeakSet<object>();
  const count = () => {
    const engine = s.io.engine;
    if (!engine || counted.has(engine)) return;
    counted.add(engine);
    engine.on('packet', (p: { data?: unknown }) => {
      if (typeof p.data !== 'string') return;
      const n = Buffer.byteLength(p.data);
      bytes += n;
      largest = Math.max(largest, n);
    });
  };
  count();
  s.io.on('open', count);
  return { latest: () => book.view() ?? [], lists: () => lists, bytes: () => bytes, largest: () => largest };
}

/**
 * Folds recorded [event, payload] pairs (oldest first) into the presence they add up to. The
 * list a client asks for on connecting is recorded as a 'presence:list' event (see
 * askedList), so a recording reads like what the client was told.
 */
export function presenceFrom(events: readonly (readonly [string, unknown])[]): PresenceEntry[] {
  const book = new PresenceBook<PresenceEntry>();
  for (const [event, payload] of events) {
    if (event === 'presence:list') {
      const list = List.parse(payload);
      book.applyList(list.participants, list.rev ?? 0);
    } else if (event === 'presence:change') {
      book.applyChange(Change.parse(payload));
    }
  }
  return book.view() ?? [];
}

/** Asks for the full list, as a client does on connecting; resolves with it as a recordable event. */
export async function askedList(s: Socket): Promise<['presence:list', unknown]> {
  const ack = (await s.timeout(10_000).emitWithAck('presence:get', {})) as { ok: boolean; data?: unknown };
  if (!ack.ok) throw new Error('presence:get refused');
  return ['presence:list', ack.data];
}
