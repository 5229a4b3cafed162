import pg from 'pg';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { ClosedRound, RoundResults, VoteRound } from '../../shared/votes.js';
import { RoundConflictError, type BoardRecord, type BoardStore, type MergeUpdates, type ParticipantRecord, type StoredDoc } from './types.js';

/**
 * The durable store for the scaled deployment: PostgreSQL, the same repository contract as the
 * embedded SQLite store (one suite tests both). Migrations run on start under an advisory lock,
 * so several instances starting together migrate once.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     template TEXT NOT NULL,
     language TEXT NOT NULL,
     join_key_hash TEXT NOT NULL,
     facilitator_key_hash TEXT NOT NULL,
     view_key_hash TEXT,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE participants (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id),
     token_hash TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     grp TEXT NOT NULL,
     role TEXT NOT NULL,
     author_key TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     in_room BOOLEAN NOT NULL DEFAULT FALSE,
     can_assist BOOLEAN NOT NULL DEFAULT FALSE,
     co_facilitator BOOLEAN NOT NULL DEFAULT FALSE,
     removed_at BIGINT
   );
   CREATE INDEX participants_board ON participants(board_id);
   CREATE TABLE doc_snapshots (
     board_id TEXT PRIMARY KEY REFERENCES boards(id),
     data BYTEA NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE TABLE doc_updates (
     seq BIGSERIAL PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id),
     data BYTEA NOT NULL
   );
   CREATE INDEX doc_updates_board ON doc_updates(board_id, seq);
   CREATE TABLE edit_counts (
     board_id TEXT NOT NULL REFERENCES boards(id),
     participant_id TEXT NOT NULL,
     edits BIGINT NOT NULL,
     PRIMARY KEY (board_id, participant_id)
   );
   CREATE TABLE vote_rounds (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards(id),
     title TEXT NOT NULL,
     section_ids JSONB NOT NULL,
     budget INTEGER NOT NULL,
     per_note_cap INTEGER,
     status TEXT NOT NULL,
     opened_at BIGINT NOT NULL,
     closed_at BIGINT,
     results JSONB
   );
   CREATE INDEX vote_rounds_board ON vote_rounds(board_id, opened_at);
   CREATE UNIQUE INDEX vote_rounds_one_open ON vote_rounds(board_id) WHERE status <> 'closed';
   CREATE TABLE facilitator_log (
     seq BIGSERIAL PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     board_id TEXT NOT NULL REFERENCES boards(id),
     at BIGINT NOT NULL,
     entry JSONB NOT NULL
   );
   CREATE INDEX facilitator_log_board ON facilitator_log(board_id, at, seq);
   CREATE TABLE board_sessions (
     board_id TEXT PRIMARY KEY REFERENCES boards(id),
     state JSONB NOT NULL
   );`,
  `ALTER TABLE participants ADD COLUMN anon_author_key TEXT NOT NULL DEFAULT '';`,
];

const MIGRATION_LOCK = 7_172_001;

interface ParticipantRow {
  id: string;
  board_id: string;
  token_hash: string;
  name: string;
  grp: string;
  role: string;
  author_key: string;
  anon_author_key: string;
  created_at: string;
  in_room: boolean;
  can_assist: boolean;
  co_facilitator: boolean;
  removed_at: string | null;
}
interface RoundRow {
  id: string;
  title: string;
  section_ids: string[];
  budget: number;
  per_note_cap: number | null;
  status: string;
  opened_at: string;
  closed_at: string | null;
  results: RoundResults | null;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

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
    createdAt: Number(r.created_at),
    inRoom: r.in_room,
    canAssist: r.can_assist,
    coFacilitator: r.co_facilitator,
    removedAt: num(r.removed_at),
  };
}
function toRound(r: RoundRow): VoteRound {
  return {
    roundId: r.id,
    title: r.title,
    sectionIds: r.section_ids,
    budget: r.budget,
    perNoteCap: r.per_note_cap,
    status: r.status === 'closed' ? 'closed' : 'open',
    openedAt: Number(r.opened_at),
    closedAt: num(r.closed_at),
  };
}

export class PgStore implements BoardStore {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects, creates the schema if needed, and runs pending migrations. */
  static async open(connectionString: string, options: { schema?: string; max?: number } = {}): Promise<PgStore> {
    const schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    // The schema is set in the start-up packet, not by a query after connecting: a query fired
    // from the pool's 'connect' event has no one to hear it fail, and an unhandled rejection
    // (PostgreSQL going away just after a connection opened) would end the whole process.
    const pool = new pg.Pool({ connectionString, options: `-c search_path=${schema}`, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
    pool.on('error', () => {}); // an idle client lost its connection; the next query reconnects
    const store = new PgStore(pool);
    await store.migrate(schema);
    return store;
  }

  /**
   * Runs several statements on one client of the pool. While a client is checked out the pool no
   * longer listens for its errors, and pg emits 'error' on it when the connection drops: with no
   * listener that event would throw and end the process (PostgreSQL restarting mid-transaction).
   * Here the statement in flight fails as usual, and a client whose connection broke is discarded
   * rather than put back.
   */
  private async withClient<T>(run: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      return await run(client);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  private async migrate(schema: string): Promise<void> {
    await this.withClient(async (client) => {
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query(`SET search_path TO ${schema}`);
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
        const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
        for (let v = rows[0].v ?? 0; v < MIGRATIONS.length; v++) {
          await client.query('BEGIN');
          await client.query(MIGRATIONS[v]);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
          await client.query('COMMIT');
        }
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      }
    });
  }

  private tx<T>(run: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      try {
        await client.query('BEGIN');
        const out = await run(client);
        await client.query('COMMIT');
        return out;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  async createBoard(b: BoardRecord, initialDoc: Uint8Array): Promise<void> {
    await this.tx(async (c) => {
      await c.query(
        `INSERT INTO boards (id, title, template, language, join_key_hash, facilitator_key_hash, view_key_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [b.id, b.title, b.template, b.language, b.joinKeyHash, b.facilitatorKeyHash, b.viewKeyHash ?? null, b.createdAt],
      );
      await c.query('INSERT INTO doc_snapshots (board_id, data, updated_at) VALUES ($1, $2, $3)', [b.id, Buffer.from(initialDoc), b.createdAt]);
    });
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const { rows } = await this.pool.query('SELECT * FROM boards WHERE id = $1', [boardId]);
    const r = rows[0];
    return r
      ? {
          id: r.id,
          title: r.title,
          template: r.template,
          language: r.language,
          joinKeyHash: r.join_key_hash,
          facilitatorKeyHash: r.facilitator_key_hash,
          viewKeyHash: r.view_key_hash,
          createdAt: Number(r.created_at),
        }
      : null;
  }

  async addParticipant(p: ParticipantRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO participants (id, board_id, token_hash, name, grp, role, author_key, anon_author_key, created_at, in_room, can_assist, co_facilitator, removed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [p.id, p.boardId, p.tokenHash, p.name, p.group, p.role, p.authorKey, p.anonAuthorKey, p.createdAt, p.inRoom, p.canAssist, p.coFacilitator, p.removedAt],
    );
  }

  async findParticipantByTokenHash(boardId: string, tokenHash: string): Promise<ParticipantRecord | null> {
    const { rows } = await this.pool.query<ParticipantRow>('SELECT * FROM participants WHERE board_id = $1 AND token_hash = $2', [boardId, tokenHash]);
    return rows[0] ? toParticipant(rows[0]) : null;
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    const { rows } = await this.pool.query<ParticipantRow>('SELECT * FROM participants WHERE board_id = $1 ORDER BY created_at, id', [boardId]);
    return rows.map(toParticipant);
  }

  async getParticipant(boardId: string, participantId: string): Promise<ParticipantRecord | null> {
    const { rows } = await this.pool.query<ParticipantRow>('SELECT * FROM participants WHERE board_id = $1 AND id = $2', [boardId, participantId]);
    return rows[0] ? toParticipant(rows[0]) : null;
  }

  async setCanAssist(boardId: string, participantId: string, allowed: boolean): Promise<boolean> {
    const r = await this.pool.query('UPDATE participants SET can_assist = $1 WHERE board_id = $2 AND id = $3', [allowed, boardId, participantId]);
    return r.rowCount === 1;
  }

  async setRole(boardId: string, participantId: string, role: ParticipantRecord['role'], coFacilitator: boolean): Promise<boolean> {
    const r = await this.pool.query('UPDATE participants SET role = $1, co_facilitator = $2 WHERE board_id = $3 AND id = $4', [role, coFacilitator, boardId, participantId]);
    return r.rowCount === 1;
  }

  async removeParticipant(boardId: string, participantId: string, at: number): Promise<boolean> {
    const r = await this.pool.query('UPDATE participants SET removed_at = $1 WHERE board_id = $2 AND id = $3 AND removed_at IS NULL', [at, boardId, participantId]);
    return r.rowCount === 1;
  }

  async setJoinKeyHash(boardId: string, joinKeyHash: string): Promise<void> {
    await this.pool.query('UPDATE boards SET join_key_hash = $1 WHERE id = $2', [joinKeyHash, boardId]);
  }

  async setViewKeyHash(boardId: string, viewKeyHash: string): Promise<void> {
    await this.pool.query('UPDATE boards SET view_key_hash = $1 WHERE id = $2', [viewKeyHash, boardId]);
  }

  async appendUpdates(boardId: string, updates: Uint8Array[], edits: ReadonlyMap<string, number> = new Map()): Promise<{ logLength: number }> {
    return this.tx(async (c) => {
      if (updates.length > 0) {
        await c.query('INSERT INTO doc_updates (board_id, data) SELECT $1, unnest($2::bytea[])', [boardId, updates.map((u) => Buffer.from(u))]);
      }
      for (const [participantId, n] of edits) {
        await c.query(
          `INSERT INTO edit_counts (board_id, participant_id, edits) VALUES ($1, $2, $3)
           ON CONFLICT (board_id, participant_id) DO UPDATE SET edits = edit_counts.edits + EXCLUDED.edits`,
          [boardId, participantId, n],
        );
      }
      const { rows } = await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM doc_updates WHERE board_id = $1', [boardId]);
      return { logLength: Number(rows[0].n) };
    });
  }

  async editCounts(boardId: string): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ participant_id: string; edits: string }>('SELECT participant_id, edits FROM edit_counts WHERE board_id = $1', [boardId]);
    return new Map(rows.map((r) => [r.participant_id, Number(r.edits)]));
  }

  async loadDoc(boardId: string): Promise<StoredDoc | null> {
    // REPEATABLE READ: the snapshot and the log are read from one consistent view, even while
    // another instance compacts.
    return this.withClient(async (client) => {
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const board = await client.query('SELECT 1 FROM boards WHERE id = $1', [boardId]);
        if (board.rowCount === 0) {
          await client.query('COMMIT');
          return null;
        }
        const snap = await client.query<{ data: Buffer }>('SELECT data FROM doc_snapshots WHERE board_id = $1', [boardId]);
        const log = await client.query<{ data: Buffer }>('SELECT data FROM doc_updates WHERE board_id = $1 ORDER BY seq', [boardId]);
        await client.query('COMMIT');
        return { snapshot: snap.rows[0] ? bytes(snap.rows[0].data) : null, updates: log.rows.map((r) => bytes(r.data)) };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  async compact(boardId: string, merge: MergeUpdates): Promise<void> {
    await this.tx(async (c) => {
      // Locks the snapshot row: two instances never compact the same board at once.
      const snap = await c.query<{ data: Buffer }>('SELECT data FROM doc_snapshots WHERE board_id = $1 FOR UPDATE', [boardId]);
      const log = await c.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE board_id = $1 ORDER BY seq', [boardId]);
      if (log.rows.length === 0) return;
      const parts = [...(snap.rows[0] ? [bytes(snap.rows[0].data)] : []), ...log.rows.map((r) => bytes(r.data))];
      await c.query(
        `INSERT INTO doc_snapshots (board_id, data, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (board_id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
        [boardId, Buffer.from(merge(parts)), Date.now()],
      );
      await c.query('DELETE FROM doc_updates WHERE board_id = $1 AND seq <= $2', [boardId, log.rows[log.rows.length - 1].seq]);
    });
  }

  async insertRound(boardId: string, r: VoteRound): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO vote_rounds (id, board_id, title, section_ids, budget, per_note_cap, status, opened_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)`,
        [r.roundId, boardId, r.title, JSON.stringify(r.sectionIds), r.budget, r.perNoteCap, r.openedAt],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new RoundConflictError();
      throw error;
    }
  }

  async getRound(boardId: string, roundId: string): Promise<VoteRound | null> {
    const { rows } = await this.pool.query<RoundRow>('SELECT * FROM vote_rounds WHERE board_id = $1 AND id = $2', [boardId, roundId]);
    return rows[0] ? toRound(rows[0]) : null;
  }

  async getOpenRound(boardId: string): Promise<VoteRound | null> {
    const { rows } = await this.pool.query<RoundRow>(`SELECT * FROM vote_rounds WHERE board_id = $1 AND status <> 'closed'`, [boardId]);
    return rows[0] ? toRound(rows[0]) : null;
  }

  async closeRound(boardId: string, roundId: string, closedAt: number, results: RoundResults): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE vote_rounds SET status = 'closed', closed_at = $1, results = $2 WHERE board_id = $3 AND id = $4 AND status <> 'closed'`,
      [closedAt, JSON.stringify(results), boardId, roundId],
    );
    return r.rowCount === 1;
  }

  async listClosedRounds(boardId: string): Promise<ClosedRound[]> {
    const { rows } = await this.pool.query<RoundRow>(`SELECT * FROM vote_rounds WHERE board_id = $1 AND status = 'closed' ORDER BY opened_at, id`, [boardId]);
    return rows.map((r) => ({ round: toRound(r), results: r.results! }));
  }

  async appendLog(boardId: string, entry: LogEntry): Promise<void> {
    await this.pool.query('INSERT INTO facilitator_log (id, board_id, at, entry) VALUES ($1, $2, $3, $4)', [entry.id, boardId, entry.at, JSON.stringify(entry)]);
  }

  async listLog(boardId: string): Promise<LogEntry[]> {
    const { rows } = await this.pool.query<{ entry: LogEntry }>('SELECT entry FROM facilitator_log WHERE board_id = $1 ORDER BY at, seq', [boardId]);
    return rows.map((r) => r.entry);
  }

  async getSessionState(boardId: string): Promise<unknown | null> {
    const { rows } = await this.pool.query<{ state: unknown }>('SELECT state FROM board_sessions WHERE board_id = $1', [boardId]);
    return rows[0]?.state ?? null;
  }

  async saveSessionState(boardId: string, state: unknown): Promise<void> {
    await this.pool.query(
      'INSERT INTO board_sessions (board_id, state) VALUES ($1, $2) ON CONFLICT (board_id) DO UPDATE SET state = EXCLUDED.state',
      [boardId, JSON.stringify(state)],
    );
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
