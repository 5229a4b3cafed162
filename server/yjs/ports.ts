import type * as Y from 'yjs';

/**
 * What a live board depends on, and the origins of the changes it applies. The board keeps the
 * doc, its connections and its lifecycle; these ports are how it reaches everything else.
 */

/** One client's y-websocket connection, as the live board sees it. */
export interface DocConnection {
  readonly participantId: string;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface LiveBoardEvents {
  /** A message from this connection was refused or reverted (limit, lock, shape); `code` says why. */
  rejected(boardId: string, participantId: string, code: string): void;
  /** Appending to the durable log failed; updates are held and retried. */
  storageFailed(boardId: string, error: unknown): void;
  storageRecovered(boardId: string): void;
  /** Nothing holds the board any more: no connections, no pending writes. */
  idle(boardId: string): void;
}

/** Who may change the doc right now (the lock), decided by the session layer. */
export interface WritePolicy {
  /** Called before a board is loaded, so canWrite can answer synchronously. */
  prepare(boardId: string): Promise<void>;
  canWrite(boardId: string, participantId: string): boolean;
}

/**
 * Carries a board between app instances: the Redis bus in the scaled deployment, the memory bus
 * (nothing to carry to) in one process. See server/scale/bus.ts.
 */
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

/**
 * Every origin a change to a live doc can have: a connection (a client's update, checked and
 * stored), another instance (relayed only), or the write guard's revert of a refused change
 * (the Y.UndoManager's own origin; stored and broadcast like any edit).
 */
export type ChangeOrigin = DocConnection | typeof REMOTE | Y.UndoManager;
