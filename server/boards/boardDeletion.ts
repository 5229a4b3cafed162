import { DOC_CLOSE } from '../../shared/session.js';
import type { Logger } from '../logger.js';
import type { Bus } from '../scale/bus.js';
import type { Presence } from '../session/presence.js';
import type { BoardLifecycle } from '../store/types.js';
import type { BallotBox } from '../votes/ballotBox.js';
import type { DeletedBoards } from './deletedBoards.js';
import type { BoardDeletionReason, BoardEventSink } from './events.js';

/**
 * Deleting a board, everywhere. The durable store goes first, in one transaction: once it has
 * returned, every request for the board finds nothing (404) and any write still in flight for it
 * fails on the database's foreign keys, so nothing can bring it back. Then each instance drops
 * what it holds (this one directly, the others through the bus): the live doc and its
 * connections (closed with 4410), the session connections (told `board:deleted`, then closed),
 * the cached session state and this instance's presence entries. Last the shared live stores:
 * ballots, presence and the board's stream of doc updates.
 */
export class BoardDeletion {
  constructor(
    private readonly deps: {
      store: Pick<BoardLifecycle, 'deleteBoard'>;
      registry: { drop(boardId: string, code: number, reason: string): Promise<void> };
      sessions: { forget(boardId: string): void };
      presence: Presence;
      ballotBox: BallotBox;
      bus: Bus;
      events: BoardEventSink;
      deleted: DeletedBoards;
      log: Logger;
    },
  ) {}

  /** Deletes the board; false when there was no such board (deleted already). */
  async delete(boardId: string, why: BoardDeletionReason): Promise<boolean> {
    const { store, bus, ballotBox, log } = this.deps;
    const gone = await store.deleteBoard(boardId);
    if (!gone) return false;
    await this.dropHere(boardId, why, gone.participantIds);
    await bus
      .control({ type: 'board-deleted', boardId, participantIds: gone.participantIds, why })
      .catch((err) => log.warn({ err, boardId }, 'could not tell the other instances that a board was deleted'));
    await ballotBox
      .forgetRounds(gone.roundIds, gone.participantIds)
      .catch((err) => log.error({ err, boardId }, 'board deleted, but its ballots could not be removed from the ballot box'));
    log.info({ boardId, why, participants: gone.participantIds.length, rounds: gone.roundIds.length }, 'board deleted');
    return true;
  }

  /** What one instance holds of a deleted board, dropped: run here for a delete made here, and on a control message for one made elsewhere. */
  async dropHere(boardId: string, why: BoardDeletionReason, participantIds: readonly string[]): Promise<void> {
    const { registry, sessions, presence, bus, events, deleted, log } = this.deps;
    deleted.mark(boardId);
    await registry.drop(boardId, DOC_CLOSE.boardDeleted.code, DOC_CLOSE.boardDeleted.reason);
    events.emit('boardDeleted', boardId, why);
    sessions.forget(boardId);
    // After the connections here were closed, so that nothing of theirs writes the entries again.
    // Shared (Redis) stores can fail without undoing the delete: say so, loudly, in the log.
    const failed = (what: string) => (err: unknown) => log.error({ err, boardId }, `board deleted, but ${what} could not be removed`);
    await presence.purge(boardId, participantIds).catch(failed('its presence entries'));
    await bus.forget(boardId, participantIds).catch(failed('its doc stream and session traffic'));
  }
}
