import type * as Y from 'yjs';
import type { DocRegistry } from '../yjs/docRegistry.js';

/** Reads a board's live doc: loads it (or reuses the open one), runs `read`, and lets it go. */
export async function readDoc<T>(registry: Pick<DocRegistry, 'acquire' | 'release'>, boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
  const live = await registry.acquire(boardId);
  try {
    return read(live.doc);
  } finally {
    registry.release(live);
  }
}
