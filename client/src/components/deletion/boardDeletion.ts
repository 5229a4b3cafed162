import * as z from 'zod/mini';
import { BoardRetention, BoardSummary } from '../../../../shared/api.js';
import { ApiRequestError } from '../../api.js';
import { clearIdentity } from '../../identity.js';

/**
 * Deleting a board from the client, and forgetting it on this device: the stored identity (its
 * token), the offline copy of the doc (y-indexeddb keeps it in the IndexedDB database
 * `codesign-<boardId>`, see hooks/useBoardConnection.ts) and a one-time message for the start page.
 */
export type DeletionReason = 'deleted' | 'retention';

const MeWithRetention = z.object({ board: BoardSummary, retention: z.optional(BoardRetention) });
export type BoardAndRetention = z.infer<typeof MeWithRetention>;

const enc = encodeURIComponent;

/** The board's title and when it will be deleted (GET /me). */
export async function fetchRetention(boardId: string, token: string): Promise<BoardAndRetention> {
  const res = await fetch(`/api/boards/${enc(boardId)}/me`, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (!res.ok) throw new ApiRequestError(res.status, `http-${res.status}`, res.statusText);
  return MeWithRetention.parse(await res.json());
}

/** DELETE /api/boards/:id with the facilitator's token; resolves once the server has deleted it (or it was gone already). */
export async function deleteBoard(boardId: string, token: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/boards/${enc(boardId)}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiRequestError(0, 'network', 'The server could not be reached.');
  }
  if (res.status === 204 || res.status === 404) return;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  throw new ApiRequestError(res.status, body?.error?.code ?? `http-${res.status}`, body?.error?.message ?? res.statusText);
}

/** Deletes this device's offline copy of a board's doc (when no connection holds it open). */
export function deleteOfflineCopy(boardId: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      const req = indexedDB.deleteDatabase(`codesign-${boardId}`);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    } catch {
      resolve(); // no IndexedDB (private mode): nothing was kept
    }
  });
}

const FLASH_KEY = 'codesign:deleted-board';

/**
 * Everything this device holds of the board, forgotten. With `flash` the start page says, once,
 * which board was deleted (for the facilitator who deleted it and is sent there).
 */
export async function forgetBoardOnDevice(boardId: string, flash?: { reason: DeletionReason; title: string | null }): Promise<void> {
  clearIdentity(boardId);
  if (flash) {
    try {
      sessionStorage.setItem(FLASH_KEY, JSON.stringify(flash));
    } catch {
      // Private mode: the start page simply says nothing.
    }
  }
  await deleteOfflineCopy(boardId);
}

/** The message the start page shows once after a board was deleted, then forgets. */
export function takeDeletedFlash(): { reason: DeletionReason; title: string | null } | null {
  try {
    const raw = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    if (!raw) return null;
    const parsed = z.object({ reason: z.enum(['deleted', 'retention']), title: z.nullable(z.string()) }).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
