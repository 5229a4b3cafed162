import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { DocBudget } from './docLimits.js';
import { httpLimits } from './httpLimits.js';
import { Limiters, Refusals } from './limiters.js';
import { UpgradeGate } from './upgradeLimits.js';

export type RateLimits = ReturnType<typeof createRateLimits>;

/**
 * Every rate limit of the server, from config.rateLimits. `redis` is the scaled deployment's
 * command connection: the per-address and per-board budgets are then shared by all instances.
 * Keys carry the database schema, which names one deployment (tests run many on one Redis).
 */
export function createRateLimits(config: Config, deps: { log: Logger; metrics: Metrics; redisClient: unknown | null }) {
  const r = config.rateLimits;
  const redis = deps.redisClient ? { client: deps.redisClient, prefix: `codesign:rl:${config.databaseSchema}:` } : null;
  const limiters = new Limiters(redis, new Refusals(deps.log, deps.metrics));
  return {
    http: httpLimits(
      {
        boardCreate: limiters.shared('board-create', r.boardCreate),
        joinPerAddress: limiters.shared('join-per-address', r.joinPerAddress),
        joinPerBoard: limiters.shared('join-per-board', r.joinPerBoard),
      },
      config.trustProxy,
    ),
    upgrades: new UpgradeGate(limiters.shared('upgrade-per-address', r.upgradePerAddress), config.trustProxy),
    sessionEvents: limiters.local('session-events', r.sessionEvents),
    doc: new DocBudget(limiters.local('doc-messages', r.docMessages), limiters.local('doc-bytes', r.docBytes)),
  };
}
