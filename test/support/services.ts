import { reachable } from './reachable.js';

/**
 * Real Redis and PostgreSQL for the suites that need them: REDIS_URL / DATABASE_URL, or the
 * development machines' local servers. Under CI an unreachable service fails the suite loudly.
 * Elsewhere (a laptop with only Node and npm) the suite is skipped with a warning naming it.
 */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function available(what: string, url: string, hint: string): Promise<boolean> {
  if (await reachable(url)) return true;
  const message = `${what} is not reachable at ${url.replace(/\/\/[^@/]*@/, '//')}: ${hint}.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n!!! SKIPPING ${what} suites. ${message}\n`);
  return false;
}

/** True when the Redis suites should run; throws under CI when Redis cannot be reached. */
export const redisAvailable = () => available('Redis', REDIS_URL, 'start it (redis-server) or set REDIS_URL');

/** PostgreSQL likewise: DATABASE_URL, or the development machines' local server. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const postgresAvailable = () => available('PostgreSQL', DATABASE_URL, 'start it or set DATABASE_URL');

/** A fresh schema name, so parallel suites and repeated runs never share tables. */
export function freshSchema(prefix = 'test'): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
