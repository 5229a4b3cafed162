import type { Socket } from 'socket.io-client';
import { z } from 'zod';
import { PresenceBook } from '../../shared/presenceBook.js';
import { PresenceEntry } from '../../shared/session.js';

// Entries are checked against the contract; the revision is read leniently only so that these
// helpers also read a server that sends bare lists (every list then simply replaces the last).
const PresenceRev = z.number().int().nonnegative();
const List = z.object({ participants: z.array(PresenceEntry), rev: PresenceRev.optional() });
const Change = z.discriminatedUnion('op', [
  z.object({ op: z.literal('upsert'), rev: PresenceRev, entry: PresenceEntry }),
  z.object({ op: z.literal('remove'), rev: PresenceRev, participantId: z.string() }),
]);

export interface PresenceTracker {
  /** The board's presence as this socket knows it now (empty before the first list). */
  latest(): PresenceEntry[];
  /** How many full lists this socket has received. */
  lists(): number;
  /** Bytes of engine.io packets this socket has received so far (everything, not only presence). */
  bytes(): number;
}

/** Follows a socket's presence the way a client does: one full list, then changes by revision. */
export function trackPresence(s: Socket): PresenceTracker {
  const book = new PresenceBook<PresenceEntry>();
  let lists = 0;
  let bytes = 0;
  s.on('connect', () => book.restart());
  s.on('presence:list', (payload: unknown) => {
    const list = List.parse(payload);
    lists++;
    book.applyList(list.participants, list.rev ?? 0);
  });
  s.on('presence:change', (payload: unknown) => {
    book.applyChange(Change.parse(payload));
  });
  const counted = new WeakSet<object>();
  const count = () => {
    const engine = s.io.engine;
    if (!engine || counted.has(engine)) return;
    counted.add(engine);
    engine.on('packet', (p: { data?: unknown }) => {
      if (typeof p.data === 'string') bytes += Buffer.byteLength(p.data);
    });
  };
  count();
  s.io.on('open', count);
  return { latest: () => book.view() ?? [], lists: () => lists, bytes: () => bytes };
}

/** Folds recorded [event, payload] pairs (oldest first) into the presence they add up to. */
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
