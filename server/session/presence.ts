import type { PresenceState, PresenceStatus } from '../../shared/session.js';

/**
 * Who is connected to which board. A person with several tabs or devices is "online" if any of
 * them is, "away" if all are away, "offline" with none. In one process this lives in memory; in
 * the scaled deployment in Redis, where entries expire if their instance dies.
 */
export interface Presence {
  connect(boardId: string, participantId: string, socketId: string): Promise<void>;
  setStatus(boardId: string, participantId: string, socketId: string, status: PresenceStatus): Promise<void>;
  disconnect(boardId: string, participantId: string, socketId: string): Promise<void>;
  /** State of everyone with at least one connection; anyone missing is offline. */
  states(boardId: string): Promise<Map<string, PresenceState>>;
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

  async connect(boardId: string, participantId: string, socketId: string): Promise<void> {
    let people = this.boards.get(boardId);
    if (!people) this.boards.set(boardId, (people = new Map()));
    let sockets = people.get(participantId);
    if (!sockets) people.set(participantId, (sockets = new Map()));
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

  async states(boardId: string): Promise<Map<string, PresenceState>> {
    const out = new Map<string, PresenceState>();
    for (const [participantId, sockets] of this.boards.get(boardId) ?? []) out.set(participantId, combine(sockets.values()));
    return out;
  }

  async close(): Promise<void> {}
}
