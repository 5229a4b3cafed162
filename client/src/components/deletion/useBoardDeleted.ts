import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
import * as z from 'zod/mini';
import { DOC_CLOSE } from '../../../../shared/session.js';
import type { ConnectionState } from '../../hooks/useBoardConnection.js';
import { forgetBoardOnDevice, type DeletionReason } from './boardDeletion.js';

const Deleted = z.object({ reason: z.enum(['deleted', 'retention']) });

/**
 * The board was deleted: told on the session channel (`board:deleted`) or seen on the doc channel
 * (closed with 4410 board-deleted), whichever comes first. This device's copy is cleared at once:
 * the doc connection and its offline copy (y-indexeddb), and the stored token.
 */
export function useBoardDeleted(boardId: string, socket: Socket | null, connection: ConnectionState): DeletionReason | null {
  const [told, setTold] = useState<DeletionReason | null>(null);
  const closedDeleted = connection.closeReason === DOC_CLOSE.boardDeleted.reason;
  const deleted: DeletionReason | null = told ?? (closedDeleted ? 'deleted' : null);

  useEffect(() => {
    if (!socket) return;
    const handler = (payload: unknown) => {
      const parsed = Deleted.safeParse(payload);
      setTold(parsed.success ? parsed.data.reason : 'deleted');
    };
    socket.on('board:deleted', handler);
    return () => {
      socket.off('board:deleted', handler);
    };
  }, [socket]);

  const conn = connection.conn;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when the board is first known to be deleted.
  useEffect(() => {
    if (!deleted) return;
    conn?.provider.disconnect();
    // y-indexeddb closes its database before deleting it; then the identity and the rest.
    void (conn ? conn.persistence.clearData().catch(() => {}) : Promise.resolve()).then(() => forgetBoardOnDevice(boardId));
  }, [deleted !== null]);

  return deleted;
}
