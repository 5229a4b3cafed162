import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { BoardStore } from '../store/types.js';
import type { ChangeOrigin } from './ports.js';

export interface Accepted {
  update: Uint8Array;
  origin: ChangeOrigin;
}

export interface UpdateLogOptions {
  boardId: string;
  store: Pick<BoardStore, 'appendUpdates' | 'compact'>;
  compactAfterUpdates: number;
  log: Logger;
  metrics: Pick<Metrics, 'storeAppendSeconds' | 'storeAppendFailures'>;
  /** The batch is in the durable log: now, and only now, it may be broadcast. */
  durable(batch: Accepted[]): void;
  storageFailed(error: unknown): void;
  storageRecovered(): void;
  /** Nothing is queued, being written or compacted any more. */
  settled(): void;
  /** Longest wait between retries of a failed append. */
  maxRetryMs?: number;
}

/** Folds a snapshot and log updates into one compact update (deleted content garbage-collected). */
export function mergeIntoSnapshot(parts: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const p of parts) Y.applyUpdate(doc, p);
  });
  const out = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return out;
}

/**
 * A board's write-through log. Accepted updates are queued, appended in one batch per tick (with
 * the edit counts they carry), and handed back as durable. A failed append keeps the batch at
 * the head of the queue and retries with backoff (200 ms doubling to maxRetryMs), telling the
 * board once when storage starts failing and once when it recovers. Past a length the log is
 * compacted into the snapshot in the background.
 */
export class UpdateLog {
  private queue: Accepted[] = [];
  private edits = new Map<string, number>();
  private flushScheduled = false;
  private flushing = false;
  private compacting = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = 0;
  private failing = false;
  /** Callers of flush() waiting for the write under way to finish. */
  private waiting: (() => void)[] = [];

  constructor(private readonly opts: UpdateLogOptions) {}

  append(update: Uint8Array, origin: ChangeOrigin): void {
    this.queue.push({ update, origin });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // A write already under way may have taken this update with it, and found this tick still to come.
      if (this.queue.length === 0) this.settleIfDone();
      else void this.flush();
    });
  }

  /** One more edit by this person, stored with the next append. */
  countEdit(participantId: string): void {
    this.edits.set(participantId, (this.edits.get(participantId) ?? 0) + 1);
  }

  /** Anything queued or being written. */
  get hasUnwritten(): boolean {
    return this.queue.length > 0 || this.flushing;
  }

  /** Anything at all still to do: writes, a scheduled flush, a retry, a compaction. */
  get busy(): boolean {
    return this.hasUnwritten || this.flushScheduled || !!this.retryTimer || this.compacting;
  }

  /** Appends everything queued. Resolves when the queue is empty or the store is failing. */
  async flush(): Promise<void> {
    if (this.flushing) {
      // One write at a time: wait for the one under way, then write whatever it left queued.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      return this.flush();
    }
    if (this.retryTimer || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue.splice(0);
    const edits = this.edits;
    this.edits = new Map();
    let logLength = 0;
    const endTimer = this.opts.metrics.storeAppendSeconds.startTimer();
    try {
      ({ logLength } = await this.opts.store.appendUpdates(
        this.opts.boardId,
        batch.map((b) => b.update),
        edits,
      ));
      endTimer();
    } catch (error) {
      this.opts.metrics.storeAppendFailures.inc();
      this.queue.unshift(...batch);
      for (const [id, n] of edits) this.edits.set(id, (this.edits.get(id) ?? 0) + n);
      this.flushing = false;
      this.retryDelay = Math.min(Math.max(200, this.retryDelay * 2), this.opts.maxRetryMs ?? 10_000);
      this.opts.log.error(
        { err: error, boardId: this.opts.boardId, pending: this.queue.length },
        'append to update log failed; will retry',
      );
      if (!this.failing) {
        this.failing = true;
        this.opts.storageFailed(error);
      }
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.flush();
      }, this.retryDelay);
      this.wakeWaiting();
      return;
    }
    this.flushing = false;
    this.wakeWaiting();
    this.retryDelay = 0;
    if (this.failing) {
      this.failing = false;
      this.opts.storageRecovered();
    }
    this.opts.durable(batch);
    if (logLength >= this.opts.compactAfterUpdates) this.compactSoon();
    if (this.queue.length > 0) await this.flush();
    else this.settleIfDone();
  }

  private wakeWaiting(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private compactSoon(): void {
    if (this.compacting) return;
    this.compacting = true;
    setImmediate(async () => {
      try {
        await this.opts.store.compact(this.opts.boardId, mergeIntoSnapshot);
      } catch (error) {
        this.opts.log.error({ err: error, boardId: this.opts.boardId }, 'compaction failed');
      } finally {
        this.compacting = false;
        this.settleIfDone();
      }
    });
  }

  private settleIfDone(): void {
    if (!this.busy) this.opts.settled();
  }

  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
