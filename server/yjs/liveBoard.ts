import * as decoding from 'lib0/decoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { actionsOf, groupsOf, notesOf, prioritiesOf, sectionsOf } from '../../shared/boardDoc.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { DocLog } from '../store/types.js';
import { EditCounter, editedItem } from './editCounter.js';
import { findViolation, type DocLimits, type LimitViolation } from './limitGuard.js';
import { checkUpdate } from './updateGuard.js';
import { awarenessProblem } from './awarenessGuard.js';
import { DOC_CLOSE } from '../../shared/session.js';
import { MSG, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './messages.js';

/** One client's y-websocket connection, as the live board sees it. */
export interface DocConnection {
  readonly participantId: string;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface LiveBoardEvents {
  /** An update from this connection broke a limit; it was reverted and the connection closed. */
  rejected(boardId: string, participantId: string, code: string): void;
  /** Appending to the durable log failed; updates are held and retried. */
  storageFailed(boardId: string, error: unknown): void;
  storageRecovered(boardId: string): void;
  /** Nothing holds the board any more: no connections, no pending writes. */
  idle(board: LiveBoard): void;
}

/** Who may change the doc right now (the lock), decided by the session layer. */
export interface WritePolicy {
  /** Called before a board is loaded, so canWrite can answer synchronously. */
  prepare(boardId: string): Promise<void>;
  canWrite(boardId: string, participantId: string): boolean;
}

/** Carries a board between app instances (Redis in the scaled deployment); absent in one process. */
export interface Fanout {
  /** Where to read from: taken before loading, so nothing published meanwhile is missed. */
  position(boardId: string): Promise<string>;
  publishUpdate(boardId: string, update: Uint8Array): Promise<void>;
  publishAwareness(boardId: string, update: Uint8Array): Promise<void>;
  watch(
    boardId: string,
    fromId: string,
    onUpdate: (update: Uint8Array) => void,
    onAwareness: (update: Uint8Array) => void,
  ): Promise<() => Promise<void>>;
}

/** Origin of changes that came from another instance: already stored there, so only relayed here. */
export const REMOTE = Symbol('remote');

export interface LiveBoardOptions {
  store: DocLog;
  limits: DocLimits;
  compactAfterUpdates: number;
  log: Logger;
  metrics: Metrics;
  policy: WritePolicy;
  fanout?: Fanout;
  events: LiveBoardEvents;
}

export class MalformedMessageError extends Error {}

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

const MAX_RETRY_MS = 10_000;

/**
 * An open board: its in-memory Y.Doc, awareness and connections.
 *
 * Write path: a client update is applied to the doc at once (so limits are checked against
 * the real state), queued, appended to the durable log in one batch per tick, and only then
 * broadcast. If the append fails the batch stays queued and is retried; the board is not
 * unloaded while anything is unwritten.
 */
export class LiveBoard {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  private readonly conns = new Map<DocConnection, Set<number>>();
  private readonly awarenessOwner = new Map<number, DocConnection | typeof REMOTE>();
  /** Reverts an update that broke a limit; tracks only connection origins. */
  private readonly guard: Y.UndoManager;
  private queue: { update: Uint8Array; origin: unknown }[] = [];
  /** Accepted updates per participant since the last append; stored with it. */
  private edits = new Map<string, number>();
  private readonly editCounter = new EditCounter();
  private holds = 0;
  private flushScheduled = false;
  private flushing = false;
  private compacting = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = 0;
  private storageFailing = false;
  private unwatch: (() => Promise<void>) | undefined;
  destroyed = false;

  private constructor(
    readonly boardId: string,
    private readonly opts: LiveBoardOptions,
  ) {
    this.awareness.setLocalState(null);
    this.guard = new Y.UndoManager(
      [sectionsOf(this.doc), notesOf(this.doc), groupsOf(this.doc), prioritiesOf(this.doc), actionsOf(this.doc)],
      { trackedOrigins: new Set(), captureTimeout: 0 },
    );
  }

  /** Loads the stored state before anything is served. Null when the board does not exist. */
  static async load(boardId: string, opts: LiveBoardOptions): Promise<LiveBoard | null> {
    // Subscribe first, then load, then apply what arrived meanwhile (updates are idempotent).
    const fromId = opts.fanout ? await opts.fanout.position(boardId) : null;
    const stored = await opts.store.loadDoc(boardId);
    if (!stored) return null;
    await opts.policy.prepare(boardId);
    const board = new LiveBoard(boardId, opts);
    board.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(board.doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(board.doc, u);
    });
    // Handlers go on after loading, so the stored state is never written back.
    board.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) board.relay(update);
      else board.enqueue(update, origin);
    });
    board.awareness.on('update', board.onAwarenessUpdate);
    if (opts.fanout && fromId !== null) {
      board.unwatch = await opts.fanout.watch(
        boardId,
        fromId,
        (update) => !board.destroyed && Y.applyUpdate(board.doc, update, REMOTE),
        (update) => !board.destroyed && applyAwarenessUpdate(board.awareness, update, REMOTE),
      );
    }
    return board;
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
    this.conns.set(conn, new Set());
    this.guard.trackedOrigins.add(conn);
    conn.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, states)));
  }

  /** Closes every connection of one participant (removed from the board). */
  closeParticipant(participantId: string, code: number, reason: string): void {
    for (const conn of [...this.conns.keys()]) if (conn.participantId === participantId) conn.close(code, reason);
  }

  removeConnection(conn: DocConnection): void {
    const clientIds = this.conns.get(conn);
    if (!clientIds) return;
    this.conns.delete(conn);
    this.guard.trackedOrigins.delete(conn);
    if (clientIds.size > 0) removeAwarenessStates(this.awareness, [...clientIds], null);
    this.checkIdle();
  }

  /** Handles one inbound frame. Throws MalformedMessageError (or a decoding error) on junk. */
  handleMessage(conn: DocConnection, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MSG.sync: {
        const sub = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (sub === syncProtocol.messageYjsSyncStep1) conn.send(encodeSyncStep2(this.doc, payload));
        else if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) this.applyClientUpdate(conn, payload);
        else throw new MalformedMessageError(`unknown sync message ${sub}`);
        break;
      }
      case MSG.awareness: {
        const update = decoding.readVarUint8Array(decoder);
        const owned = this.conns.get(conn) ?? new Set<number>();
        const problem = awarenessProblem(update, owned, (id) => {
          const owner = this.awarenessOwner.get(id);
          return owner !== undefined && owner !== conn;
        });
        if (problem) {
          this.refuse(conn, DOC_CLOSE.invalidChange, problem);
          return;
        }
        applyAwarenessUpdate(this.awareness, update, conn);
        break;
      }
      case MSG.queryAwareness:
        conn.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        break;
      case MSG.auth:
        break; // authentication happened at the upgrade; nothing to do
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  }

  private applyClientUpdate(conn: DocConnection, update: Uint8Array): void {
    // Checked before it touches the live doc: nothing refused here reaches anyone or the store.
    const refusal = checkUpdate(this.doc, update);
    if (refusal) {
      this.refuse(conn, refusal.kind === 'missing' ? DOC_CLOSE.missingHistory : DOC_CLOSE.invalidChange, refusal.detail);
      return;
    }
    const readOnly = !this.opts.policy.canWrite(this.boardId, conn.participantId);
    const notesBefore = notesOf(this.doc).size;
    let violation: LimitViolation | null = null;
    let item: string | null = null;
    const check = (tr: Y.Transaction) => {
      if (tr.origin !== conn) return;
      violation = findViolation(this.doc, tr, this.opts.limits, notesBefore);
      item = editedItem(this.doc, tr);
    };
    this.doc.on('afterTransaction', check);
    try {
      Y.applyUpdate(this.doc, update, conn);
    } finally {
      this.doc.off('afterTransaction', check);
    }
    if (this.doc.store.pendingStructs || this.doc.store.pendingDs) {
      // The check above should make this impossible; never keep or serve what could not be integrated.
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
      this.opts.log.error({ boardId: this.boardId, participantId: conn.participantId }, 'update left pending structs; dropped them');
    }
    const found = violation as LimitViolation | null; // assigned in the callback above
    if (found) {
      const { code, reason } = found;
      // Revert exactly what this update did; the revert is stored and broadcast like any edit,
      // so the sender converges to the same state when it reconnects.
      this.guard.undo();
      this.opts.log.warn({ boardId: this.boardId, participantId: conn.participantId, reason }, 'doc update rejected');
      this.opts.events.rejected(this.boardId, conn.participantId, reason);
      conn.close(code, reason);
    } else if (readOnly && this.guard.undoStack.length > 0) {
      // Locked: revert what they changed. The revert reaches them too, so their screen matches
      // everyone else's; the connection stays open (they can still read and follow).
      this.guard.undo();
      this.opts.events.rejected(this.boardId, conn.participantId, 'board-locked');
    } else {
      // An update that changed nothing (a sync reply with nothing new) is not an edit; typing on
      // in the same item is the same edit.
      const changedItem = item as string | null;
      if (this.guard.undoStack.length > 0 && changedItem && this.editCounter.count(conn.participantId, changedItem)) {
        this.edits.set(conn.participantId, (this.edits.get(conn.participantId) ?? 0) + 1);
      }
      this.opts.metrics.docUpdates.inc();
      this.opts.metrics.docUpdateBytes.inc(update.byteLength);
    }
    this.guard.clear();
  }

  /** Refuses a message whole: nothing of it is applied; the sender is told why and disconnected. */
  private refuse(conn: DocConnection, close: { code: number; reason: string }, detail: string): void {
    this.opts.log.warn({ boardId: this.boardId, participantId: conn.participantId, reason: close.reason, detail }, 'doc message refused');
    this.opts.events.rejected(this.boardId, conn.participantId, close.reason);
    conn.close(close.code, close.reason);
  }

  /** Sends an update that another instance stored to this instance's connections. */
  private relay(update: Uint8Array): void {
    const message = encodeUpdate(update);
    for (const conn of this.conns.keys()) conn.send(message);
  }

  /**
   * Brings the doc up to date with the database (after Redis was unreachable, some updates from
   * other instances may have been missed). Only the difference is applied and relayed.
   */
  async resync(): Promise<void> {
    const stored = await this.opts.store.loadDoc(this.boardId);
    if (!stored || this.destroyed) return;
    const scratch = new Y.Doc();
    scratch.transact(() => {
      if (stored.snapshot) Y.applyUpdate(scratch, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(scratch, u);
    });
    const missing = Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(this.doc));
    scratch.destroy();
    Y.applyUpdate(this.doc, missing, REMOTE);
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const ids = this.conns.get(origin as DocConnection);
    if (ids) {
      for (const id of added) ids.add(id);
      for (const id of removed) ids.delete(id);
    }
    // Who speaks for each awareness client id (a local connection, or another instance).
    const owner = ids ? (origin as DocConnection) : REMOTE;
    for (const id of added) this.awarenessOwner.set(id, owner);
    for (const id of removed) this.awarenessOwner.delete(id);
    const changed = [...added, ...updated, ...removed];
    const update = encodeAwarenessUpdate(this.awareness, changed);
    const message = encodeAwareness(update);
    for (const conn of this.conns.keys()) conn.send(message);
    if (origin !== REMOTE && this.opts.fanout) {
      this.opts.fanout.publishAwareness(this.boardId, update).catch(() => {}); // best effort, like awareness itself
    }
  };

  private enqueue(update: Uint8Array, origin: unknown): void {
    this.queue.push({ update, origin });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        void this.flush();
      });
    }
  }

  /** Appends everything queued, then broadcasts it. Resolves when the queue is empty or failing. */
  async flush(): Promise<void> {
    if (this.flushing || this.retryTimer || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue.splice(0);
    const edits = this.edits;
    this.edits = new Map();
    let logLength = 0;
    const endTimer = this.opts.metrics.storeAppendSeconds.startTimer();
    try {
      ({ logLength } = await this.opts.store.appendUpdates(
        this.boardId,
        batch.map((b) => b.update),
        edits,
      ));
      endTimer();
    } catch (error) {
      this.opts.metrics.storeAppendFailures.inc();
      this.queue.unshift(...batch);
      for (const [id, n] of edits) this.edits.set(id, (this.edits.get(id) ?? 0) + n);
      this.flushing = false;
      this.retryDelay = Math.min(Math.max(200, this.retryDelay * 2), MAX_RETRY_MS);
      this.opts.log.error({ err: error, boardId: this.boardId, pending: this.queue.length }, 'append to update log failed; will retry');
      if (!this.storageFailing) {
        this.storageFailing = true;
        this.opts.events.storageFailed(this.boardId, error);
      }
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.flush();
      }, this.retryDelay);
      return;
    }
    this.flushing = false;
    this.retryDelay = 0;
    if (this.storageFailing) {
      this.storageFailing = false;
      this.opts.events.storageRecovered(this.boardId);
    }
    const merged = this.broadcast(batch);
    if (this.opts.fanout) {
      // Durable already; if Redis is down, other instances catch up when it returns (resync).
      this.opts.fanout.publishUpdate(this.boardId, merged).catch((error) =>
        this.opts.log.warn({ err: String(error), boardId: this.boardId }, 'could not publish update to other instances'),
      );
    }
    if (logLength >= this.opts.compactAfterUpdates) this.compactSoon();
    if (this.queue.length > 0) await this.flush();
    else this.checkIdle();
  }

  /** One merged update, encoded once, the same bytes to every connection. Returns the merged update. */
  private broadcast(batch: { update: Uint8Array; origin: unknown }[]): Uint8Array {
    const merged = batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update));
    if (this.conns.size === 0) return merged;
    const message = encodeUpdate(merged);
    const origins = new Set(batch.map((b) => b.origin));
    const soleOrigin = origins.size === 1 ? [...origins][0] : undefined;
    for (const conn of this.conns.keys()) if (conn !== soleOrigin) conn.send(message);
    return merged;
  }

  private compactSoon(): void {
    if (this.compacting) return;
    this.compacting = true;
    setImmediate(async () => {
      try {
        await this.opts.store.compact(this.boardId, mergeIntoSnapshot);
      } catch (error) {
        this.opts.log.error({ err: error, boardId: this.boardId }, 'compaction failed');
      } finally {
        this.compacting = false;
        this.checkIdle();
      }
    });
  }

  get idle(): boolean {
    return (
      this.conns.size === 0 &&
      this.holds === 0 &&
      this.queue.length === 0 &&
      !this.flushing &&
      !this.flushScheduled &&
      !this.retryTimer &&
      !this.compacting
    );
  }

  get hasUnwritten(): boolean {
    return this.queue.length > 0 || this.flushing;
  }

  private checkIdle(): void {
    if (this.idle && !this.destroyed) this.opts.events.idle(this);
  }

  destroy(): void {
    this.destroyed = true;
    void this.unwatch?.();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.guard.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
