import path from 'node:path';
import type { Config } from '../config.js';
import { SqliteStore } from './sqliteStore.js';
import type { BoardStore } from './types.js';

/** Picks the durable store from configuration. PostgreSQL (DATABASE_URL) arrives with scale-out. */
export function createStore(config: Config): BoardStore {
  return new SqliteStore(path.join(config.dataDir, 'boards.sqlite'));
}
