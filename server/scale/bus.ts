import type { BoardDeletionReason } from '../boards/events.js';
import type { Fanout } from '../yjs/ports.js';

/**
 * What carries a board between app instances, like socket.io's adapter: one interface, an
 * in-memory default (memoryBus.ts: one process, nothing to carry) and the Redis bus
 * (redisBus.ts: Redis Streams for doc updates, pub/sub for awareness and control). The live
 * boards use it as their Fanout; the session layer sends control messages over it.
 */
export type ControlMessage =
  | { type: 'session-changed'; boardId: string }
  | { type: 'close-participant'; boardId: string; participantId: string; code: number; reason: string }
  /** The board is deleted: drop it (live doc, connections, cached state) and forget what this instance holds of it. */
  | { type: 'board-deleted'; boardId: string; participantIds: string[]; why: BoardDeletionReason };

export interface Bus extends Fanout {
  readonly kind: 'memory' | 'redis';
  /** Tells the other instances (never this one) about a change. */
  control(message: ControlMessage): Promise<void>;
  onControl(handler: (message: ControlMessage) => void): void;
  /** After the connection to the other instances was lost and is back: resync what may be missed. */
  onReconnect(handler: () => void): void;
  /** Called with the delay (seconds) of each doc update received from another instance. */
  onLag: ((seconds: number) => void) | undefined;
  /**
   * Removes what the bus keeps of a deleted board: its stream of doc updates, and its packets in
   * what socket.io's adapter keeps on the same Redis.
   */
  forget(boardId: string, participantIds: readonly string[]): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
