import path from 'node:path';
import { z } from 'zod';
import { LIMITS } from '../shared/limits.js';
import { parseTrustProxy, type TrustProxy } from './limits/clientAddress.js';

/** A rate: `<count>/<seconds>`, e.g. `60/600` is 60 in any 10 minutes. */
const rate = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^(\d+)\/(\d+)$/.exec(v.trim());
      const points = Number(m?.[1]);
      const seconds = Number(m?.[2]);
      if (!m || points < 1 || seconds < 1) {
        ctx.addIssue({ code: 'custom', message: 'must be <count>/<seconds>, both at least 1, e.g. 60/600' });
        return z.NEVER;
      }
      return { points, seconds };
    });
export interface Rate {
  points: number;
  seconds: number;
}

/** The checkout's root, from server/ (run with tsx) or dist/server/ (built). */
function projectRoot(): string {
  const here = import.meta.dirname;
  return path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '../..') : path.resolve(here, '..');
}

/** Free text from the environment; unset or blank is "not given". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

/** Configuration from environment variables, parsed once and validated at start. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Public origin used in join links, e.g. https://board.example.nhs.wales. Default: taken from each request. */
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  /** Redis for ballots (and, with scale-out, presence and fan-out). Unset: everything in this process. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** PostgreSQL for everything durable (the scaled deployment). Unset: SQLite under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** PostgreSQL schema to use (tests give each run its own). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('public'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built client lives (default: dist/client of this checkout, wherever it is started from). */
  CLIENT_DIR: z.string().default(path.join(projectRoot(), 'dist/client')),
  Y_MESSAGE_MAX_BYTES: z.coerce.number().int().positive().default(LIMITS.yMessageMaxBytes),
  NOTE_TEXT_MAX: z.coerce.number().int().positive().default(LIMITS.noteTextMax),
  NOTES_PER_BOARD_MAX: z.coerce.number().int().positive().default(LIMITS.notesPerBoardMax),
  /** Update-log rows per board past which the log is compacted into the snapshot. */
  COMPACT_AFTER_UPDATES: z.coerce.number().int().positive().default(500),
  HEARTBEAT_MS: z.coerce.number().int().positive().default(30_000),
  /** A connection whose unsent bytes exceed this is closed (it resyncs when it reconnects). */
  MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  /**
   * A session (socket.io) connection with more than this queued for it — engine.io's write
   * buffer plus what its WebSocket or poll response has not yet handed to the kernel — is
   * disconnected; it gets a fresh state when it reconnects. Must exceed the largest single
   * message, the full presence list a newcomer gets (about 300 bytes a person).
   */
  SOCKET_BUFFER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(4 * 1024 * 1024),
  /**
   * Boards not used for this many days (no accepted edit, session change or join) are deleted,
   * with everything of them. 0 keeps boards for ever.
   */
  RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
  /** How often the retention job looks for idle boards. */
  RETENTION_SWEEP_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(60 * 60 * 1000),
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For): unset trusts none,
   * a number trusts that many hops, or a list of loopback, linklocal, uniquelocal, addresses and CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTrustProxy(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  // Rate limits (README, "Rate limits"). Per address: a whole workshop room often shares one (NAT).
  RATE_BOARD_CREATE: rate('60/600'),
  RATE_JOIN_PER_ADDRESS: rate('600/600'),
  RATE_JOIN_PER_BOARD: rate('300/600'),
  RATE_UPGRADE_PER_ADDRESS: rate('600/60'),
  /** Per person, on each instance: a fast typist sends ~30 messages a second with awareness. */
  RATE_SESSION_EVENTS: rate('100/10'),
  RATE_DOC_MESSAGES: rate('500/10'),
  RATE_DOC_BYTES: rate(`${8 * 1024 * 1024}/60`),
  /**
   * Who runs this board (the data controller), for the privacy notice and the accessibility
   * statement: a name, and how to reach them (an e-mail address, a phone number or a web address).
   */
  OPERATOR_NAME: optionalText(200),
  OPERATOR_CONTACT: optionalText(300),
});

export interface RateLimitConfig {
  boardCreate: Rate;
  joinPerAddress: Rate;
  joinPerBoard: Rate;
  upgradePerAddress: Rate;
  sessionEvents: Rate;
  docMessages: Rate;
  docBytes: Rate;
}

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  databaseUrl: string | undefined;
  databaseSchema: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  clientDir: string;
  limits: { yMessageMaxBytes: number; noteTextMax: number; notesPerBoardMax: number };
  compactAfterUpdates: number;
  heartbeatMs: number;
  maxBufferedBytes: number;
  socketBufferMaxBytes: number;
  /** 0: keep boards for ever. */
  retentionDays: number;
  retentionSweepMs: number;
  /** null: the socket's address is the client's. */
  trustProxy: TrustProxy | null;
  rateLimits: RateLimitConfig;
  /** Shown in the privacy notice and the accessibility statement (GET /api/about). */
  operator: { name: string | undefined; contact: string | undefined };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${detail}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    redisUrl: e.REDIS_URL,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    logLevel: e.LOG_LEVEL,
    clientDir: path.resolve(e.CLIENT_DIR),
    limits: {
      yMessageMaxBytes: e.Y_MESSAGE_MAX_BYTES,
      noteTextMax: e.NOTE_TEXT_MAX,
      notesPerBoardMax: e.NOTES_PER_BOARD_MAX,
    },
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    heartbeatMs: e.HEARTBEAT_MS,
    maxBufferedBytes: e.MAX_BUFFERED_BYTES,
    socketBufferMaxBytes: e.SOCKET_BUFFER_MAX_BYTES,
    retentionDays: e.RETENTION_DAYS,
    retentionSweepMs: e.RETENTION_SWEEP_MS,
    trustProxy: e.TRUST_PROXY,
    rateLimits: {
      boardCreate: e.RATE_BOARD_CREATE,
      joinPerAddress: e.RATE_JOIN_PER_ADDRESS,
      joinPerBoard: e.RATE_JOIN_PER_BOARD,
      upgradePerAddress: e.RATE_UPGRADE_PER_ADDRESS,
      sessionEvents: e.RATE_SESSION_EVENTS,
      docMessages: e.RATE_DOC_MESSAGES,
      docBytes: e.RATE_DOC_BYTES,
    },
    operator: { name: e.OPERATOR_NAME, contact: e.OPERATOR_CONTACT },
  };
}
