import * as Y from 'yjs';
import { DOC_CLOSE } from '../../shared/session.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { DocLog } from '../store/types.js';
import { AwarenessRelay } from './awarenessRelay.js';
import type { DocLimits } from './limitGuard.js';
import { readDocMessage } from './messageReceiver.js';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './messages.js';
import { REMOTE, type ChangeOrigin, type DocConnection, type Fanout, type LiveBoardEvents, type WritePolicy } from './ports.js';
import { UpdateLog, type Accepted } from './updateLog.js';
import { WriteGuard } from './writeGuard.js';

function applyStored(doc: Y.Doc, stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): void {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
  });
}

export interface LiveBoardOptions {
  store: DocLog;
  limits: DocLimits;
  compactAfterUpdates: number;
  log: Logger;
  metrics: Metrics;
  policy: WritePolicy;
  fanout: Fanout;
  events: LiveBoardEvents;
}

/**
 * An open board: its in-memory Y.Doc, its connections and its lifecycle. What a client sends is
 * decoded by the message receiver, checked and applied by the write guard, made durable by the
 * update log, and only then broadcast (one merged update, encoded once, the same bytes to every
 * connection) and published to other instances. The board is not unloaded while anything is
 * unwritten.
 */
export class LiveBoard {
  readonly doc = new Y.Doc();
  private readonly conns = new Set<DocConnection>();
  private readonly guard: WriteGuard;
  private readonly log: UpdateLog;
  private readonly presence: AwarenessRelay;
  private holds = 0;
  private unwatch: (() => Promise<void>) | undefined;
  destroyed = false;

  private constructor(
    readonly boardId: string,
    private readonly opts: LiveBoardOptions,
  ) {
    this.guard = new WriteGuard(this.doc, opts.limits);
    this.presence = new AwarenessRelay(this.doc, boardId, () => this.conns, opts.fanout);
    this.log = new UpdateLog({
      boardId,
      store: opts.store,
      compactAfterUpdates: opts.compactAfterUpdates,
      log: opts.log,
      metrics: opts.metrics,
      durable: (batch) => this.broadcast(batch),
      storageFailed: (error) => opts.events.storageFailed(boardId, error),
      storageRecovered: () => opts.events.storageRecovered(boardId),
      settled: () => this.checkIdle(),
    });
  }

  /** Loads the stored state before anything is served. Null when the board does not exist. */
  static async load(boardId: string, opts: LiveBoardOptions): Promise<LiveBoard | null> {
    // Subscribe first, then load, then apply what arrived meanwhile (updates are idempotent).
    const fromId = await opts.fanout.position(boardId);
    const stored = await opts.store.loadDoc(boardId);
    if (!stored) return null;
    await opts.policy.prepare(boardId);
    const board = new LiveBoard(boardId, opts);
    applyStored(board.doc, stored);
    // Handlers go on after loading, so the stored state is never written back.
    board.doc.on('update', (update: Uint8Array, origin: ChangeOrigin) => {
      if (origin === REMOTE) board.relay(update);
      else board.log.append(update, origin);
    });
    board.unwatch = await opts.fanout.watch(
      boardId,
      fromId,
      (update) => !board.destroyed && Y.applyUpdate(board.doc, update, REMOTE),
      (update) => !board.destroyed && board.presence.receiveRemote(update),
    );
    return board;
  }

  get awareness() {
    return this.presence.awareness;
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  hold(): void {
    this.holds++;
  }

  unhold(): void {
    this.holds = Math.max(0, this.holds - 1);
    this.checkIdle();
  }

  addConnection(conn: DocConnection): void {
    this.conns.add(conn);
    this.guard.track(conn);
    conn.send(encodeSyncStep1(this.doc));
    this.presence.add(conn);
  }

  /** Closes every connection of one participant (removed from the board). */
  closeParticipant(participantId: string, code: number, reason: string): void {
    for (const conn of [...this.conns]) if (conn.participantId === participantId) conn.close(code, reason);
  }

  /** Closes every connection (the board was deleted). */
  closeAll(code: number, reason: string): void {
    for (const conn of [...this.conns]) conn.close(code, reason);
  }

  removeConnection(conn: DocConnection): void {
    if (!this.conns.delete(conn)) return;
    this.guard.untrack(conn);
    this.presence.remove(conn);
    this.checkIdle();
  }

  /** Handles one inbound frame. Throws MalformedMessageError (or a decoding error) on junk. */
  handleMessage(conn: DocConnection, data: Uint8Array): void {
    const message = readDocMessage(data);
    switch (message.type) {
      case 'sync-step-1':
        conn.send(encodeSyncStep2(this.doc, message.stateVector));
        break;
      case 'update':
        this.applyClientUpdate(conn, message.update);
        break;
      case 'awareness': {
        const problem = this.presence.receive(conn, message.update);
        if (problem) this.refuse(conn, DOC_CLOSE.invalidChange, problem);
        break;
      }
      case 'query-awareness':
        conn.send(this.presence.encodeAll());
        break;
      case 'auth':
        break;
    }
  }

  private applyClientUpdate(conn: DocConnection, update: Uint8Array): void {
    const outcome = this.guard.apply(conn, update, this.opts.policy.canWrite(this.boardId, conn.participantId));
    switch (outcome.kind) {
      case 'refused':
        this.refuse(conn, outcome.close, outcome.detail);
        break;
      case 'reverted':
        this.refuse(conn, outcome.close, 'over a limit; reverted');
        break;
      case 'locked':
        // The revert reaches them too; the connection stays open (they can still read and follow).
        this.opts.events.rejected(this.boardId, conn.participantId, 'board-locked');
        break;
      case 'accepted':
        if (outcome.edit) this.log.countEdit(conn.participantId);
        this.opts.metrics.docUpdates.inc();
        this.opts.metrics.docUpdateBytes.inc(update.byteLength);
    }
  }

  /** Refuses a message: the sender is told why and disconnected. */
  private refuse(conn: DocConnection, close: { code: number; reason: string }, detail: string): void {
    this.opts.log.warn({ boardId: this.boardId, participantId: conn.participantId, reason: close.reason, detail }, 'doc message refused');
    this.opts.events.rejected(this.boardId, conn.participantId, close.reason);
    conn.close(close.code, close.reason);
  }

  /** Sends an update that another instance stored to this instance's connections. */
  private relay(update: Uint8Array): void {
    const message = encodeUpdate(update);
    for (const conn of this.conns) conn.send(message);
  }

  /** A durable batch: one merged update to every connection but its sole sender, then to other instances. */
  private broadcast(batch: Accepted[]): void {
    const merged = batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update));
    if (this.conns.size > 0) {
      const message = encodeUpdate(merged);
      const origins = new Set(batch.map((b) => b.origin));
      const soleOrigin = origins.size === 1 ? [...origins][0] : undefined;
      for (const conn of this.conns) if (conn !== soleOrigin) conn.send(message);
    }
    // Durable already; if Redis is down, other instances catch up when it returns (resync).
    this.opts.fanout
      .publishUpdate(this.boardId, merged)
      .catch((error) => this.opts.log.warn({ err: String(error), boardId: this.boardId }, 'could not publish update to other instances'));
  }

  /**
   * Brings the doc up to date with the database (after Redis was unreachable, some updates from
   * other instances may have been missed). Only the difference is applied and relayed.
   */
  async resync(): Promise<void> {
    const stored = await this.opts.store.loadDoc(this.boardId);
    if (!stored || this.destroyed) return;
    const scratch = new Y.Doc();
    applyStored(scratch, stored);
    const missing = Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(this.doc));
    scratch.destroy();
    Y.applyUpdate(this.doc, missing, REMOTE);
  }

  flush(): Promise<void> {
    return this.log.flush();
  }

  get idle(): boolean {
    return this.conns.size === 0 && this.holds === 0 && !this.log.busy;
  }

  get hasUnwritten(): boolean {
    return this.log.hasUnwritten;
  }

  private checkIdle(): void {
    if (this.idle && !this.destroyed) this.opts.events.idle(this.boardId);
  }

  destroy(): void {
    this.destroyed = true;
    void this.unwatch?.();
    this.log.destroy();
    this.guard.destroy();
    this.presence.destroy();
    this.doc.destroy();
  }
}
