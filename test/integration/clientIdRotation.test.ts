import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeFreshClientId } from '../../client/src/board/clientId.js';
import { connectDoc, createBoard, join, waitFor } from '../support/clients.js';
import { startServer, type RunningServer } from '../support/server.js';

/**
 * When anonymity is switched the board client takes a fresh Yjs client id (board/clientId.ts).
 * With the real server and the real y-websocket client: the person's awareness moves to the new
 * id for everyone, and a reconnect afterwards opens without error (y-websocket announces under
 * the doc's id; an id awareness had never seen made its open handler throw on every reconnect).
 */
let srv: RunningServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv?.stop();
});

describe('a fresh client id', () => {
  it('moves awareness to the new id, and a reconnect afterwards opens cleanly', async () => {
    const b = await createBoard(srv.url);
    const rhian = await join(srv.url, b.boardId, b.joinKey, 'Rhian');
    const observer = await join(srv.url, b.boardId, b.joinKey, 'Observer');
    const a = connectDoc(srv.url, b.boardId, rhian.token);
    const o = connectDoc(srv.url, b.boardId, observer.token);
    await Promise.all([a.synced, o.synced]);
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    try {
      a.provider.awareness.setLocalStateField('writing', 'note-1');
      const before = a.doc.clientID;
      await waitFor(() => o.provider.awareness.getStates().get(before)?.writing === 'note-1', 'first id seen', 10_000);

      const id = takeFreshClientId(a.doc, a.provider.awareness);
      expect(a.doc.clientID).toBe(id);
      expect(a.provider.awareness.clientID).toBe(id);
      await waitFor(() => o.provider.awareness.getStates().get(id)?.writing === 'note-1', 'new id seen', 10_000);
      await waitFor(() => !o.provider.awareness.getStates().has(before), 'old id gone', 10_000);

      // Reconnect: y-websocket's onopen announces awareness under doc.clientID.
      a.provider.disconnect();
      await waitFor(() => !o.provider.awareness.getStates().has(id), 'gone while away', 40_000);
      // Its open handler runs to the end (it throws before 'connected' with an unknown id)...
      const connected = new Promise<void>((resolve) =>
        a.provider.on('status', ({ status }: { status: string }) => status === 'connected' && resolve()),
      );
      a.provider.connect();
      await connected;
      // ...and the person's next change is seen under the new id.
      a.provider.awareness.setLocalStateField('writing', 'note-2');
      await waitFor(() => o.provider.awareness.getStates().get(id)?.writing === 'note-2', 'seen again', 10_000);
      expect(errors).toEqual([]);
    } finally {
      process.off('uncaughtException', onError);
      a.destroy();
      o.destroy();
    }
  }, 90_000);
});
