import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { applyTextChange } from '../../shared/textDiff.js';

function pair(initial: string) {
  const a = new Y.Doc();
  a.getText('t').insert(0, initial);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b] as const;
}
const sync = (x: Y.Doc, y: Y.Doc) => {
  Y.applyUpdate(x, Y.encodeStateAsUpdate(y));
  Y.applyUpdate(y, Y.encodeStateAsUpdate(x));
};

describe('applyTextChange', () => {
  it('turns a whole-value change into a minimal splice', () => {
    const [a] = pair('We need better transport');
    let ops = 0;
    a.getText('t').observe((e) => (ops = e.delta.length));
    applyTextChange(a.getText('t'), 'We need much better transport');
    expect(a.getText('t').toString()).toBe('We need much better transport');
    expect(ops).toBe(2); // retain + insert: nothing else touched
  });

  it('keeps both people’s words when they type in the same note at once', () => {
    const [a, b] = pair('Lifts to appointments');
    applyTextChange(a.getText('t'), 'Free lifts to appointments');
    applyTextChange(b.getText('t'), 'Lifts to appointments and home');
    sync(a, b);
    expect(a.getText('t').toString()).toBe('Free lifts to appointments and home');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });

  it('handles deletion, replacement and Welsh characters', () => {
    const [a] = pair('Gwasanaeth dydd');
    applyTextChange(a.getText('t'), 'Gwasanaeth ŵyr ac ŷd');
    expect(a.getText('t').toString()).toBe('Gwasanaeth ŵyr ac ŷd');
    applyTextChange(a.getText('t'), '');
    expect(a.getText('t').toString()).toBe('');
  });
});

describe('applyTextChange with emoji (found by the convergence fuzz)', () => {
  it('never splits a surrogate pair, so every copy keeps the same emoji', () => {
    const cases: [string, string][] = [
      ['hi 👩 there', 'hi 👨 there'], // same first half
      ['👍🏽', '👍🏿'], // skin tone: same first three halves
      ['a😀b', 'a😁b'],
      ['😀', ''],
      ['', '🏴󠁧󠁢󠁷󠁬󠁳󠁿'], // the Welsh flag, a tag sequence
      ['Diolch 🏴󠁧󠁢󠁷󠁬󠁳󠁿!', 'Diolch 🏴󠁧󠁢󠁥󠁮󠁧󠁿!'],
      ['x\u{1F600}\u{1F601}y', 'x\u{1F601}\u{1F600}y'],
    ];
    for (const [from, to] of cases) {
      const [a, b] = pair(from);
      const sv = Y.encodeStateVector(a);
      applyTextChange(a.getText('t'), to);
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, sv));
      expect(a.getText('t').toString(), `${from} → ${to}`).toBe(to);
      expect(b.getText('t').toString(), `${from} → ${to}`).toBe(to);
    }
  });
});

describe('applyTextChange, property', () => {
  it('for any two strings of emoji, Welsh, RTL and zero-width text, the editor and everyone else end with the new value', () => {
    const pieces = ['a', 'ŵ', 'ŷ', 'ẁ', 'e\u0301', 'ש', 'م', '\u202e', '\u200b', '\u200d', '👩', '👨', '👍🏽', '👍🏿', '🏴󠁧󠁢󠁷󠁬󠁳󠁿', '😀', ' '];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, text, (from, to) => {
        const [a, b] = pair(from);
        const sv = Y.encodeStateVector(a);
        applyTextChange(a.getText('t'), to);
        Y.applyUpdate(b, Y.encodeStateAsUpdate(a, sv));
        return a.getText('t').toString() === to && b.getText('t').toString() === to;
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 7), numRuns: 2000 },
    );
  });
});
