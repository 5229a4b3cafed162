import type { Language } from '../../shared/i18nText.js';
import type { ParticipantGroup, Role } from '../../shared/participants.js';
import type { TemplateId } from '../../shared/templates.js';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { ClosedRound, RoundResults, VoteRound } from '../../shared/votes.js';

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
  /** Someone in the room without a device, added by the facilitator; never has a usable token. */
  inRoom: boolean;
  /** Allowed by the facilitator to cast ballots for in-room participants. */
  canAssist: boolean;
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
  getParticipant(boardId: string, participantId: string): Promise<ParticipantRecord | null>;
  /** False when there is no such participant. */
  setCanAssist(boardId: string, participantId: string, allowed: boolean): Promise<boolean>;

  /** Stores a newly opened round; throws RoundConflictError if the board already has an open one. */
  insertRound(boardId: string, round: VoteRound): Promise<void>;
  getRound(boardId: string, roundId: string): Promise<VoteRound | null>;
  getOpenRound(boardId: string): Promise<VoteRound | null>;
  /** Marks an open round closed with its results; false if it was not open (closed already, or unknown). */
  closeRound(boardId: string, roundId: string, closedAt: number, results: RoundResults): Promise<boolean>;
  listClosedRounds(boardId: string): Promise<ClosedRound[]>;

  appendLog(boardId: string, entry: LogEntry): Promise<void>;
  listLog(boardId: string): Promise<LogEntry[]>;

  /** Cheap liveness check for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class RoundConflictError extends Error {
  constructor() {
    super('a vote round is already open on this board');
  }
}
