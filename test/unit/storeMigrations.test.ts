import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, stepsFor } from '../../server/store/migrations.js';

/**
 * A database knows only how many of its dialect's steps it has run, so a step that has shipped
 * must never change, move or go. New migrations go at the end; this test needs no edit for them.
 */
const SHIPPED = {
  sqlite: [
    [1, 'd7c27dc3f3140908'],
    [2, '0d35652e30bfde4d'],
    [3, 'e4e798dab3044c9d'],
    [4, 'b47424499eb2cfa6'],
    [5, 'd425986abfb7f240'],
  ],
  postgres: [
    [4, '3d94d227e39bf0d9'],
    [5, 'd425986abfb7f240'],
  ],
} as const;

const fingerprint = (sql: string) => createHash('sha256').update(sql).digest('hex').slice(0, 16);

describe('the migration history', () => {
  it('numbers migrations 1, 2, 3, … in order', () => {
    expect(MIGRATIONS.map((m) => m.id)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  for (const dialect of ['sqlite', 'postgres'] as const) {
    it(`keeps the ${dialect} steps that have shipped exactly as they were`, () => {
      const shipped = stepsFor(dialect).slice(0, SHIPPED[dialect].length);
      expect(shipped.map((s) => [s.id, fingerprint(s.sql)])).toEqual(SHIPPED[dialect]);
    });
  }
});
