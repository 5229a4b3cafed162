import type { Logger } from '../logger.js';
import type { BoardLifecycle } from '../store/types.js';
import type { BoardDeletion } from './boardDeletion.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Boards deleted per batch; a sweep takes batches until none is left. */
const BATCH = 50;

/**
 * Retention: boards not used for RETENTION_DAYS are deleted, the same way a facilitator deletes
 * one (BoardDeletion). A sweep runs every RETENTION_SWEEP_MS; in the scaled deployment only one
 * instance sweeps at a time (the store's exclusive job: a PostgreSQL advisory lock), the others
 * skip that round. 0 days keeps boards for ever.
 */
export class Retention {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      store: Pick<BoardLifecycle, 'idleBoards' | 'exclusive' | 'lastActiveAt'>;
      deletion: Pick<BoardDeletion, 'delete'>;
      /** 0: keep for ever. */
      days: number;
      sweepMs: number;
      log: Logger;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** When a board last used at `lastActiveAt` will be deleted if nobody uses it again; null: never. */
  deletesAt(lastActiveAt: number): number | null {
    return this.deps.days > 0 ? lastActiveAt + this.deps.days * DAY_MS : null;
  }

  /** The board's deletion date as it stands now; null when boards are kept for ever (or there is no such board). */
  async deletesAtFor(boardId: string): Promise<number | null> {
    if (this.deps.days === 0) return null;
    const at = await this.deps.store.lastActiveAt(boardId);
    return at === null ? null : this.deletesAt(at);
  }

  /**
   * One sweep: deletes every board idle for longer than the retention period. `ran` is false
   * when another instance was sweeping (or retention is off).
   */
  async sweep(): Promise<{ ran: boolean; deleted: string[] }> {
    const deleted: string[] = [];
    if (this.deps.days === 0) return { ran: false, deleted };
    const ran = await this.deps.store.exclusive('retention', async () => {
      const before = this.now() - this.deps.days * DAY_MS;
      for (;;) {
        const idle = await this.deps.store.idleBoards(before, BATCH);
        let progress = false;
        for (const boardId of idle) {
          if (this.stopped) return;
          if (await this.deps.deletion.delete(boardId, 'retention')) {
            deleted.push(boardId);
            progress = true;
          }
        }
        if (idle.length < BATCH || !progress) return;
      }
    });
    if (deleted.length > 0) this.deps.log.info({ deleted: deleted.length, days: this.deps.days }, 'retention: idle boards deleted');
    return { ran, deleted };
  }

  /** Sweeps every sweepMs until stopped (nothing when retention is off). */
  start(): void {
    if (this.deps.days === 0 || this.timer) return;
    const next = () => {
      this.timer = setTimeout(() => {
        this.sweeping = this.sweep()
          .catch((err) => this.deps.log.error({ err }, 'retention sweep failed'))
          .finally(() => {
            if (!this.stopped) next();
          });
      }, this.deps.sweepMs);
      this.timer.unref();
    };
    next();
  }

  /** Stops sweeping; waits for a sweep in progress to finish its current board. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
  }
}
