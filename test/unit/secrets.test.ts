import { describe, expect, it } from 'vitest';
import { hashSecret, newPublicId, newSecret, secretMatches } from '../../server/auth/secrets.js';

describe('secrets', () => {
  it('makes secrets of at least 128 random bits, all different', () => {
    const secrets = Array.from({ length: 200 }, newSecret);
    expect(new Set(secrets).size).toBe(200);
    for (const s of secrets) expect(Buffer.from(s, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(Buffer.from(newPublicId(), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  });

  it('stores a hash that does not contain the secret and matches only the secret', () => {
    const s = newSecret();
    const h = hashSecret(s);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(s);
    expect(secretMatches(s, h)).toBe(true);
    expect(secretMatches(s + 'x', h)).toBe(false);
    expect(secretMatches('', h)).toBe(false);
    expect(secretMatches(s, 'not-a-hash')).toBe(false);
  });
});
