import type { PresenceState, PresenceStatus } from '../../shared/session.js';

/** A presence read and its revision: every read takes a larger one than any read before it. */
export interface PersonRead {
  state: PresenceState;
  rev: number;
}
export interface BoardRead {
  /** Everyone with at least one connection; anyone missing is offline. */
  states: Map<string, PresenceState>;
  rev: number;
}

/**
 * Who is connected to which board. A person with several tabs or devices is "online" if any of
 * them is, "away" if all are away, "offline" with none. In one process this lives in memory; in
 * the scaled deployment in Redis, where entries expire if their instance dies.
 *
 * Reads carry a revision so that clients can order presence changes that cross on the way (two
 * instances, or two overlapping reads in one): a change read later has a higher revision and
 * reflects every write before its read. Revisions only grow, also across restarts of a board's
 * state (they start from the clock), so a client's "highest applied" stays meaningful.
 */
export interface Presence {
  connect(boardId: string, participantId: string, socketId: string): Promise<void>;
  setStatus(boardId: string, participantId: string, socketId: string, status: PresenceStatus): Promise<void>;
  disconnect(boardId: string, participantId: string, socketId: string): Promise<void>;
  /** One person's state now. */
  stateOf(boardId: string, participantId: string): Promise<PersonRead>;
  /** Everyone's state now. */
  states(boardId: string): Promise<BoardRead>;
  /**
   * Told when people's state changed without a call here: the connections of an instance that
   * died have expired (scaled deployment only).
   */
  onExpired(listener: (boardId: string, participantIds: string[]) => void): void;
  /**
   * Forgets the board: every entry of this instance's connections to it, and (shared) every entry
   * anyone holds for it. Called on every instance once the board is deleted, after its
   * connections there were closed.
   */
  purge(boardId: string, participantIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Folds one person's connections into one state. */
export function combine(statuses: Iterable<PresenceStatus>): PresenceState {
  let any = false;
  for (const s of statuses) {
    if (s === 'online') return 'online';
    any = true;
  }
  return any ? 'away' : 'offline';
}

export class MemoryPresence implements Presence {
  private readonly boards = new Map<string, Map<string, Map<string, PresenceStatus>>>();
  /** One counter for the process, from the clock: larger than anything a previous run handed out. */
  private rev = Date.now();

  async connect(boardId: string, participantId: string, socketId: string): Promise<void> {
    const people = this.boards.get(boardId) ?? new Map<string, Map<string, PresenceStatus>>();
    this.boards.set(boardId, people);
    const sockets = people.get(participantId) ?? new Map<string, PresenceStatus>();
    people.set(participantId, sockets);
    sockets.set(socketId, 'online');
  }

  async setStatus(boardId: string, participantId: string, socketId: string, status: PresenceStatus): Promise<void> {
    const sockets = this.boards.get(boardId)?.get(participantId);
    if (sockets?.has(socketId)) sockets.set(socketId, status);
  }

  async disconnect(boardId: string, participantId: string, socketId: string): Promise<void> {
    const people = this.boards.get(boardId);
    const sockets = people?.get(participantId);
    if (!people || !sockets) return;
    sockets.delete(socketId);
    if (sockets.size === 0) people.delete(participantId);
    if (people.size === 0) this.boards.delete(boardId);
  }

  async stateOf(boardId: string, participantId: string): Promise<PersonRead> {
    const sockets = this.boards.get(boardId)?.get(participantId);
    return { state: combine(sockets?.values() ?? []), rev: ++this.rev };
  }

  async states(boardId: string): Promise<BoardRead> {
    const states = new Map<string, PresenceState>();
    for (const [participantId, sockets] of this.boards.get(boardId) ?? []) states.set(participantId, combine(sockets.values()));
    return { states, rev: ++this.rev };
  }

  onExpired(): void {
    // Nothing here outlives its process.
  }

  async purge(boardId: string): Promise<void> {
    this.boards.delete(boardId);
  }

  async close(): Promise<void> {}
}
