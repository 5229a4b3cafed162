import { useRef } from 'react';

/**
 * A long list of notes is drawn in chunks of about CHUNK_SIZE notes, and a chunk off screen is
 * not laid out or painted (content-visibility: auto on the chunk, styles/performance.css). One
 * chunk instead of one note as the unit keeps the browser's per-frame work (its visibility
 * observer, paint layers, hit testing) small on a 1,000-note board, while every note stays in
 * the DOM and the accessibility tree.
 *
 * Chunks are sticky: a note stays in its chunk (and so is never re-mounted, which would take
 * the keyboard focus away from someone typing in it) when other notes are added, deleted or
 * moved around it. A new or moved note joins the chunk of the note before it, or starts a new
 * chunk when that one is full.
 */
export const CHUNK_SIZE = 16;

export interface Chunk<T> {
  key: string;
  items: T[];
}

let nextKey = 0;

/**
 * Splits `items` (in order) into sticky chunks, given the previous split. Pure, for tests;
 * useChunks keeps the previous split for a component.
 */
export function chunkItems<T extends { id: string }>(items: readonly T[], prev: ReadonlyArray<Chunk<T>>, size = CHUNK_SIZE): Chunk<T>[] {
  const chunkOf = new Map<string, string>();
  for (const c of prev) for (const it of c.items) chunkOf.set(it.id, c.key);
  // A note is "in place" when a neighbour is in the same chunk (or its chunk had only it).
  const prevSize = new Map(prev.map((c) => [c.key, c.items.length]));
  const placed = items.map((it, i) => {
    const k = chunkOf.get(it.id);
    if (k === undefined) return undefined;
    if (prevSize.get(k) === 1) return k;
    if (chunkOf.get(items[i - 1]?.id ?? '') === k || chunkOf.get(items[i + 1]?.id ?? '') === k) return k;
    return undefined;
  });
  const out: Chunk<T>[] = [];
  const used = new Set<string>();
  let current: Chunk<T> | null = null;
  const start = (key: string) => {
    current = { key, items: [] };
    used.add(key);
    out.push(current);
    return current;
  };
  items.forEach((it, i) => {
    const k = placed[i];
    let c = current as Chunk<T> | null;
    if (k !== undefined && !used.has(k)) c = start(k);
    else if (k !== undefined && c && c.key === k) {
      // still in its chunk
    } else if (!c || (k === undefined && c.items.length >= size)) {
      // A new or moved note: after a full chunk (or before any), a new chunk.
      c = start(`c${nextKey++}`);
    }
    c!.items.push(it);
  });
  // Keep each chunk's array when its items are the same, so React can skip it.
  const prevByKey = new Map(prev.map((c) => [c.key, c]));
  return out.map((c) => {
    const p = prevByKey.get(c.key);
    return p && p.items.length === c.items.length && p.items.every((x, i) => x === c.items[i]) ? p : c;
  });
}

/** Sticky chunks of a list of notes (or anything with an id), for one component. */
export function useChunks<T extends { id: string }>(items: readonly T[], size = CHUNK_SIZE): Chunk<T>[] {
  const ref = useRef<{ items: readonly T[]; chunks: Chunk<T>[] }>({ items: [], chunks: [] });
  if (ref.current.items !== items) ref.current = { items, chunks: chunkItems(items, ref.current.chunks, size) };
  return ref.current.chunks;
}
