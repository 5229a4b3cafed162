import type { Socket } from 'socket.io-client';
import { z } from 'zod';
import { PresenceBook } from '../../../shared/presenceBook.js';

/**
 * A board's presence on the session socket: the full list, asked for once on every (re)connect
 * (presence:get; also sent to everyone as presence:list when anonymity is switched), then one
 * person's change at a time (presence:change), ordered by revision (shared/presenceBook.ts).
 * One feed per socket, however many parts of the page follow it, so the list is asked for once.
 */

/** Entries are kept as sent; each follower reads the fields it needs through its own lenient schema. */
const Raw = z.looseObject({ participantId: z.string() });
type Raw = z.infer<typeof Raw>;
const List = z.object({ participants: z.array(z.unknown()), rev: z.number().catch(0) });
const Change = z.discriminatedUnion('op', [
  z.object({ op: z.literal('upsert'), rev: z.number(), entry: Raw }),
  z.object({ op: z.literal('remove'), rev: z.number(), participantId: z.string() }),
]);
const ASK_TIMEOUT_MS = 10_000;
const RETRY_MS = 2_000;

class Feed {
  private readonly book = new PresenceBook<Raw>();
  readonly followers = new Set<(people: Raw[]) => void>();
  private asking = 0;

  constructor(private readonly socket: Socket) {
    socket.on('connect', this.onConnect);
    socket.on('presence:list', this.onList);
    socket.on('presence:change', this.onChange);
    if (socket.connected) this.ask();
  }

  view(): Raw[] | null {
    return this.book.view();
  }

  stop(): void {
    this.socket.off('connect', this.onConnect);
    this.socket.off('presence:list', this.onList);
    this.socket.off('presence:change', this.onChange);
  }

  private publish() {
    const people = this.book.view();
    if (people) for (const follower of this.followers) follower(people);
  }

  private readonly onList = (payload: unknown) => {
    const parsed = List.safeParse(payload);
    if (!parsed.success) return;
    const entries = parsed.data.participants.flatMap((p) => {
      const entry = Raw.safeParse(p);
      return entry.success ? [entry.data] : [];
    });
    this.book.applyList(entries, parsed.data.rev);
    this.publish();
  };

  private readonly onChange = (payload: unknown) => {
    const parsed = Change.safeParse(payload);
    if (parsed.success && this.book.applyChange(parsed.data)) this.publish();
  };

  // A new connection: what we held may be stale, the list asked for now decides (the old one stays
  // shown until it comes).
  private readonly onConnect = () => {
    this.book.restart();
    this.ask();
  };

  private ask() {
    const attempt = ++this.asking;
    this.socket.timeout(ASK_TIMEOUT_MS).emit('presence:get', {}, (err: Error | null, ack: { ok?: boolean; data?: unknown } | undefined) => {
      if (attempt !== this.asking) return; // a reconnect asked again meanwhile
      if (!err && ack?.ok) return this.onList(ack.data);
      setTimeout(() => {
        if (attempt === this.asking && this.socket.connected && this.book.view() === null) this.ask();
      }, RETRY_MS);
    });
  }
}

const feeds = new WeakMap<Socket, Feed>();

/**
 * Calls `onPeople` with the whole presence list (read through `entry`; entries it cannot read are
 * left out) now if it is known, and after every change that is news. Returns a function that
 * stops following.
 */
export function followPresence<T extends { participantId: string }>(
  socket: Socket,
  entry: z.ZodType<T>,
  onPeople: (people: T[]) => void,
): () => void {
  let feed = feeds.get(socket);
  if (!feed) {
    feed = new Feed(socket);
    feeds.set(socket, feed);
  }
  const follower = (people: Raw[]) =>
    onPeople(
      people.flatMap((p) => {
        const parsed = entry.safeParse(p);
        return parsed.success ? [parsed.data] : [];
      }),
    );
  feed.followers.add(follower);
  const now = feed.view();
  if (now) follower(now);
  const f = feed;
  return () => {
    f.followers.delete(follower);
    if (f.followers.size === 0) {
      f.stop();
      if (feeds.get(socket) === f) feeds.delete(socket);
    }
  };
}
