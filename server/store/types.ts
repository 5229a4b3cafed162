import type { Language } from '../../shared/i18nText.js';
import type { ParticipantGroup, Role } from '../../shared/participants.js';
import type { TemplateId } from '../../shared/templates.js';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { ClosedRound, RoundResults, VoteRound } from '../../shared/votes.js';

/**
 * The durable store behind every board, as the seams the server really uses (board registry,
 * participants, doc log, rounds, facilitator log, session state). Two implementations of all of
 * them: the embedded SQLite store (single process, the default) and PostgreSQL (scaled). One
 * repository test suite runs against each. Rows become these records in rows.ts; the schema
 * both follow is in migrations.ts.
 */
export interface BoardRecord {
  id: string;
  title: string;
  template: TemplateId;
  language: Language;
  joinKeyHash: string;
  facilitatorKeyHash: string;
  /** The share-back (read-only plan) key's hash, once the facilitator has made one. */
  viewKeyHash?: string | null;
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
  /**
   * The key this person's notes carry while the board is anonymous. Never sent to anyone but the
   * person, so those notes stay unattributed even if anonymity is switched off later.
   */
  anonAuthorKey: string;
  createdAt: number;
  /** Someone in the room without a device, added by the facilitator; never has a usable token. */
  inRoom: boolean;
  /** Allowed by the facilitator to cast ballots for in-room participants. */
  canAssist: boolean;
  /** Given the facilitator role by a facilitator (and so may have it taken back). */
  coFacilitator: boolean;
  /** Removed by a facilitator: the token no longer works anywhere. */
  removedAt: number | null;
}

/** A board's stored Yjs state: the compacted snapshot plus the log of updates since. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/** Merges a snapshot and updates (in order) into one update. Supplied by the Yjs layer. */
export type MergeUpdates = (parts: Uint8Array[]) => Uint8Array;

/**
 * The board registry: what a board is, and the hashes of the keys in its links. Creating a
 * board also stores its first doc state (the template's sections) as the doc log's snapshot.
 */
export interface Boards {
  /** Creates the board with its initial doc state (the template's sections) as the snapshot. */
  createBoard(board: BoardRecord, initialDoc: Uint8Array): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | null>;
  /** Replaces the join key (old links stop working; people already in stay). */
  setJoinKeyHash(boardId: string, joinKeyHash: string): Promise<void>;
  setViewKeyHash(boardId: string, viewKeyHash: string): Promise<void>;
}

/** Who is on a board, with what role and permissions; nobody is deleted, only marked removed. */
export interface Participants {
  addParticipant(participant: ParticipantRecord): Promise<void>;
  getParticipant(boardId: string, participantId: string): Promise<ParticipantRecord | null>;
  findParticipantByTokenHash(boardId: string, tokenHash: string): Promise<ParticipantRecord | null>;
  listParticipants(boardId: string): Promise<ParticipantRecord[]>;
  /** False when there is no such participant. */
  setCanAssist(boardId: string, participantId: string, allowed: boolean): Promise<boolean>;
  /** Grants or takes back a co-facilitator's role. False when there is no such participant. */
  setRole(boardId: string, participantId: string, role: ParticipantRecord['role'], coFacilitator: boolean): Promise<boolean>;
  removeParticipant(boardId: string, participantId: string, at: number): Promise<boolean>;
}

/** The read side of the edit counters the doc log keeps (the balance of voice reads only this). */
export interface EditCounts {
  /** Accepted doc updates per participant, for the balance of voice. */
  editCounts(boardId: string): Promise<Map<string, number>>;
}

/**
 * A board's Yjs state as the live doc sees it: load it, append accepted updates, fold the log
 * into the snapshot now and then. (The same seam as Hocuspocus's fetch/store, with the log kept.)
 */
export interface DocLog extends EditCounts {
  /** Null when the board does not exist. */
  loadDoc(boardId: string): Promise<StoredDoc | null>;
  /**
   * Appends updates to the board's log, durably, in order, all or none, and adds `edits` (per
   * participant) to the edit counters in the same transaction. Returns the log length after.
   */
  appendUpdates(boardId: string, updates: Uint8Array[], edits?: ReadonlyMap<string, number>): Promise<{ logLength: number }>;
  /**
   * Folds the snapshot and the current log into a new snapshot and removes the folded log
   * rows, atomically. Updates appended meanwhile are kept.
   */
  compact(boardId: string, merge: MergeUpdates): Promise<void>;
}

/** Vote rounds and, once closed, their results. Ballots are elsewhere (the ballot box). */
export interface Rounds {
  /** Stores a newly opened round; throws RoundConflictError if the board already has an open one. */
  insertRound(boardId: string, round: VoteRound): Promise<void>;
  getRound(boardId: string, roundId: string): Promise<VoteRound | null>;
  getOpenRound(boardId: string): Promise<VoteRound | null>;
  /** Marks an open round closed with its results; false if it was not open (closed already, or unknown). */
  closeRound(boardId: string, roundId: string, closedAt: number, results: RoundResults): Promise<boolean>;
  listClosedRounds(boardId: string): Promise<ClosedRound[]>;
}

/** The visible log of facilitator actions, oldest first. */
export interface FacilitatorLog {
  appendLog(boardId: string, entry: LogEntry): Promise<void>;
  listLog(boardId: string): Promise<LogEntry[]>;
}

/** The board's session state (step, timer, lock, anonymity, hands, breaks) as one JSON value. */
export interface SessionStateStore {
  getSessionState(boardId: string): Promise<unknown | null>;
  saveSessionState(boardId: string, state: unknown): Promise<void>;
}

/** What deleting a board took away: the ids the live stores (ballots, presence) key by. */
export interface DeletedBoard {
  participantIds: string[];
  roundIds: string[];
}

/**
 * A board's life: when it was last used, deleting it with everything of it, and finding the
 * boards that retention deletes. Deleting a board that has gone already is not an error (null).
 */
export interface BoardLifecycle {
  /**
   * Records that the board was used at `at` (an accepted doc update, a session change, a join).
   * Writes only when the stored time is more than a minute older, so it is cheap to call often.
   */
  touchBoard(boardId: string, at: number): Promise<void>;
  /** When the board was last used (its creation if not since); null when there is no such board. */
  lastActiveAt(boardId: string): Promise<number | null>;
  /** Boards last used before `before`, least recently used first, at most `limit`. */
  idleBoards(before: number, limit: number): Promise<string[]>;
  /**
   * Deletes the board and everything stored of it (doc log and snapshot, participants, rounds and
   * ballots, session state, facilitator log, edit counts, its keys' hashes) in one transaction.
   * SQLite also overwrites the deleted bytes and empties its write-ahead log. Null when there was
   * no such board.
   */
  deleteBoard(boardId: string): Promise<DeletedBoard | null>;
  /**
   * Runs `run` unless a job of the same name is running already, here or on another instance
   * sharing the database; resolves false when it was skipped.
   */
  exclusive(job: string, run: () => Promise<void>): Promise<boolean>;
}

/** The store as a whole: which one it is, whether it answers, and closing it. */
export interface StoreConnection {
  readonly kind: 'sqlite' | 'postgres';
  /** Cheap liveness check for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every seam at once: what SqliteStore and PgStore implement and what the server is wired with.
 * A service takes only the seams it uses (VoteService: Participants, Rounds, FacilitatorLog).
 */
export interface BoardStore
  extends Boards,
    Participants,
    DocLog,
    Rounds,
    FacilitatorLog,
    SessionStateStore,
    BoardLifecycle,
    StoreConnection {}

export class RoundConflictError extends Error {
  constructor() {
    super('a vote round is already open on this board');
  }
}
