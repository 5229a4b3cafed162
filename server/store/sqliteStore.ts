import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BoardRecord, BoardStore, MergeUpdates, ParticipantRecord, StoredDoc } from './types.js';

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
];

interface BoardRow {
  id: string;
  title: string;
  template: string;
  language: string;
  join_key_hash: string;
  facilitator_key_hash: string;
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
  created_at: number;
}

function toBoard(r: BoardRow): BoardRecord {
  return {
    id: r.id,
    title: r.title,
    template: r.template as BoardRecord['template'],
    language: r.language as BoardRecord['language'],
    joinKeyHash: r.join_key_hash,
    facilitatorKeyHash: r.facilitator_key_hash,
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
    createdAt: r.created_at,
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
        `INSERT INTO participants (id, board_id, token_hash, name, grp, role, author_key, created_at)
         VALUES (@id, @boardId, @tokenHash, @name, @group, @role, @authorKey, @createdAt)`,
      ),
      findParticipant: db.prepare(`SELECT * FROM participants WHERE board_id = ? AND token_hash = ?`),
      listParticipants: db.prepare(`SELECT * FROM participants WHERE board_id = ? ORDER BY created_at, id`),
      appendUpdate: db.prepare(`INSERT INTO doc_updates (board_id, data) VALUES (?, ?)`),
      countUpdates: db.prepare(`SELECT COUNT(*) AS n FROM doc_updates WHERE board_id = ?`),
      getSnapshot: db.prepare(`SELECT data FROM doc_snapshots WHERE board_id = ?`),
      getUpdates: db.prepare(`SELECT seq, data FROM doc_updates WHERE board_id = ? ORDER BY seq`),
      deleteUpdatesUpTo: db.prepare(`DELETE FROM doc_updates WHERE board_id = ? AND seq <= ?`),
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
      this.stmts.insertBoard.run(board);
      this.stmts.insertSnapshot.run(board.id, initialDoc, board.createdAt);
    })();
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const row = this.stmts.getBoard.get(boardId) as BoardRow | undefined;
    return row ? toBoard(row) : null;
  }

  async addParticipant(p: ParticipantRecord): Promise<void> {
    this.stmts.insertParticipant.run(p);
  }

  async findParticipantByTokenHash(boardId: string, tokenHash: string): Promise<ParticipantRecord | null> {
    const row = this.stmts.findParticipant.get(boardId, tokenHash) as ParticipantRow | undefined;
    return row ? toParticipant(row) : null;
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    return (this.stmts.listParticipants.all(boardId) as ParticipantRow[]).map(toParticipant);
  }

  async appendUpdates(boardId: string, updates: Uint8Array[]): Promise<{ logLength: number }> {
    return this.db.transaction(() => {
      for (const u of updates) this.stmts.appendUpdate.run(boardId, u);
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
