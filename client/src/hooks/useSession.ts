import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Me, PresenceEntry } from '../../../shared/session.js';
import type { BoardSummary } from '../../../shared/api.js';
import { request, subscribe } from '../session/sessionClient.js';
import { followPresence } from './presenceFeed.js';

export interface SessionState {
  connected: boolean;
  presence: PresenceEntry[] | null;
  me: Me | null;
  board: BoardSummary | null;
  docError: string | null;
  clearDocError: () => void;
  /** The server's durable store is failing ('failing') or recovered ('ok'). */
  storage: 'failing' | 'ok' | null;
  /** The live socket.io connection, for features that send their own requests (voting, …). */
  socket: Socket | null;
}

const REJECTED = new Set(['unauthorized', 'forbidden', 'not-found']);

/** The socket.io session: who is here (presence), who I am, and doc errors the server reports. */
export function useSession(boardId: string, token: string, onAuthRejected: () => void): SessionState {
  const [connected, setConnected] = useState(false);
  const [presence, setPresence] = useState<PresenceEntry[] | null>(null);
  const [me, setMe] = useState<Me | null>(null);
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
      void request(socket, 'presence:set', { status: document.visibilityState === 'hidden' ? 'away' : 'online' });
    };
    socket.on('connect', () => {
      setConnected(true);
      void request(socket, 'session:hello', {}).then((answer) => {
        if (answer.ok) {
          setMe(answer.data.me);
          setBoard(answer.data.board);
        } else if (REJECTED.has(answer.code)) {
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
    const stopPresence = followPresence(socket, setPresence);
    const stopDocError = subscribe(socket, 'doc:error', (payload) => setDocError(payload.code));
    const stopStorage = subscribe(socket, 'doc:storage', (payload) => setStorage(payload.state));
    document.addEventListener('visibilitychange', sendPresence);
    return () => {
      document.removeEventListener('visibilitychange', sendPresence);
      stopPresence();
      stopDocError();
      stopStorage();
      socket.disconnect();
      setSocketState(null);
    };
  }, [boardId, token]);

  return { connected, presence, me, board, docError, clearDocError: () => setDocError(null), storage, socket: socketState };
}
