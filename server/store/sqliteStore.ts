import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { ClosedRound, RoundResults, VoteRound } from '../../shared/votes.js';
import { migrateSqlite } from './migrate.js';
import {
  BOARD_COLUMNS,
  PARTICIPANT_COLUMNS,
  ROUND_COLUMNS,
  bytes,
  sqliteRows as rows,
  type EditCountRow,
  type ParticipantRow,
  type RoundRow,
} from './rows.js';
import {
  RoundConflictError,
  type BoardRecord,
  type BoardStore,
  type DeletedBoard,
  type MergeUpdates,
  type ParticipantRecord,
  type StoredDoc,
} from './types.js';

/**
 * Embedded durable store (the default, single process): SQLite in WAL mode with
 * synchronous=FULL, so an append that has returned survives a crash of the process or the
 * machine. better-sqlite3 is synchronous; the async interface matches the PostgreSQL store.
 * Methods are grouped by seam (types.ts), in the order the statements are.
 * Longer than our other modules on purpose: one short method a statement, and the SQL of one
 * store is easier to review in one file than spread over one file a seam.
 */
const marks = (columns: string) =>
  columns
    .split(',')
    .map(() => '?')
    .join(', ');

function prepare(db: Database.Database) {
  const q = (sql: string) => db.prepare(sql);
  return {
    // Boards
    insertBoard: q(`INSERT INTO boards (${BOARD_COLUMNS}) VALUES (${marks(BOARD_COLUMNS)})`),
    getBoard: q(`SELECT * FROM boards WHERE id = ?`),
    setJoinKey: q(`UPDATE boards SET join_key_hash = ? WHERE id = ?`),
    setViewKey: q(`UPDATE boards SET view_key_hash = ? WHERE id = ?`),
    // Participants
    insertParticipant: q(`INSERT INTO participants (${PARTICIPANT_COLUMNS}) VALUES (${marks(PARTICIPANT_COLUMNS)})`),
    getParticipant: q(`SELECT * FROM participants WHERE board_id = ? AND id = ?`),
    findParticipant: q(`SELECT * FROM participants WHERE board_id = ? AND token_hash = ?`),
    listParticipants: q(`SELECT * FROM participants WHERE board_id = ? ORDER BY created_at, id`),
    setCanAssist: q(`UPDATE participants SET can_assist = ? WHERE board_id = ? AND id = ?`),
    setRole: q(`UPDATE participants SET role = ?, co_facilitator = ? WHERE board_id = ? AND id = ?`),
    removeParticipant: q(`UPDATE participants SET removed_at = ? WHERE board_id = ? AND id = ? AND removed_at IS NULL`),
    // Doc log
    insertSnapshot: q(`INSERT INTO doc_snapshots (board_id, data, updated_at) VALUES (?, ?, ?)`),
    replaceSnapshot: q(
      `INSERT INTO doc_snapshots (board_id, data, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(board_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    ),
    getSnapshot: q(`SELECT data FROM doc_snapshots WHERE board_id = ?`),
    appendUpdate: q(`INSERT INTO doc_updates (board_id, data) VALUES (?, ?)`),
    countUpdates: q(`SELECT COUNT(*) AS n FROM doc_updates WHERE board_id = ?`),
    getUpdates: q(`SELECT seq, data FROM doc_updates WHERE board_id = ? ORDER BY seq`),
    deleteUpdatesUpTo: q(`DELETE FROM doc_updates WHERE board_id = ? AND seq <= ?`),
    addEdits: q(
      `INSERT INTO edit_counts (board_id, participant_id, edits) VALUES (?, ?, ?)
       ON CONFLICT (board_id, participant_id) DO UPDATE SET edits = edits + excluded.edits`,
    ),
    editCounts: q(`SELECT participant_id, edits FROM edit_counts WHERE board_id = ?`),
    // Rounds. 'closing' is the ballot box's brief state between stopping changes and storing results.
    insertRound: q(`INSERT INTO vote_rounds (${ROUND_COLUMNS}, status) VALUES (${marks(ROUND_COLUMNS)}, 'open')`),
    getRound: q(`SELECT * FROM vote_rounds WHERE board_id = ? AND id = ?`),
    getOpenRound: q(`SELECT * FROM vote_rounds WHERE board_id = ? AND status IN ('open', 'closing')`),
    closeRound: q(
      `UPDATE vote_rounds SET status = 'closed', closed_at = ?, results = ? WHERE board_id = ? AND id = ? AND status IN ('open', 'closing')`,
    ),
    listClosedRounds: q(`SELECT * FROM vote_rounds WHERE board_id = ? AND status = 'closed' ORDER BY opened_at, id`),
    // Facilitator log
    appendLog: q(`INSERT INTO facilitator_log (id, board_id, at, entry) VALUES (?, ?, ?, ?)`),
    listLog: q(`SELECT entry FROM facilitator_log WHERE board_id = ? ORDER BY at, rowid`),
    // Session state
    getSession: q(`SELECT state FROM board_sessions WHERE board_id = ?`),
    saveSession: q(
      `INSERT INTO board_sessions (board_id, state) VALUES (?, ?) ON CONFLICT (board_id) DO UPDATE SET state = excluded.state`,
    ),
    // Lifecycle
    touchBoard: q(`UPDATE boards SET last_active_at = ? WHERE id = ? AND COALESCE(last_active_at, created_at) < ?`),
    lastActive: q(`SELECT COALESCE(last_active_at, created_at) AS at FROM boards WHERE id = ?`),
    idleBoards: q(
      `SELECT id FROM boards WHERE COALESCE(last_active_at, created_at) < ? ORDER BY COALESCE(last_active_at, created_at), id LIMIT ?`,
    ),
    roundIdsOf: q(`SELECT id FROM vote_rounds WHERE board_id = ?`),
    participantIdsOf: q(`SELECT id FROM participants WHERE board_id = ?`),
    // Children first (foreign keys); ballots hang off the board's rounds.
    deleteBoard: [
      `DELETE FROM ballots WHERE round_id IN (SELECT id FROM vote_rounds WHERE board_id = ?)`,
      `DELETE FROM vote_rounds WHERE board_id = ?`,
      `DELETE FROM doc_updates WHERE board_id = ?`,
      `DELETE FROM doc_snapshots WHERE board_id = ?`,
      `DELETE FROM edit_counts WHERE board_id = ?`,
      `DELETE FROM facilitator_log WHERE board_id = ?`,
      `DELETE FROM board_sessions WHERE board_id = ?`,
      `DELETE FROM participants WHERE board_id = ?`,
      `DELETE FROM boards WHERE id = ?`,
    ].map(q),
  };
}

/** The first row a statement finds, mapped; null when there is none. */
function one<R, T>(stmt: Database.Statement, params: unknown[], map: (row: R) => T): T | null {
  const row = stmt.get(...params) as R | undefined;
  return row ? map(row) : null;
}

export class SqliteStore implements BoardStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<typeof prepare>;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten with zeros, so a deleted board leaves no bytes in the file.
    this.db.pragma('secure_delete = ON');
    migrateSqlite(this.db);
    this.stmts = prepare(this.db);
  }

  /** The database handle, for the single-process ballot box (which shares its transactions). */
  get database(): Database.Database {
    return this.db;
  }

  // Boards

  async createBoard(board: BoardRecord, initialDoc: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.stmts.insertBoard.run(rows.boardValues(board));
      this.stmts.insertSnapshot.run(board.id, initialDoc, board.createdAt);
    })();
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    return one(this.stmts.getBoard, [boardId], rows.board);
  }

  async setJoinKeyHash(boardId: string, joinKeyHash: string): Promise<void> {
    this.stmts.setJoinKey.run(joinKeyHash, boardId);
  }

  async setViewKeyHash(boardId: string, viewKeyHash: string): Promise<void> {
    this.stmts.setViewKey.run(viewKeyHash, boardId);
  }

  // Participants

  async addParticipant(p: ParticipantRecord): Promise<void> {
    this.stmts.insertParticipant.run(rows.participantValues(p));
  }

  async getParticipant(boardId: string, participantId: string): Promise<ParticipantRecord | null> {
    return one(this.stmts.getParticipant, [boardId, participantId], rows.participant);
  }

  async findParticipantByTokenHash(boardId: string, tokenHash: string): Promise<ParticipantRecord | null> {
    return one(this.stmts.findParticipant, [boardId, tokenHash], rows.participant);
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    return (this.stmts.listParticipants.all(boardId) as ParticipantRow[]).map(rows.participant);
  }

  async setCanAssist(boardId: string, participantId: string, allowed: boolean): Promise<boolean> {
    return this.stmts.setCanAssist.run(allowed ? 1 : 0, boardId, participantId).changes === 1;
  }

  async setRole(boardId: string, participantId: string, role: ParticipantRecord['role'], coFacilitator: boolean): Promise<boolean> {
    return this.stmts.setRole.run(role, coFacilitator ? 1 : 0, boardId, participantId).changes === 1;
  }

  async removeParticipant(boardId: string, participantId: string, at: number): Promise<boolean> {
    return this.stmts.removeParticipant.run(at, boardId, participantId).changes === 1;
  }

  // Doc log

  async loadDoc(boardId: string): Promise<StoredDoc | null> {
    return this.db.transaction((): StoredDoc | null => {
      if (!this.stmts.getBoard.get(boardId)) return null;
      const snap = this.stmts.getSnapshot.get(boardId) as { data: Buffer } | undefined;
      const log = this.stmts.getUpdates.all(boardId) as { data: Buffer }[];
      return { snapshot: snap ? bytes(snap.data) : null, updates: log.map((r) => bytes(r.data)) };
    })();
  }

  async appendUpdates(
    boardId: string,
    updates: Uint8Array[],
    edits: ReadonlyMap<string, number> = new Map(),
  ): Promise<{ logLength: number }> {
    return this.db.transaction(() => {
      for (const u of updates) this.stmts.appendUpdate.run(boardId, u);
      for (const [participantId, n] of edits) this.stmts.addEdits.run(boardId, participantId, n);
      return { logLength: (this.stmts.countUpdates.get(boardId) as { n: number }).n };
    })();
  }

  async compact(boardId: string, merge: MergeUpdates): Promise<void> {
    this.db.transaction(() => {
      const log = this.stmts.getUpdates.all(boardId) as { seq: number; data: Buffer }[];
      if (log.length === 0) return;
      const snap = this.stmts.getSnapshot.get(boardId) as { data: Buffer } | undefined;
      const parts = [...(snap ? [bytes(snap.data)] : []), ...log.map((r) => bytes(r.data))];
      this.stmts.replaceSnapshot.run(boardId, merge(parts), Date.now());
      this.stmts.deleteUpdatesUpTo.run(boardId, log[log.length - 1].seq);
    })();
  }

  async editCounts(boardId: string): Promise<Map<string, number>> {
    return rows.editCounts(this.stmts.editCounts.all(boardId) as EditCountRow[]);
  }

  // Rounds

  async insertRound(boardId: string, r: VoteRound): Promise<void> {
    try {
      this.stmts.insertRound.run(rows.roundValues(boardId, r));
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new RoundConflictError();
      throw error;
    }
  }

  async getRound(boardId: string, roundId: string): Promise<VoteRound | null> {
    return one(this.stmts.getRound, [boardId, roundId], rows.round);
  }

  async getOpenRound(boardId: string): Promise<VoteRound | null> {
    return one(this.stmts.getOpenRound, [boardId], rows.round);
  }

  async closeRound(boardId: string, roundId: string, closedAt: number, results: RoundResults): Promise<boolean> {
    return this.stmts.closeRound.run(closedAt, JSON.stringify(results), boardId, roundId).changes === 1;
  }

  async listClosedRounds(boardId: string): Promise<ClosedRound[]> {
    return (this.stmts.listClosedRounds.all(boardId) as RoundRow[]).map(rows.closedRound);
  }

  // Facilitator log

  async appendLog(boardId: string, entry: LogEntry): Promise<void> {
    this.stmts.appendLog.run(entry.id, boardId, entry.at, JSON.stringify(entry));
  }

  async listLog(boardId: string): Promise<LogEntry[]> {
    return (this.stmts.listLog.all(boardId) as { entry: string }[]).map((r) => rows.logEntry(r.entry));
  }

  // Session state

  async getSessionState(boardId: string): Promise<unknown | null> {
    return one(this.stmts.getSession, [boardId], (r: { state: string }) => rows.sessionState(r.state));
  }

  async saveSessionState(boardId: string, state: unknown): Promise<void> {
    this.stmts.saveSession.run(boardId, JSON.stringify(state));
  }

  // Lifecycle

  /** A stored time within this of now is left as it is: one write a minute per board at most. */
  static readonly TOUCH_GRANULARITY_MS = 60_000;

  async touchBoard(boardId: string, at: number): Promise<void> {
    this.stmts.touchBoard.run(at, boardId, at - SqliteStore.TOUCH_GRANULARITY_MS);
  }

  async lastActiveAt(boardId: string): Promise<number | null> {
    return one(this.stmts.lastActive, [boardId], (r: { at: number }) => r.at);
  }

  async idleBoards(before: number, limit: number): Promise<string[]> {
    return (this.stmts.idleBoards.all(before, limit) as { id: string }[]).map((r) => r.id);
  }

  async deleteBoard(boardId: string): Promise<DeletedBoard | null> {
    const deleted = this.db.transaction((): DeletedBoard | null => {
      if (!this.stmts.getBoard.get(boardId)) return null;
      const ids = (stmt: Database.Statement) => (stmt.all(boardId) as { id: string }[]).map((r) => r.id);
      const out = { roundIds: ids(this.stmts.roundIdsOf), participantIds: ids(this.stmts.participantIdsOf) };
      for (const stmt of this.stmts.deleteBoard) stmt.run(boardId);
      return out;
    })();
    // secure_delete zeroed the rows in the pages; the old pages may still be in the write-ahead
    // log: copy it into the file and truncate it to nothing.
    if (deleted) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  private readonly running = new Set<string>();

  /** One process owns the file, so "another instance" cannot happen: a job is exclusive within this process. */
  async exclusive(job: string, run: () => Promise<void>): Promise<boolean> {
    if (this.running.has(job)) return false;
    this.running.add(job);
    try {
      await run();
      return true;
    } finally {
      this.running.delete(job);
    }
  }

  // Connection

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
