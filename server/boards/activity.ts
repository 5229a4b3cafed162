import type { Logger } from '../logger.js';
import type { BoardLifecycle } from '../store/types.js';

/** A board's last use is kept to the minute: closer is not needed for a retention counted in days. */
const GRANULARITY_MS = 60_000;
/** Boards remembered at once; past this, those not touched within the last minute are forgotten. */
const REMEMBERED_MAX = 10_000;

/**
 * When each board was last used (an accepted doc update, a session change, a join), for
 * retention. Called on every such event, it writes to the store at most once a minute per board
 * from this instance (and the store itself skips a write within a minute of the stored time).
 * A failed write is logged and forgotten: the next use a minute later writes again.
 */
export class BoardActivity {
  private readonly written = new Map<string, number>();

  constructor(private readonly deps: { store: Pick<BoardLifecycle, 'touchBoard'>; log: Logger; now?: () => number }) {}

  touch(boardId: string): void {
    const now = (this.deps.now ?? Date.now)();
    const last = this.written.get(boardId);
    if (last !== undefined && now - last < GRANULARITY_MS) return;
    if (this.written.size >= REMEMBERED_MAX) {
      for (const [id, at] of this.written) if (now - at >= GRANULARITY_MS) this.written.delete(id);
    }
    this.written.set(boardId, now);
    this.deps.store.touchBoard(boardId, now).catch((err) => {
      this.written.delete(boardId);
      this.deps.log.warn({ err, boardId }, 'could not record when the board was last used');
    });
  }

  /** A deleted board is not remembered. */
  forget(boardId: string): void {
    this.written.delete(boardId);
  }
}
