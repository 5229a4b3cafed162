import { describe, expect, it } from 'vitest';
import { chunkItems, type Chunk } from '../../client/src/board/noteChunks.js';

const items = (ids: string[]) => ids.map((id) => ({ id }));
const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `n${i + from}`);
const keyOf = (chunks: Chunk<{ id: string }>[], id: string) => chunks.find((c) => c.items.some((x) => x.id === id))?.key;
const flat = (chunks: Chunk<{ id: string }>[]) => chunks.flatMap((c) => c.items.map((x) => x.id));

describe('sticky note chunks', () => {
  it('splits a list into chunks of the size, in order', () => {
    const c = chunkItems(items(ids(40)), [], 16);
    expect(c.map((x) => x.items.length)).toEqual([16, 16, 8]);
    expect(flat(c)).toEqual(ids(40));
  });

  it('keeps every note in its chunk when notes are added, deleted or moved around it', () => {
    let list = items(ids(40));
    let c = chunkItems(list, [], 16);
    const before = new Map(list.map((x) => [x.id, keyOf(c, x.id)]));

    // Someone adds a note at the top, and one in the middle.
    list = [{ id: 'top' }, ...list.slice(0, 20), { id: 'mid' }, ...list.slice(20)];
    c = chunkItems(list, c, 16);
    expect(flat(c)).toEqual(list.map((x) => x.id));
    for (const [id, key] of before) expect(keyOf(c, id), id).toBe(key);

    // Someone deletes the first note of the second chunk, and moves note 30 to the top.
    list = list.filter((x) => x.id !== 'n16');
    const moved = list.find((x) => x.id === 'n30')!;
    list = [moved, ...list.filter((x) => x !== moved)];
    c = chunkItems(list, c, 16);
    expect(flat(c)).toEqual(list.map((x) => x.id));
    for (const [id, key] of before) if (id !== 'n16' && id !== 'n30') expect(keyOf(c, id), id).toBe(key);
  });

  it('puts new notes at the end into the last chunk until it is full, then into a new one', () => {
    let c = chunkItems(items(ids(10)), [], 16);
    const first = c[0].key;
    c = chunkItems(items(ids(16)), c, 16);
    expect(c.map((x) => x.key)).toEqual([first]);
    c = chunkItems(items(ids(20)), c, 16);
    expect(c.length).toBe(2);
    expect(c[0].key).toBe(first);
    expect(c[1].items.map((x) => x.id)).toEqual(ids(4, 16));
  });

  it('gives back the same chunk while its notes are the same', () => {
    const list = items(ids(40));
    const a = chunkItems(list, [], 16);
    const b = chunkItems([...list.slice(0, 39), { id: 'new' }], a, 16);
    expect(b[0]).toBe(a[0]);
    expect(b[1]).toBe(a[1]);
    expect(b[2]).not.toBe(a[2]);
  });
});
