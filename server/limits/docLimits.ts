import type { Limit } from './limiters.js';

/**
 * Document (y-sync) messages and bytes per person on this instance: a flood of small messages
 * and a trickle of huge ones both run out. Over budget, the connection is closed (4530
 * rate-limited) and upgrades for the same person are refused with 429 + Retry-After until the
 * window passes, so the y-websocket client's reconnects back off instead of refilling it.
 */
export class DocBudget {
  constructor(
    private readonly messages: Limit,
    private readonly bytes: Limit,
  ) {}

  /** Seconds to wait before this person may connect again, or null. */
  async blocked(key: string): Promise<number | null> {
    const [m, b] = await Promise.all([this.messages.blocked(key), this.bytes.blocked(key)]);
    return m === null && b === null ? null : Math.max(m ?? 0, b ?? 0);
  }

  /** Spends one message of `size` bytes; false when either budget is exceeded. */
  async take(key: string, size: number): Promise<boolean> {
    const [m, b] = await Promise.all([this.messages.take(key), this.bytes.take(key, Math.max(1, size))]);
    return m.allowed && b.allowed;
  }
}
