import type { Socket } from 'socket.io-client';
import { PresenceBook } from '../../../shared/presenceBook.js';
import type { PresenceChange, PresenceEntry, PresenceList } from '../../../shared/session.js';
import { request, subscribe } from '../session/sessionClient.js';

/**
 * A board's presence on the session socket: the full list, asked for once on every (re)connect
 * (presence:get; also sent to everyone as presence:list when anonymity is switched), then one
 * person's change at a time (presence:change), ordered by revision (shared/presenceBook.ts).
 * One feed per socket, however many parts of the page follow it, so the list is asked for once.
 * Entries are read through the contract (sessionClient.ts): what the server sends is what is kept.
 */

const RETRY_MS = 2_000;

class Feed {
  private readonly book = new PresenceBook<PresenceEntry>();
  readonly followers = new Set<(people: PresenceEntry[]) => void>();
  private asking = 0;
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly socket: Socket) {
    socket.on('connect', this.onConnect);
    this.unsubscribe = [subscribe(socket, 'presence:list', this.onList), subscribe(socket, 'presence:change', this.onChange)];
    if (socket.connected) this.ask();
  }

  view(): PresenceEntry[] | null {
    return this.book.view();
  }

  stop(): void {
    this.socket.off('connect', this.onConnect);
    for (const stop of this.unsubscribe) stop();
  }

  private publish() {
    const people = this.book.view();
    if (people) for (const follower of this.followers) follower(people);
  }

  private readonly onList = (list: PresenceList) => {
    this.book.applyList(list.participants, list.rev);
    this.publish();
  };

  private readonly onChange = (change: PresenceChange) => {
    if (this.book.applyChange(change)) this.publish();
  };

  // A new connection: what we held may be stale, the list asked for now decides (the old one stays
  // shown until it comes).
  private readonly onConnect = () => {
    this.book.restart();
    this.ask();
  };

  private ask() {
    const attempt = ++this.asking;
    void request(this.socket, 'presence:get', {}).then((answer) => {
      if (attempt !== this.asking) return; // a reconnect asked again meanwhile
      if (answer.ok) return this.onList(answer.data);
      setTimeout(() => {
        if (attempt === this.asking && this.socket.connected && this.book.view() === null) this.ask();
      }, RETRY_MS);
    });
  }
}

const feeds = new WeakMap<Socket, Feed>();

/**
 * Calls `onPeople` with the whole presence list now if it is known, and after every change that
 * is news. Returns a function that stops following.
 */
export function followPresence(socket: Socket, onPeople: (people: PresenceEntry[]) => void): () => void {
  let feed = feeds.get(socket);
  if (!feed) {
    feed = new Feed(socket);
    feeds.set(socket, feed);
  }
  const follower = (people: PresenceEntry[]) => onPeople(people);
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
