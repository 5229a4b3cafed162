import { describe, expect, it } from 'vitest';
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
