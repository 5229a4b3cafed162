import { EventEmitter } from 'node:events';
import { BoardError } from '../boards/boardService.js';
import { DeletedBoards } from '../boards/deletedBoards.js';
import { LiveBoard, type LiveBoardOptions } from './liveBoard.js';

export interface DocRegistryEvents {
  rejected: [{ boardId: string; participantId: string; code: string }];
  storageFailed: [{ boardId: string }];
  storageRecovered: [{ boardId: string }];
}

/**
 * The open boards of this process. A board is loaded once (concurrent openers share the load),
 * held while anything uses it, and unloaded when its last connection has gone and every
 * update is written.
 */
export class DocRegistry extends EventEmitter<DocRegistryEvents> {
  private readonly boards = new Map<string, Promise<LiveBoard | null>>();

  constructor(
    /** What every live board it opens is given; the registry supplies the events. */
    private readonly deps: Omit<LiveBoardOptions, 'events'>,
    /** Boards deleted lately: never opened here again, even by an opener that had loaded one before the delete. */
    private readonly deleted = new DeletedBoards(),
  ) {
    super();
  }

  get openCount(): number {
    return this.boards.size;
  }

  /** Loads (or reuses) the board and holds it; the caller must release() it. */
  async acquire(boardId: string): Promise<LiveBoard> {
    for (;;) {
      if (this.deleted.has(boardId)) throw new BoardError(404, 'not-found', 'There is no board at this address.');
      let loading = this.boards.get(boardId);
      if (!loading) {
        loading = LiveBoard.load(boardId, {
          ...this.deps,
          events: {
            rejected: (id, participantId, code) => this.emit('rejected', { boardId: id, participantId, code }),
            storageFailed: (id) => this.emit('storageFailed', { boardId: id }),
            storageRecovered: (id) => this.emit('storageRecovered', { boardId: id }),
            idle: (id) =>
              void this.boards.get(id)?.then(
                (board) => board && this.unload(board),
                () => {},
              ),
          },
        });
        this.boards.set(boardId, loading);
        // A failed load is forgotten, so the next opener tries again; nothing is ever written for it.
        loading.catch(() => this.boards.delete(boardId));
      }
      const board = await loading;
      if (!board || this.deleted.has(boardId)) {
        if (this.boards.get(boardId) === loading) this.boards.delete(boardId);
        if (board && !board.destroyed && board.idle) board.destroy();
        throw new BoardError(404, 'not-found', 'There is no board at this address.');
      }
      if (board.destroyed) continue; // unloaded while we waited: load afresh
      board.hold();
      return board;
    }
  }

  release(board: LiveBoard): void {
    board.unhold();
  }

  private unload(board: LiveBoard): void {
    if (!board.idle || board.destroyed) return;
    this.boards.delete(board.boardId);
    board.destroy();
    this.deps.log.debug({ boardId: board.boardId }, 'board unloaded');
  }

  /**
   * The board was deleted: from now on it is never opened here again; if it is open, its
   * connections are closed with `code` and it is unloaded at once, pending writes dropped (there
   * is nowhere left to write them).
   */
  async drop(boardId: string, code: number, reason: string): Promise<void> {
    this.deleted.mark(boardId);
    const loading = this.boards.get(boardId);
    if (!loading) return;
    this.boards.delete(boardId);
    const board = await loading.catch(() => null);
    if (!board || board.destroyed) return;
    board.closeAll(code, reason);
    board.destroy();
    this.deps.log.debug({ boardId }, 'deleted board unloaded');
  }

  /** Closes a participant's doc connections on this board, if it is open here. */
  async closeParticipant(boardId: string, participantId: string, code: number, reason: string): Promise<void> {
    const board = await this.boards.get(boardId)?.catch(() => null);
    board?.closeParticipant(participantId, code, reason);
  }

  /** Brings every open board up to date with the database (after a Redis outage). */
  async resyncAll(): Promise<void> {
    const boards = await Promise.all([...this.boards.values()].map((p) => p.catch(() => null)));
    await Promise.all(
      boards.map((b) => b?.resync().catch((error) => this.deps.log.error({ err: error, boardId: b.boardId }, 'resync failed'))),
    );
  }

  /** Writes everything pending on every open board (used at shutdown). */
  async flushAll(): Promise<void> {
    const boards = await Promise.all([...this.boards.values()].map((p) => p.catch(() => null)));
    await Promise.all(boards.map((b) => b?.flush()));
  }
}
