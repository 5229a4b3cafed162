import path from 'node:path';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import type { Config } from './config.js';
import type { ReadinessCheck } from './http/app.js';
import type { Logger } from './logger.js';
import type { Bus } from './scale/bus.js';
import { MemoryBus } from './scale/memoryBus.js';
import { RedisBus, type RedisConnection } from './scale/redisBus.js';
import { RedisPresence } from './scale/redisPresence.js';
import { MemoryPresence, type Presence } from './session/presence.js';
import { PgStore } from './store/pgStore.js';
import { SqliteStore } from './store/sqliteStore.js';
import type { BoardStore } from './store/types.js';
import type { BallotBox } from './votes/ballotBox.js';
import { RedisBallotBox } from './votes/redisBallotBox.js';
import { SqliteBallotBox } from './votes/sqliteBallotBox.js';

/**
 * The one place that picks what the server runs on, from the config:
 *
 *   part          one process (default)          scaled (DATABASE_URL + REDIS_URL)
 *   store         SQLite under DATA_DIR          PostgreSQL
 *   ballot box    the SQLite database            Redis (Lua script)
 *   bus           memory (nothing to carry)      Redis Streams + pub/sub
 *   presence      memory                         Redis hash with expiry
 *   socket.io     its in-memory adapter          the Redis streams adapter
 *   rate limits   memory                         Redis (per address, per board)
 *
 * REDIS_URL alone (with SQLite) is allowed too: ballots, presence and fan-out in Redis.
 */
export interface Backends {
  store: BoardStore;
  ballotBox: BallotBox;
  bus: Bus;
  presence: Presence;
  readiness: ReadinessCheck[];
  /** The scaled deployment's Redis connection for the shared rate limits; null: limits in this process. */
  limitsRedis: RedisConnection | null;
  /** Puts socket.io on the adapter that reaches every instance (nothing to do in one process). */
  attachSocketAdapter(io: Server): Promise<void>;
  close(): Promise<void>;
}

/** `store`: use this durable store instead of the configured one (tests inject a failing one). */
export async function createBackends(config: Config, log: Logger, given: { store?: BoardStore } = {}): Promise<Backends> {
  const store =
    given.store ??
    (config.databaseUrl
      ? await PgStore.open(config.databaseUrl, { schema: config.databaseSchema })
      : new SqliteStore(path.join(config.dataDir, 'boards.sqlite')));
  const ballotBox = await openBallotBox(config, store);
  const redisBus = config.redisUrl ? await RedisBus.connect(config.redisUrl, log) : null;
  const bus: Bus = redisBus ?? new MemoryBus();
  const presence: Presence = redisBus ? new RedisPresence(redisBus.client) : new MemoryPresence();
  const readiness: ReadinessCheck[] = [{ name: store.kind, check: () => store.ping() }];
  if (redisBus) readiness.push({ name: 'redis', check: () => redisBus.ping() });
  let adapterClient: ReturnType<typeof createClient> | undefined;

  return {
    store,
    ballotBox,
    bus,
    presence,
    readiness,
    // Only with PostgreSQL too: with SQLite each instance is its own deployment.
    limitsRedis: redisBus && config.databaseUrl ? redisBus.client : null,
    async attachSocketAdapter(io) {
      if (!config.redisUrl) return;
      // socket.io's own Redis connection: the streams adapter reads with blocking calls.
      adapterClient = createClient({ url: config.redisUrl });
      adapterClient.on('error', () => {});
      await adapterClient.connect();
      io.adapter(createAdapter(adapterClient));
    },
    async close() {
      await presence.close();
      await bus.close();
      if (adapterClient?.isOpen) await adapterClient.quit().catch(() => {});
      await ballotBox.close();
      await store.close();
    },
  };
}

/** Ballots live in Redis when REDIS_URL is set (the budget then holds across instances), else in the embedded database. */
async function openBallotBox(config: Config, store: BoardStore): Promise<BallotBox> {
  if (config.redisUrl) return RedisBallotBox.connect(config.redisUrl);
  if (store instanceof SqliteStore) return new SqliteBallotBox(store.database);
  throw new Error('Set REDIS_URL: ballots need Redis when the durable store is not the embedded one.');
}
