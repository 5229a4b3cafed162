import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Capabilities instead of accounts: join keys, facilitator keys and participant tokens are
 * 256-bit random strings. Only their SHA-256 hashes are stored; a stolen database reveals no
 * usable key. A plain hash is enough because the secrets are random, not chosen by people.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Short public ids (boards, participants, author keys): 128 random bits, URL-safe. */
export function newPublicId(): string {
  return randomBytes(16).toString('base64url');
}
