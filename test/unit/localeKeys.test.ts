import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every Welsh feature file has every key its English file has. Where English has plural forms
 * (_one/_other), Welsh needs all six of Intl.PluralRules('cy'): _zero, _one, _two, _few, _many, _other.
 */
const LOCALES = path.resolve(import.meta.dirname, '../../client/src/locales');
const CY_PLURALS = ['zero', 'one', 'two', 'few', 'many', 'other'];

function flatten(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

function expectedWelshKeys(enKeys: string[]): Set<string> {
  const out = new Set<string>();
  for (const k of enKeys) {
    if (PLURAL.test(k)) for (const form of CY_PLURALS) out.add(k.replace(PLURAL, `_${form}`));
    else out.add(k);
  }
  return out;
}

const files = fs.readdirSync(path.join(LOCALES, 'en')).filter((f) => f.endsWith('.json'));

describe('Welsh translations are complete', () => {
  it('has the same feature files in both languages', () => {
    expect(
      fs
        .readdirSync(path.join(LOCALES, 'cy'))
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual([...files].sort());
  });
  it('has the six Welsh plural forms in the rules this test relies on', () => {
    expect(new Intl.PluralRules('cy').resolvedOptions().pluralCategories.sort()).toEqual([...CY_PLURALS].sort());
  });
  for (const file of files) {
    it(`cy/${file} has every key of en/${file}, with all Welsh plural forms`, () => {
      const en = flatten(JSON.parse(fs.readFileSync(path.join(LOCALES, 'en', file), 'utf8')));
      const cy = new Set(flatten(JSON.parse(fs.readFileSync(path.join(LOCALES, 'cy', file), 'utf8'))));
      const missing = [...expectedWelshKeys(en)].filter((k) => !cy.has(k));
      expect(missing).toEqual([]);
    });
  }
});
