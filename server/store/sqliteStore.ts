import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { ClosedRound, RoundResults, VoteRound } from '../../shared/votes.js';
import { RoundConflictError, type BoardRecord, type BoardStore, type MergeUpdates, type ParticipantRecord, type StoredDoc } from './types.js';

/**
 * Embedded durable store (the default, single process): SQLite in WAL mode with
 * synchronous=FULL, so an append that has returned survives a crash of the process or the
 * machine. better-sqlite3 is synchronous; the async interface matches the PostgreSQL store.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     template TEXT NOT NULL,
     language TEXT NOT NULL,
     join_key_hash TEXT NOT NULL,
     facilitator_key_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE participants (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id),
     token_hash TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     grp TEXT NOT NULL,
     role TEXT NOT NULL,
     author_key TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX participants_board ON participants(board_id);
   CREATE TABLE doc_snapshots (
     board_id TEXT PRIMARY KEY REFERENCES boards(id),
     data BLOB NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE doc_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     board_id TEXT NOT NULL REFERENCES boards(id),
     data BLOB NOT NULL
   );
   CREATE INDEX doc_updates_board ON doc_updates(board_id, seq);`,
  `ALTER TABLE participants ADD COLUMN in_room INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE participants ADD COLUMN can_assist INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE vote_rounds (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id),
     title TEXT NOT NULL,
     section_ids TEXT NOT NULL,
     budget INTEGER NOT NULL,
     per_note_cap INTEGER,
     status TEXT NOT NULL,
     opened_at INTEGER NOT NULL,
     closed_at INTEGER,
     results TEXT
   );
   CREATE INDEX vote_rounds_board ON vote_rounds(board_id, opened_at);
   CREATE UNIQUE INDEX vote_rounds_one_open ON vote_rounds(board_id) WHERE status <> 'closed';
   CREATE TABLE ballots (
     round_id TEXT NOT NULL REFERENCES vote_rounds(id),
     participant_id TEXT NOT NULL,
     note_id TEXT NOT NULL,
     dots INTEGER NOT NULL,
     assisted INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (round_id, participant_id, note_id)
   );
   CREATE TABLE facilitator_log (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id),
     at INTEGER NOT NULL,
     entry TEXT NOT NULL
   );
   CREATE INDEX facilitator_log_board ON facilitator_log(board_id, at);`,
  `ALTER TABLE participants ADD COLUMN co_facilitator INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE participants ADD COLUMN removed_at INTEGER;
   CREATE TABLE board_sessions (
     board_id TEXT PRIMARY KEY REFERENCES boards(id),
     state TEXT NOT NULL
   );
   CREATE TABLE edit_counts (
     board_id TEXT NOT NULL REFERENCES boards(id),
     participant_id TEXT NOT NULL,
     edits INTEGER NOT NULL,
     PRIMARY KEY (board_id, participant_id)
   );`,
  `ALTER TABLE boards ADD COLUMN view_key_hash TEXT;`,
  `ALTER TABLE participants ADD COLUMN anon_author_key TEXT NOT NULL DEFAULT '';`,
];

interface BoardRow {
  id: string;
  title: string;
  template: string;
  language: string;
  join_key_hash: string;
  facilitator_key_hash: string;
  view_key_hash: string | null;
  created_at: number;
}
interface ParticipantRow {
  id: string;
  board_id: string;
  token_hash: string;
  name: string;
  grp: string;
  role: string;
  author_key: string;
  anon_author_key: string;
  created_at: number;
  in_room: number;
  can_assist: number;
  co_facilitator: number;
  removed_at: number | null;
}
interface RoundRow {
  id: string;
  title: string;
  section_ids: string;
  budget: number;
  per_note_cap: number | null;
  status: string;
  opened_at: number;
  closed_at: number | null;
  results: string | null;
}

function toBoard(r: BoardRow): BoardRecord {
  return {
    id: r.id,
    title: r.title,
    template: r.template as BoardRecord['template'],
    language: r.language as BoardRecord['language'],
    joinKeyHash: r.join_key_hash,
    facilitatorKeyHash: r.facilitator_key_hash,
    viewKeyHash: r.view_key_hash,
    createdAt: r.created_at,
  };
}
function toParticipant(r: ParticipantRow): ParticipantRecord {
  return {
    id: r.id,
    boardId: r.board_id,
    tokenHash: r.token_hash,
    name: r.name,
    group: r.grp as ParticipantRecord['group'],
    role: r.role as ParticipantRecord['role'],
    authorKey: r.author_key,
    anonAuthorKey: r.anon_author_key,
    createdAt: r.created_at,
    inRoom: r.in_room === 1,
    canAssist: r.can_assist === 1,
    coFacilitator: r.co_facilitator === 1,
    removedAt: r.removed_at,
  };
}
function toRound(r: RoundRow): VoteRound {
  return {
    roundId: r.id,
    title: r.title,
    sectionIds: JSON.parse(r.section_ids) as string[],
    budget: r.budget,
    perNoteCap: r.per_note_cap,
    status: r.status === 'closed' ? 'closed' : 'open',
    openedAt: r.opened_at,
    closedAt: r.closed_at,
  };
}

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export class SqliteStore implements BoardStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const db = this.db;
    this.stmts = {
      insertBoard: db.prepare(
        `INSERT INTO boards (id, title, template, language, join_key_hash, facilitator_key_hash, created_at)
         VALUES (@id, @title, @template, @language, @joinKeyHash, @facilitatorKeyHash, @createdAt)`,
      ),
      insertSnapshot: db.prepare(`INSERT INTO doc_snapshots (board_id, data, updated_at) VALUES (?, ?, ?)`),
      replaceSnapshot: db.prepare(
        `INSERT INTO doc_snapshots (board_id, data, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(board_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
      ),
      getBoard: db.prepare(`SELECT * FROM boards WHERE id = ?`),
      insertParticipant: db.prepare(
        `INSERT INTO participants (id, board_id, token_hash, name, grp, role, author_key, anon_author_key, created_at, in_room, can_assist, co_facilitator, removed_at)
         VALUES (@id, @boardId, @tokenHash, @name, @group, @role, @authorKey, @anonAuthorKey, @createdAt, @inRoom, @canAssist, @coFacilitator, @removedAt)`,
      ),
      findParticipant: db.prepare(`SELECT * FROM participants WHERE board_id = ? AND token_hash = ?`),
      listParticipants: db.prepare(`SELECT * FROM participants WHERE board_id = ? ORDER BY created_at, id`),
      appendUpdate: db.prepare(`INSERT INTO doc_updates (board_id, data) VALUES (?, ?)`),
      countUpdates: db.prepare(`SELECT COUNT(*) AS n FROM doc_updates WHERE board_id = ?`),
      getSnapshot: db.prepare(`SELECT data FROM doc_snapshots WHERE board_id = ?`),
      getUpdates: db.prepare(`SELECT seq, data FROM doc_updates WHERE board_id = ? ORDER BY seq`),
      deleteUpdatesUpTo: db.prepare(`DELETE FROM doc_updates WHERE board_id = ? AND seq <= ?`),
      getParticipant: db.prepare(`SELECT * FROM participants WHERE board_id = ? AND id = ?`),
      setCanAssist: db.prepare(`UPDATE participants SET can_assist = ? WHERE board_id = ? AND id = ?`),
      insertRound: db.prepare(
        `INSERT INTO vote_rounds (id, board_id, title, section_ids, budget, per_note_cap, status, opened_at)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?)`,
      ),
      getRound: db.prepare(`SELECT * FROM vote_rounds WHERE board_id = ? AND id = ?`),
      // 'closing' is the ballot box's brief state between stopping changes and storing results.
      getOpenRound: db.prepare(`SELECT * FROM vote_rounds WHERE board_id = ? AND status IN ('open', 'closing')`),
      closeRound: db.prepare(
        `UPDATE vote_rounds SET status = 'closed', closed_at = ?, results = ? WHERE board_id = ? AND id = ? AND status IN ('open', 'closing')`,
      ),
      listClosedRounds: db.prepare(`SELECT * FROM vote_rounds WHERE board_id = ? AND status = 'closed' ORDER BY opened_at, id`),
      appendLog: db.prepare(`INSERT INTO facilitator_log (id, board_id, at, entry) VALUES (?, ?, ?, ?)`),
      listLog: db.prepare(`SELECT entry FROM facilitator_log WHERE board_id = ? ORDER BY at, rowid`),
      addEdits: db.prepare(
        `INSERT INTO edit_counts (board_id, participant_id, edits) VALUES (?, ?, ?)
         ON CONFLICT (board_id, participant_id) DO UPDATE SET edits = edits + excluded.edits`,
      ),
      editCounts: db.prepare(`SELECT participant_id, edits FROM edit_counts WHERE board_id = ?`),
      setRole: db.prepare(`UPDATE participants SET role = ?, co_facilitator = ? WHERE board_id = ? AND id = ?`),
      removeParticipant: db.prepare(`UPDATE participants SET removed_at = ? WHERE board_id = ? AND id = ? AND removed_at IS NULL`),
      setJoinKey: db.prepare(`UPDATE boards SET join_key_hash = ? WHERE id = ?`),
      setViewKey: db.prepare(`UPDATE boards SET view_key_hash = ? WHERE id = ?`),
      getSession: db.prepare(`SELECT state FROM board_sessions WHERE board_id = ?`),
      saveSession: db.prepare(
        `INSERT INTO board_sessions (board_id, state) VALUES (?, ?) ON CONFLICT (board_id) DO UPDATE SET state = excluded.state`,
      ),
    };
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  async createBoard(board: BoardRecord, initialDoc: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.stmts.insertBoard.run({ ...board, viewKeyHash: board.viewKeyHash ?? null });
      this.stmts.insertSnapshot.run(board.id, initialDoc, board.createdAt);
    })();
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const row = this.stmts.getBoard.get(boardId) as BoardRow | undefined;
    return row ? toBoard(row) : null;
  }

  async addParticipant(p: ParticipantRecord): Promise<void> {
    this.stmts.insertParticipant.run({
      ...p,
      inRoom: p.inRoom ? 1 : 0,
      canAssist: p.canAssist ? 1 : 0,
      coFacilitator: p.coFacilitator ? 1 : 0,
    });
  }

  async getParticipant(boardId: string, participantId: string): Promise<ParticipantRecord | null> {
    const row = this.stmts.getParticipant.get(boardId, participantId) as ParticipantRow | undefined;
    return row ? toParticipant(row) : null;
  }

  async setCanAssist(boardId: string, participantId: string, allowed: boolean): Promise<boolean> {
    return this.stmts.setCanAssist.run(allowed ? 1 : 0, boardId, participantId).changes === 1;
  }

  async insertRound(boardId: string, r: VoteRound): Promise<void> {
    try {
      this.stmts.insertRound.run(r.roundId, boardId, r.title, JSON.stringify(r.sectionIds), r.budget, r.perNoteCap, r.openedAt);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new RoundConflictError();
      throw error;
    }
  }

  async getRound(boardId: string, roundId: string): Promise<VoteRound | null> {
    const row = this.stmts.getRound.get(boardId, roundId) as RoundRow | undefined;
    return row ? toRound(row) : null;
  }

  async getOpenRound(boardId: string): Promise<VoteRound | null> {
    const row = this.stmts.getOpenRound.get(boardId) as RoundRow | undefined;
    return row ? toRound(row) : null;
  }

  async closeRound(boardId: string, roundId: string, closedAt: number, results: RoundResults): Promise<boolean> {
    return this.stmts.closeRound.run(closedAt, JSON.stringify(results), boardId, roundId).changes === 1;
  }

  async listClosedRounds(boardId: string): Promise<ClosedRound[]> {
    return (this.stmts.listClosedRounds.all(boardId) as RoundRow[]).map((r) => ({
      round: toRound(r),
      results: JSON.parse(r.results ?? 'null') as RoundResults,
    }));
  }

  async editCounts(boardId: string): Promise<Map<string, number>> {
    const rows = this.stmts.editCounts.all(boardId) as { participant_id: string; edits: number }[];
    return new Map(rows.map((r) => [r.participant_id, r.edits]));
  }

  async setRole(boardId: string, participantId: string, role: ParticipantRecord['role'], coFacilitator: boolean): Promise<boolean> {
    return this.stmts.setRole.run(role, coFacilitator ? 1 : 0, boardId, participantId).changes === 1;
  }

  async removeParticipant(boardId: string, participantId: string, at: number): Promise<boolean> {
    return this.stmts.removeParticipant.run(at, boardId, participantId).changes === 1;
  }

  async setJoinKeyHash(boardId: string, joinKeyHash: string): Promise<void> {
    this.stmts.setJoinKey.run(joinKeyHash, boardId);
  }

  async setViewKeyHash(boardId: string, viewKeyHash: string): Promise<void> {
    this.stmts.setViewKey.run(viewKeyHash, boardId);
  }

  async getSessionState(boardId: string): Promise<unknown | null> {
    const row = this.stmts.getSession.get(boardId) as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as unknown) : null;
  }

  async saveSessionState(boardId: string, state: unknown): Promise<void> {
    this.stmts.saveSession.run(boardId, JSON.stringify(state));
  }

  async appendLog(boardId: string, entry: LogEntry): Promise<void> {
    this.stmts.appendLog.run(entry.id, boardId, entry.at, JSON.stringify(entry));
  }

  async listLog(boardId: string): Promise<LogEntry[]> {
    return (this.stmts.listLog.all(boardId) as { entry: string }[]).map((r) => JSON.parse(r.entry) as LogEntry);
  }

  /** The database handle, for the single-process ballot box (which shares its transactions). */
  get database(): Database.Database {
    return this.db;
  }

  async findParticipantByTokenHash(boardId: string, tokenHash: string): Promise<ParticipantRecord | null> {
    const row = this.stmts.findParticipant.get(boardId, tokenHash) as ParticipantRow | undefined;
    return row ? toParticipant(row) : null;
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    return (this.stmts.listParticipants.all(boardId) as ParticipantRow[]).map(toParticipant);
  }

  async appendUpdates(boardId: string, updates: Uint8Array[], edits: ReadonlyMap<string, number> = new Map()): Promise<{ logLength: number }> {
    return this.db.transaction(() => {
      for (const u of updates) this.stmts.appendUpdate.run(boardId, u);
      for (const [participantId, n] of edits) this.stmts.addEdits.run(boardId, participantId, n);
      return { logLength: (this.stmts.countUpdates.get(boardId) as { n: number }).n };
    })();
  }

  async loadDoc(boardId: string): Promise<StoredDoc | null> {
    return this.db.transaction((): StoredDoc | null => {
      if (!this.stmts.getBoard.get(boardId)) return null;
      const snap = this.stmts.getSnapshot.get(boardId) as { data: Buffer } | undefined;
      const rows = this.stmts.getUpdates.all(boardId) as { data: Buffer }[];
      return { snapshot: snap ? bytes(snap.data) : null, updates: rows.map((r) => bytes(r.data)) };
    })();
  }

  async compact(boardId: string, merge: MergeUpdates): Promise<void> {
    this.db.transaction(() => {
      const rows = this.stmts.getUpdates.all(boardId) as { seq: number; data: Buffer }[];
      if (rows.length === 0) return;
      const snap = this.stmts.getSnapshot.get(boardId) as { data: Buffer } | undefined;
      const parts = [...(snap ? [bytes(snap.data)] : []), ...rows.map((r) => bytes(r.data))];
      this.stmts.replaceSnapshot.run(boardId, merge(parts), Date.now());
      this.stmts.deleteUpdatesUpTo.run(boardId, rows[rows.length - 1].seq);
    })();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
