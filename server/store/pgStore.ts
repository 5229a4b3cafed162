// About 250 lines: one method per repository call, grouped by seam (store/types.ts), mirroring
// sqliteStore.ts so the two can be read side by side.
import pg from 'pg';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { ClosedRound, RoundResults, VoteRound } from '../../shared/votes.js';
import { migratePostgres } from './migrate.js';
import { BOARD_COLUMNS, PARTICIPANT_COLUMNS, ROUND_COLUMNS, bytes, pgRows as rows, type EditCountRow } from './rows.js';
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
 * The durable store for the scaled deployment: PostgreSQL, the same repository contract as the
 * embedded SQLite store (one suite tests both). Migrations (migrations.ts) run on start under an
 * advisory lock, so several instances starting together migrate once. Methods are grouped by
 * seam (types.ts). Longer than our other modules on purpose: one short method a statement, and
 * the SQL of one store is easier to review in one file than spread over one file a seam.
 */
const marks = (columns: string) =>
  columns
    .split(',')
    .map((_, i) => `$${i + 1}`)
    .join(', ');

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
    const pool = new pg.Pool({
      connectionString,
      options: `-c search_path=${schema}`,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5000,
    });
    pool.on('error', () => {}); // an idle client lost its connection; the next query reconnects
    const store = new PgStore(pool);
    await store.withClient((client) => migratePostgres(client, schema));
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

  /** Runs `run` in one transaction on one client of the pool. */
  private tx<T>(run: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return this.withClient(async (client) => {
      try {
        await client.query(begin);
        const out = await run(client);
        await client.query('COMMIT');
        return out;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  /** The first row a query finds, mapped; null when there is none. */
  private async one<R, T>(sql: string, params: unknown[], map: (row: R) => T): Promise<T | null> {
    const { rows: found } = await this.pool.query(sql, params);
    return found[0] ? map(found[0] as R) : null;
  }

  /** Every row a query finds, mapped. */
  private async all<R, T>(sql: string, params: unknown[], map: (row: R) => T): Promise<T[]> {
    const { rows: found } = await this.pool.query(sql, params);
    return (found as R[]).map(map);
  }

  /** True when the statement changed exactly one row. */
  private async changedOne(sql: string, params: unknown[]): Promise<boolean> {
    return (await this.pool.query(sql, params)).rowCount === 1;
  }

  // Boards

  async createBoard(b: BoardRecord, initialDoc: Uint8Array): Promise<void> {
    await this.tx(async (c) => {
      await c.query(`INSERT INTO boards (${BOARD_COLUMNS}) VALUES (${marks(BOARD_COLUMNS)})`, rows.boardValues(b));
      await c.query('INSERT INTO doc_snapshots (board_id, data, updated_at) VALUES ($1, $2, $3)', [
        b.id,
        Buffer.from(initialDoc),
        b.createdAt,
      ]);
    });
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    return this.one('SELECT * FROM boards WHERE id = $1', [boardId], rows.board);
  }

  async setJoinKeyHash(boardId: string, joinKeyHash: string): Promise<void> {
    await this.pool.query('UPDATE boards SET join_key_hash = $1 WHERE id = $2', [joinKeyHash, boardId]);
  }

  async setViewKeyHash(boardId: string, viewKeyHash: string): Promise<void> {
    await this.pool.query('UPDATE boards SET view_key_hash = $1 WHERE id = $2', [viewKeyHash, boardId]);
  }

  // Participants

  async addParticipant(p: ParticipantRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO participants (${PARTICIPANT_COLUMNS}) VALUES (${marks(PARTICIPANT_COLUMNS)})`,
      rows.participantValues(p),
    );
  }

  async getParticipant(boardId: string, participantId: string): Promise<ParticipantRecord | null> {
    return this.one('SELECT * FROM participants WHERE board_id = $1 AND id = $2', [boardId, participantId], rows.participant);
  }

  async findParticipantByTokenHash(boardId: string, tokenHash: string): Promise<ParticipantRecord | null> {
    return this.one('SELECT * FROM participants WHERE board_id = $1 AND token_hash = $2', [boardId, tokenHash], rows.participant);
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    return this.all('SELECT * FROM participants WHERE board_id = $1 ORDER BY created_at, id', [boardId], rows.participant);
  }

  async setCanAssist(boardId: string, participantId: string, allowed: boolean): Promise<boolean> {
    return this.changedOne('UPDATE participants SET can_assist = $1 WHERE board_id = $2 AND id = $3', [allowed, boardId, participantId]);
  }

  async setRole(boardId: string, participantId: string, role: ParticipantRecord['role'], coFacilitator: boolean): Promise<boolean> {
    return this.changedOne('UPDATE participants SET role = $1, co_facilitator = $2 WHERE board_id = $3 AND id = $4', [
      role,
      coFacilitator,
      boardId,
      participantId,
    ]);
  }

  async removeParticipant(boardId: string, participantId: string, at: number): Promise<boolean> {
    return this.changedOne('UPDATE participants SET removed_at = $1 WHERE board_id = $2 AND id = $3 AND removed_at IS NULL', [
      at,
      boardId,
      participantId,
    ]);
  }

  // Doc log

  async loadDoc(boardId: string): Promise<StoredDoc | null> {
    // REPEATABLE READ: the snapshot and the log are read from one consistent view, even while
    // another instance compacts.
    return this.tx(async (c): Promise<StoredDoc | null> => {
      const board = await c.query('SELECT 1 FROM boards WHERE id = $1', [boardId]);
      if (board.rowCount === 0) return null;
      const snap = await c.query<{ data: Buffer }>('SELECT data FROM doc_snapshots WHERE board_id = $1', [boardId]);
      const log = await c.query<{ data: Buffer }>('SELECT data FROM doc_updates WHERE board_id = $1 ORDER BY seq', [boardId]);
      return { snapshot: snap.rows[0] ? bytes(snap.rows[0].data) : null, updates: log.rows.map((r) => bytes(r.data)) };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async appendUpdates(
    boardId: string,
    updates: Uint8Array[],
    edits: ReadonlyMap<string, number> = new Map(),
  ): Promise<{ logLength: number }> {
    return this.tx(async (c) => {
      if (updates.length > 0) {
        await c.query('INSERT INTO doc_updates (board_id, data) SELECT $1, unnest($2::bytea[])', [
          boardId,
          updates.map((u) => Buffer.from(u)),
        ]);
      }
      for (const [participantId, n] of edits) {
        await c.query(
          `INSERT INTO edit_counts (board_id, participant_id, edits) VALUES ($1, $2, $3)
           ON CONFLICT (board_id, participant_id) DO UPDATE SET edits = edit_counts.edits + EXCLUDED.edits`,
          [boardId, participantId, n],
        );
      }
      const { rows: count } = await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM doc_updates WHERE board_id = $1', [boardId]);
      return { logLength: Number(count[0].n) };
    });
  }

  async compact(boardId: string, merge: MergeUpdates): Promise<void> {
    await this.tx(async (c) => {
      // Locks the snapshot row: two instances never compact the same board at once.
      const snap = await c.query<{ data: Buffer }>('SELECT data FROM doc_snapshots WHERE board_id = $1 FOR UPDATE', [boardId]);
      const log = await c.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE board_id = $1 ORDER BY seq', [
        boardId,
      ]);
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

  async editCounts(boardId: string): Promise<Map<string, number>> {
    const { rows: found } = await this.pool.query('SELECT participant_id, edits FROM edit_counts WHERE board_id = $1', [boardId]);
    return rows.editCounts(found as EditCountRow[]);
  }

  // Rounds

  async insertRound(boardId: string, r: VoteRound): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO vote_rounds (${ROUND_COLUMNS}, status) VALUES (${marks(ROUND_COLUMNS)}, 'open')`,
        rows.roundValues(boardId, r),
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new RoundConflictError();
      throw error;
    }
  }

  async getRound(boardId: string, roundId: string): Promise<VoteRound | null> {
    return this.one('SELECT * FROM vote_rounds WHERE board_id = $1 AND id = $2', [boardId, roundId], rows.round);
  }

  async getOpenRound(boardId: string): Promise<VoteRound | null> {
    return this.one(`SELECT * FROM vote_rounds WHERE board_id = $1 AND status <> 'closed'`, [boardId], rows.round);
  }

  async closeRound(boardId: string, roundId: string, closedAt: number, results: RoundResults): Promise<boolean> {
    return this.changedOne(
      `UPDATE vote_rounds SET status = 'closed', closed_at = $1, results = $2 WHERE board_id = $3 AND id = $4 AND status <> 'closed'`,
      [closedAt, JSON.stringify(results), boardId, roundId],
    );
  }

  async listClosedRounds(boardId: string): Promise<ClosedRound[]> {
    return this.all(
      `SELECT * FROM vote_rounds WHERE board_id = $1 AND status = 'closed' ORDER BY opened_at, id`,
      [boardId],
      rows.closedRound,
    );
  }

  // Facilitator log

  async appendLog(boardId: string, entry: LogEntry): Promise<void> {
    await this.pool.query('INSERT INTO facilitator_log (id, board_id, at, entry) VALUES ($1, $2, $3, $4)', [
      entry.id,
      boardId,
      entry.at,
      JSON.stringify(entry),
    ]);
  }

  async listLog(boardId: string): Promise<LogEntry[]> {
    return this.all('SELECT entry FROM facilitator_log WHERE board_id = $1 ORDER BY at, seq', [boardId], (r: { entry: unknown }) =>
      rows.logEntry(r.entry),
    );
  }

  // Session state

  async getSessionState(boardId: string): Promise<unknown | null> {
    return this.one('SELECT state FROM board_sessions WHERE board_id = $1', [boardId], (r: { state: unknown }) =>
      rows.sessionState(r.state),
    );
  }

  async saveSessionState(boardId: string, state: unknown): Promise<void> {
    await this.pool.query(
      'INSERT INTO board_sessions (board_id, state) VALUES ($1, $2) ON CONFLICT (board_id) DO UPDATE SET state = EXCLUDED.state',
      [boardId, JSON.stringify(state)],
    );
  }

  // Lifecycle

  async touchBoard(boardId: string, at: number): Promise<void> {
    // A stored time within a minute of now is left as it is: one write a minute per board at most.
    await this.pool.query('UPDATE boards SET last_active_at = $1 WHERE id = $2 AND COALESCE(last_active_at, created_at) < $3', [
      at,
      boardId,
      at - 60_000,
    ]);
  }

  async lastActiveAt(boardId: string): Promise<number | null> {
    return this.one('SELECT COALESCE(last_active_at, created_at) AS at FROM boards WHERE id = $1', [boardId], (r: { at: string }) =>
      Number(r.at),
    );
  }

  async idleBoards(before: number, limit: number): Promise<string[]> {
    return this.all(
      'SELECT id FROM boards WHERE COALESCE(last_active_at, created_at) < $1 ORDER BY COALESCE(last_active_at, created_at), id LIMIT $2',
      [before, limit],
      (r: { id: string }) => r.id,
    );
  }

  async deleteBoard(boardId: string): Promise<DeletedBoard | null> {
    return this.tx(async (c): Promise<DeletedBoard | null> => {
      // Locks the board row: a second delete of the same board waits, then finds nothing.
      const board = await c.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
      if (board.rowCount === 0) return null;
      const ids = async (sql: string) => (await c.query<{ id: string }>(sql, [boardId])).rows.map((r) => r.id);
      const out = {
        roundIds: await ids('SELECT id FROM vote_rounds WHERE board_id = $1'),
        participantIds: await ids('SELECT id FROM participants WHERE board_id = $1'),
      };
      // Children first (foreign keys). Ballots are not here: in the scaled deployment they are in Redis.
      for (const table of [
        'vote_rounds',
        'doc_updates',
        'doc_snapshots',
        'edit_counts',
        'facilitator_log',
        'board_sessions',
        'participants',
      ]) {
        await c.query(`DELETE FROM ${table} WHERE board_id = $1`, [boardId]);
      }
      await c.query('DELETE FROM boards WHERE id = $1', [boardId]);
      return out;
    });
  }

  /**
   * A session-level advisory lock, taken without waiting, on a client held for the job: another
   * instance on the same database (and schema) skips the job meanwhile. If this instance dies,
   * its connection ends and PostgreSQL releases the lock.
   */
  async exclusive(job: string, run: () => Promise<void>): Promise<boolean> {
    return this.withClient(async (client) => {
      const key = 'SELECT hashtext(current_schema() || $1) AS k';
      const { rows: found } = await client.query<{ k: number }>(key, [`:${job}`]);
      const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [found[0].k]);
      if (!locked.rows[0].ok) return false;
      try {
        await run();
        return true;
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [found[0].k]).catch(() => {});
      }
    });
  }

  // Connection

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
