import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Rate } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

/** The limits by name: the name labels the refusal metric and the log line. */
export type LimitName =
  | 'board-create'
  | 'join-per-address'
  | 'join-per-board'
  | 'upgrade-per-address'
  | 'session-events'
  | 'doc-messages'
  | 'doc-bytes';

/** What a consume said: allowed, or refused with how long until the next try may succeed. */
export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; consumed: number };

/** Whole seconds to wait, at least 1: what Retry-After and the messages carry. */
export const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * One named limit. `take` never throws: a store failure (Redis gone with no fallback) lets the
 * action through, because refusing everyone when Redis blinks would stop every workshop.
 */
export class Limit {
  constructor(
    readonly name: LimitName,
    readonly rate: Rate,
    private readonly limiter: RateLimiterAbstract,
    private readonly refusals: Refusals,
  ) {}

  async take(key: string, points = 1): Promise<Verdict> {
    try {
      await this.limiter.consume(key, points);
      return { allowed: true };
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) {
        this.refusals.storeFailed(this.name, result);
        return { allowed: true };
      }
      const retryAfterSeconds = secondsOf(result.msBeforeNext);
      this.refusals.refused(this.name, key, retryAfterSeconds);
      return { allowed: false, retryAfterSeconds, consumed: result.consumedPoints };
    }
  }

  /** Whether `key` is over its budget now, without spending any of it. */
  async blocked(key: string): Promise<number | null> {
    try {
      const res = await this.limiter.get(key);
      if (!res || res.consumedPoints <= this.rate.points) return null;
      return secondsOf(res.msBeforeNext);
    } catch {
      return null;
    }
  }
}

/**
 * Counts refusals by limit (codesign_rate_limited_total) and logs the first refusal of a key in
 * each window, not every one: a flood must not flood the log too. Keys are addresses, board ids
 * and participant ids, never tokens.
 */
export class Refusals {
  private readonly logged = new Map<string, number>();
  constructor(
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  refused(limit: LimitName, key: string, retryAfterSeconds: number): void {
    this.metrics.rateLimited.inc({ limit });
    const id = `${limit}\u0000${key}`;
    const now = Date.now();
    if ((this.logged.get(id) ?? 0) > now) return;
    if (this.logged.size > 10_000) for (const [k, until] of this.logged) if (until <= now) this.logged.delete(k);
    this.logged.set(id, now + retryAfterSeconds * 1000);
    this.log.warn({ limit, subject: key, retryAfterSeconds }, 'rate limit reached; refusing until the window passes');
  }

  storeFailed(limit: LimitName, err: unknown): void {
    const id = `${limit}\u0000store`;
    const now = Date.now();
    if ((this.logged.get(id) ?? 0) > now) return;
    this.logged.set(id, now + 60_000);
    this.log.warn({ limit, err: String(err) }, 'rate limit store failed; letting requests through');
  }
}

/**
 * Makes the limiters. `shared` limits (per address, per board) live in Redis in the scaled
 * deployment so every instance spends from one budget, with an in-memory stand-in while Redis
 * is unreachable; `local` limits (per person's connections on this instance) stay in memory,
 * since a connection lives on one instance and a Redis round trip per frame would cost latency.
 */
export class Limiters {
  constructor(
    private readonly redis: { client: unknown; prefix: string } | null,
    readonly refusals: Refusals,
  ) {}

  shared(name: LimitName, rate: Rate): Limit {
    const opts = { points: rate.points, duration: rate.seconds, keyPrefix: `${this.redis?.prefix ?? ''}${name}` };
    if (!this.redis) return new Limit(name, rate, new RateLimiterMemory(opts), this.refusals);
    const limiter = new RateLimiterRedis({
      ...opts,
      storeClient: this.redis.client,
      useRedisPackage: true,
      // Do not queue behind a lost connection: answer from memory until Redis is back.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(opts),
      // A key over its budget is refused here without asking Redis, until its window ends.
      inMemoryBlockOnConsumed: rate.points + 1,
    });
    return new Limit(name, rate, limiter, this.refusals);
  }

  local(name: LimitName, rate: Rate): Limit {
    return new Limit(name, rate, new RateLimiterMemory({ points: rate.points, duration: rate.seconds, keyPrefix: name }), this.refusals);
  }
}
