import type { LogEntry } from '../../shared/facilitatorLog.js';
import type { ClosedRound, RoundResults, VoteRound } from '../../shared/votes.js';
import type { BoardRecord, ParticipantRecord } from './types.js';

/**
 * Rows to records and records to row values, for both stores. The drivers hand back the same
 * columns a little differently: better-sqlite3 gives INTEGER as a number, flags as 0/1 and JSON
 * as TEXT; pg gives BIGINT as a string, BOOLEAN as a boolean and JSONB already parsed. Numbers
 * and flags are read the same way for both; JSON (read) and flags (written) are not, so each
 * store takes the mappers for its dialect: `sqliteRows` or `pgRows`.
 */
type Int = number | string;
type Flag = number | boolean;

export interface BoardRow {
  id: string;
  title: string;
  template: string;
  language: string;
  join_key_hash: string;
  facilitator_key_hash: string;
  view_key_hash: string | null;
  created_at: Int;
}

export interface ParticipantRow {
  id: string;
  board_id: string;
  token_hash: string;
  name: string;
  grp: string;
  role: string;
  author_key: string;
  anon_author_key: string;
  created_at: Int;
  in_room: Flag;
  can_assist: Flag;
  co_facilitator: Flag;
  removed_at: Int | null;
}

export interface RoundRow {
  id: string;
  title: string;
  /** JSON: TEXT in SQLite, JSONB in PostgreSQL. */
  section_ids: unknown;
  budget: number;
  per_note_cap: number | null;
  status: string;
  opened_at: Int;
  closed_at: Int | null;
  results: unknown;
}

export interface EditCountRow {
  participant_id: string;
  edits: Int;
}

/** Column lists in the order the `*Values` functions give their values. */
export const BOARD_COLUMNS = 'id, title, template, language, join_key_hash, facilitator_key_hash, view_key_hash, created_at';
export const PARTICIPANT_COLUMNS =
  'id, board_id, token_hash, name, grp, role, author_key, anon_author_key, created_at, in_room, can_assist, co_facilitator, removed_at';
/** Inserted with status 'open'. */
export const ROUND_COLUMNS = 'id, board_id, title, section_ids, budget, per_note_cap, opened_at';

const int = (v: Int): number => Number(v);
const intOrNull = (v: Int | null): number | null => (v === null ? null : Number(v));
const flag = (v: Flag): boolean => v === true || v === 1;
/** Binary columns (BLOB, BYTEA) arrive as Buffers; records carry plain Uint8Arrays over the same bytes. */
export const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** What differs between the dialects' columns: how JSON and flags are stored. */
interface ColumnStyle {
  fromJson(v: unknown): unknown;
  toFlag(v: boolean): Flag;
}

function mappers({ fromJson, toFlag }: ColumnStyle) {
  const round = (r: RoundRow): VoteRound => ({
    roundId: r.id,
    title: r.title,
    sectionIds: fromJson(r.section_ids) as string[],
    budget: r.budget,
    perNoteCap: r.per_note_cap,
    status: r.status === 'closed' ? 'closed' : 'open',
    openedAt: int(r.opened_at),
    closedAt: intOrNull(r.closed_at),
  });
  return {
    board: (r: BoardRow): BoardRecord => ({
      id: r.id,
      title: r.title,
      template: r.template as BoardRecord['template'],
      language: r.language as BoardRecord['language'],
      joinKeyHash: r.join_key_hash,
      facilitatorKeyHash: r.facilitator_key_hash,
      viewKeyHash: r.view_key_hash,
      createdAt: int(r.created_at),
    }),
    participant: (r: ParticipantRow): ParticipantRecord => ({
      id: r.id,
      boardId: r.board_id,
      tokenHash: r.token_hash,
      name: r.name,
      group: r.grp as ParticipantRecord['group'],
      role: r.role as ParticipantRecord['role'],
      authorKey: r.author_key,
      anonAuthorKey: r.anon_author_key,
      createdAt: int(r.created_at),
      inRoom: flag(r.in_room),
      canAssist: flag(r.can_assist),
      coFacilitator: flag(r.co_facilitator),
      removedAt: intOrNull(r.removed_at),
    }),
    round,
    closedRound: (r: RoundRow): ClosedRound => ({
      round: round(r),
      results: (r.results === null ? null : fromJson(r.results)) as RoundResults,
    }),
    editCounts: (rows: EditCountRow[]): Map<string, number> => new Map(rows.map((r) => [r.participant_id, int(r.edits)])),
    logEntry: (entry: unknown): LogEntry => fromJson(entry) as LogEntry,
    sessionState: (state: unknown): unknown => fromJson(state),

    boardValues: (b: BoardRecord) => [
      b.id,
      b.title,
      b.template,
      b.language,
      b.joinKeyHash,
      b.facilitatorKeyHash,
      b.viewKeyHash ?? null,
      b.createdAt,
    ],
    participantValues: (p: ParticipantRecord) => [
      p.id,
      p.boardId,
      p.tokenHash,
      p.name,
      p.group,
      p.role,
      p.authorKey,
      p.anonAuthorKey,
      p.createdAt,
      toFlag(p.inRoom),
      toFlag(p.canAssist),
      toFlag(p.coFacilitator),
      p.removedAt,
    ],
    roundValues: (boardId: string, r: VoteRound) => [
      r.roundId,
      boardId,
      r.title,
      JSON.stringify(r.sectionIds),
      r.budget,
      r.perNoteCap,
      r.openedAt,
    ],
  };
}

export type RowMappers = ReturnType<typeof mappers>;

/** SQLite: JSON is TEXT, flags are 0/1. */
export const sqliteRows: RowMappers = mappers({ fromJson: (v) => JSON.parse(v as string) as unknown, toFlag: (v) => (v ? 1 : 0) });
/** PostgreSQL: JSONB arrives parsed, flags are BOOLEAN. */
export const pgRows: RowMappers = mappers({ fromJson: (v) => v, toFlag: (v) => v });
