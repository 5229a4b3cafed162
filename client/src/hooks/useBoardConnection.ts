import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { groupsOf, notesOf, prioritiesOf } from '../../../shared/boardDoc.js';
import { DOC_CLOSE } from '../../../shared/session.js';

/**
 * connecting    never reached the server yet in this visit
 * connected     connected and in sync
 * reconnecting  lost the server; edits are kept on this device and sent when it is back
 * offline       the device itself is offline
 * stopped       the server closed the connection for a reason that retrying will not fix
 */
export type DocStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'stopped';

export interface BoardConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence;
  undoManager: Y.UndoManager;
}

export interface ConnectionState {
  conn: BoardConnection | null;
  status: DocStatus;
  /** This device's copy (IndexedDB) has loaded. */
  localReady: boolean;
  /** The server's copy has been merged at least once in this visit. */
  synced: boolean;
  /** Reason code when the server closed the doc connection (see shared/session.ts DOC_CLOSE). */
  closeReason: string | null;
  retry: () => void;
  /** Forget this device's copy (including changes the server refused) and load the shared one. */
  resetLocal: () => Promise<void>;
}

/**
 * Whether to reconnect after the server closed the doc connection. The server follows the
 * y-websocket convention (shared/session.ts DOC_CLOSE): 4400-4499 mean reconnecting cannot help
 * (malformed data, removed from the board); 4500-4599 mean reconnect, e.g. a refused change was
 * reverted and reconnecting brings the revert. A message too large (1009) would only be sent
 * again, so that too waits for the person to choose "Start again from the shared copy".
 */
function shouldReconnect(event: CloseEvent): boolean {
  if (event.code === DOC_CLOSE.messageTooLarge.code) return false;
  return !(event.code >= 4400 && event.code < 4500);
}

export function useBoardConnection(boardId: string, token: string, onAuthRejected: () => void): ConnectionState {
  const [conn, setConn] = useState<BoardConnection | null>(null);
  const [wsStatus, setWsStatus] = useState<'connecting' | 'connected' | 'disconnected'>('connecting');
  const [synced, setSynced] = useState(false);
  const [inSync, setInSync] = useState(false);
  const [everConnected, setEverConnected] = useState(false);
  const [localReady, setLocalReady] = useState(false);
  const [closeReason, setCloseReason] = useState<string | null>(null);
  const [online, setOnline] = useState(() => navigator.onLine);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one connection per board and token; onAuthRejected is read once per connection on purpose.
  useEffect(() => {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(`codesign-${boardId}`, doc);
    const provider = new WebsocketProvider(location.origin.replace(/^http/, 'ws') + '/yjs', boardId, doc, {
      params: { token },
      maxBackoffTime: 5000,
      shouldReconnect,
    });
    const undoManager = new Y.UndoManager([notesOf(doc), groupsOf(doc), prioritiesOf(doc)], {
      trackedOrigins: new Set([null]),
      captureTimeout: 600,
    });
    setLocalReady(false);
    setSynced(false);
    setInSync(false);
    setCloseReason(null);
    setWsStatus('connecting');
    void persistence.whenSynced.then(() => setLocalReady(true)).catch(() => setLocalReady(true));
    // An unavailable IndexedDB (private mode) must not keep the board hidden.
    const localTimeout = window.setTimeout(() => setLocalReady(true), 3000);

    provider.on('status', ({ status }) => {
      setWsStatus(status);
      if (status === 'connected') {
        setEverConnected(true);
        setCloseReason(null);
      }
    });
    provider.on('sync', (isSynced: boolean) => {
      setInSync(isSynced);
      if (isSynced) setSynced(true);
    });
    provider.on('connection-close', (event) => {
      if (!event) return;
      if (event.reason) setCloseReason(event.reason);
      if (event.code === DOC_CLOSE.removed.code) onAuthRejected();
    });
    provider.on('closed', ({ reason }) => setCloseReason(reason || 'unknown'));

    setConn({ doc, provider, persistence, undoManager });
    return () => {
      window.clearTimeout(localTimeout);
      undoManager.destroy();
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
      setConn(null);
    };
  }, [boardId, token]);

  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);

  const stopped = conn !== null && !conn.provider.shouldConnect && wsStatus !== 'connected';
  let status: DocStatus;
  if (stopped) status = 'stopped';
  else if (!online) status = 'offline';
  else if (wsStatus === 'connected' && inSync) status = 'connected';
  else status = everConnected ? 'reconnecting' : 'connecting';

  return {
    conn,
    status,
    localReady,
    synced,
    closeReason,
    retry: () => {
      setCloseReason(null);
      conn?.provider.connect();
    },
    resetLocal: async () => {
      if (!conn) return;
      conn.provider.disconnect();
      try {
        await conn.persistence.clearData();
      } finally {
        location.reload();
      }
    },
  };
}
