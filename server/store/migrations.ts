/**
 * The one migration history. Both stores apply it: each takes the steps that have SQL in its
 * dialect, in order, and records how many it has run (SQLite: PRAGMA user_version; PostgreSQL:
 * the rows 1..n of schema_migrations), exactly as they did before this list existed. A new
 * migration goes at the end, with SQL for both dialects (one string when it is the same), and
 * nothing above it ever changes: a database knows only how many of its steps it has run.
 *
 * The two histories began apart. SQLite grew in steps 1-5; PostgreSQL started at the schema of
 * step 4 in one step (the `postgres` SQL of 4; 1-3 have none) and has followed since. It has no
 * ballots table: in the scaled deployment ballots live in Redis.
 */
export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  /** Its place in the history, from 1. */
  id: number;
  description: string;
  /** The same SQL for both dialects, or each dialect's own; null when a dialect has nothing to do. */
  sql: string | Record<Dialect, string | null>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    description: 'boards, participants, and the doc log (snapshot and updates)',
    sql: {
      sqlite: `CREATE TABLE boards (
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
      postgres: null,
    },
  },
  {
    id: 2,
    description: 'people in the room and helpers; vote rounds, ballots, the facilitator log',
    sql: {
      sqlite: `ALTER TABLE participants ADD COLUMN in_room INTEGER NOT NULL DEFAULT 0;
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
      postgres: null,
    },
  },
  {
    id: 3,
    description: 'co-facilitators and removals; session state; edit counts',
    sql: {
      sqlite: `ALTER TABLE participants ADD COLUMN co_facilitator INTEGER NOT NULL DEFAULT 0;
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
      postgres: null,
    },
  },
  {
    id: 4,
    description: 'the share-back (view) key; in PostgreSQL, the whole schema as of this step',
    sql: {
      sqlite: `ALTER TABLE boards ADD COLUMN view_key_hash TEXT;`,
      postgres: `CREATE TABLE boards (
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
    },
  },
  {
    id: 5,
    description: 'the key anonymous notes carry',
    sql: `ALTER TABLE participants ADD COLUMN anon_author_key TEXT NOT NULL DEFAULT '';`,
  },
  {
    id: 6,
    description: 'when each board was last used (for retention); null: not since it was created',
    sql: {
      sqlite: `ALTER TABLE boards ADD COLUMN last_active_at INTEGER;`,
      postgres: `ALTER TABLE boards ADD COLUMN last_active_at BIGINT;`,
    },
  },
];

export interface Step {
  id: number;
  description: string;
  sql: string;
}

/** A dialect's steps, in order: the migrations with SQL in that dialect. Its stored version counts these. */
export function stepsFor(dialect: Dialect, history: readonly Migration[] = MIGRATIONS): Step[] {
  return history.flatMap(({ id, description, sql }) => {
    const text = typeof sql === 'string' ? sql : sql[dialect];
    return text === null ? [] : [{ id, description, sql: text }];
  });
}
