import path from 'node:path';
import type { Config } from '../config.js';
import type { BallotBox } from '../votes/ballotBox.js';
import { RedisBallotBox } from '../votes/redisBallotBox.js';
import { SqliteBallotBox } from '../votes/sqliteBallotBox.js';
import { PgStore } from './pgStore.js';
import { SqliteStore } from './sqliteStore.js';
import type { BoardStore } from './types.js';

/** Picks the durable store: PostgreSQL when DATABASE_URL is set, else SQLite under DATA_DIR. */
export async function createStore(config: Config): Promise<BoardStore> {
  if (config.databaseUrl) return PgStore.open(config.databaseUrl, { schema: config.databaseSchema });
  return new SqliteStore(path.join(config.dataDir, 'boards.sqlite'));
}

/** Ballots live in Redis when REDIS_URL is set (the budget then holds across instances), else in the embedded store. */
export async function createBallotBox(config: Config, store: BoardStore): Promise<BallotBox> {
  if (config.redisUrl) return RedisBallotBox.connect(config.redisUrl);
  if (store instanceof SqliteStore) return new SqliteBallotBox(store.database);
  throw new Error('Set REDIS_URL: ballots need Redis when the durable store is not the embedded one.');
}
