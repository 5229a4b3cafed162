import type { PresenceState, PresenceStatus } from '../../shared/session.js';

/**
 * Who is connected to which board, in this process's memory. A person with several tabs or
 * devices is "online" if any of them is, "away" if all are away, "offline" with none.
 */
export class PresenceTracker {
  private readonly boards = new Map<string, Map<string, Map<string, PresenceStatus>>>();

  connect(boardId: string, participantId: string, socketId: string): void {
    let people = this.boards.get(boardId);
    if (!people) this.boards.set(boardId, (people = new Map()));
    let sockets = people.get(participantId);
    if (!sockets) people.set(participantId, (sockets = new Map()));
    sockets.set(socketId, 'online');
  }

  setStatus(boardId: string, participantId: string, socketId: string, status: PresenceStatus): void {
    const sockets = this.boards.get(boardId)?.get(participantId);
    if (sockets?.has(socketId)) sockets.set(socketId, status);
  }

  disconnect(boardId: string, participantId: string, socketId: string): void {
    const people = this.boards.get(boardId);
    const sockets = people?.get(participantId);
    if (!people || !sockets) return;
    sockets.delete(socketId);
    if (sockets.size === 0) people.delete(participantId);
    if (people.size === 0) this.boards.delete(boardId);
  }

  /** Everyone with at least one connection (online or away). */
  present(boardId: string): Set<string> {
    return new Set(this.boards.get(boardId)?.keys() ?? []);
  }

  stateOf(boardId: string, participantId: string): PresenceState {
    const sockets = this.boards.get(boardId)?.get(participantId);
    if (!sockets || sockets.size === 0) return 'offline';
    for (const status of sockets.values()) if (status === 'online') return 'online';
    return 'away';
  }
}
