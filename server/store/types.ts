import type { Language } from '../../shared/i18nText.js';
import type { ParticipantGroup, Role } from '../../shared/participants.js';
import type { TemplateId } from '../../shared/templates.js';

/**
 * The durable store behind every board. One interface, two implementations: the embedded
 * SQLite store (single process, the default) and PostgreSQL (scaled). One repository test
 * suite runs against each.
 */
export interface BoardRecord {
  id: string;
  title: string;
  template: TemplateId;
  language: Language;
  joinKeyHash: string;
  facilitatorKeyHash: string;
  createdAt: number;
}

export interface ParticipantRecord {
  id: string;
  boardId: string;
  tokenHash: string;
  name: string;
  group: ParticipantGroup;
  role: Role;
  /** Opaque key that notes carry as `author`; not the participant id, so a board can be anonymous. */
  authorKey: string;
  createdAt: number;
}

/** A board's stored Yjs state: the compacted snapshot plus the log of updates since. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/** Merges a snapshot and updates (in order) into one update. Supplied by the Yjs layer. */
export type MergeUpdates = (parts: Uint8Array[]) => Uint8Array;

export interface BoardStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the board with its initial doc state (the template's sections) as the snapshot. */
  createBoard(board: BoardRecord, initialDoc: Uint8Array): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | null>;
  addParticipant(participant: ParticipantRecord): Promise<void>;
  findParticipantByTokenHash(boardId: string, tokenHash: string): Promise<ParticipantRecord | null>;
  listParticipants(boardId: string): Promise<ParticipantRecord[]>;
  /** Appends updates to the board's log, durably, in order, all or none. Returns the log length after. */
  appendUpdates(boardId: string, updates: Uint8Array[]): Promise<{ logLength: number }>;
  /** Null when the board does not exist. */
  loadDoc(boardId: string): Promise<StoredDoc | null>;
  /**
   * Folds the snapshot and the current log into a new snapshot and removes the folded log
   * rows, atomically. Updates appended meanwhile are kept.
   */
  compact(boardId: string, merge: MergeUpdates): Promise<void>;
  /** Cheap liveness check for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
