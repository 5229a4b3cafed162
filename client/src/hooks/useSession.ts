import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { ServerEvents, type AckResult } from '../../../shared/session.js';
import { PresenceLite, WelcomeLite, type MeLite } from '../api.js';
import type { BoardSummary } from '../../../shared/api.js';
import { followPresence } from './presenceFeed.js';

export interface SessionState {
  connected: boolean;
  presence: PresenceLite[] | null;
  me: MeLite | null;
  board: BoardSummary | null;
  docError: string | null;
  clearDocError: () => void;
  /** The server's durable store is failing ('failing') or recovered ('ok'). */
  storage: 'failing' | 'ok' | null;
  /** The live socket.io connection, for features that send their own requests (voting, …). */
  socket: Socket | null;
}

const StorageLite = z.object({ state: z.enum(['failing', 'ok']) });

const REJECTED = new Set(['unauthorized', 'forbidden', 'not-found']);

/** The socket.io session: who is here (presence), who I am, and doc errors the server reports. */
export function useSession(boardId: string, token: string, onAuthRejected: () => void): SessionState {
  const [connected, setConnected] = useState(false);
  const [presence, setPresence] = useState<PresenceLite[] | null>(null);
  const [me, setMe] = useState<MeLite | null>(null);
  const [board, setBoard] = useState<BoardSummary | null>(null);
  const [docError, setDocError] = useState<string | null>(null);
  const [storage, setStorage] = useState<'failing' | 'ok' | null>(null);
  const [socketState, setSocketState] = useState<Socket | null>(null);
  const rejectedRef = useRef(onAuthRejected);
  rejectedRef.current = onAuthRejected;

  useEffect(() => {
    const socket: Socket = io(location.origin, { auth: { boardId, token } });
    setSocketState(socket);
    const sendPresence = () => {
      if (!socket.connected) return;
      socket.emit('presence:set', { status: document.visibilityState === 'hidden' ? 'away' : 'online' }, () => {});
    };
    socket.on('connect', () => {
      setConnected(true);
      socket.timeout(10_000).emit('session:hello', {}, (err: Error | null, ack: AckResult<unknown>) => {
        if (err || !ack) return;
        if (ack.ok) {
          const parsed = WelcomeLite.safeParse(ack.data);
          if (parsed.success) {
            setMe(parsed.data.me);
            setBoard(parsed.data.board);
          }
        } else if (REJECTED.has(ack.error.code)) {
          rejectedRef.current();
        }
      });
      if (document.visibilityState === 'hidden') sendPresence();
    });
    socket.on('disconnect', () => setConnected(false));
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      setConnected(false);
      const code = err.data?.code ?? err.message;
      if (REJECTED.has(code)) rejectedRef.current();
    });
    // The list is asked for on every connect; changes follow (shared with useFacilitation).
    const stopPresence = followPresence(socket, PresenceLite, setPresence);
    socket.on('doc:error', (payload: unknown) => {
      const parsed = ServerEvents['doc:error'].payload.safeParse(payload);
      if (parsed.success) setDocError(parsed.data.code);
    });
    socket.on('doc:storage', (payload: unknown) => {
      const parsed = StorageLite.safeParse(payload);
      if (parsed.success) setStorage(parsed.data.state);
    });
    document.addEventListener('visibilitychange', sendPresence);
    return () => {
      document.removeEventListener('visibilitychange', sendPresence);
      stopPresence();
      socket.disconnect();
      setSocketState(null);
    };
  }, [boardId, token]);

  return { connected, presence, me, board, docError, clearDocError: () => setDocError(null), storage, socket: socketState };
}
