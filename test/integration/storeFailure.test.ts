import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, listNotes } from '../../shared/boardDoc.js';
import { createBoardServer, type BoardServer } from '../../server/boardServer.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { connectDoc, connectSession, createBoard, join, waitFor, type DocClient } from '../support/clients.js';
import { tempDataDir } from '../support/server.js';

/**
 * The real SQLite store with a switch that makes appends fail, as a full disk or a lost database
 * connection would. The server must hold accepted updates, tell people, retry, and lose nothing.
 */
class FailingAppends extends SqliteStore {
  failing = false;
  attempts = 0;
  override async appendUpdates(boardId: string, updates: Uint8Array[]) {
    this.attempts++;
    if (this.failing) throw new Error('disk full (injected)');
    return super.appendUpdates(boardId, updates);
  }
}

let server: BoardServer | undefined;
const clients: DocClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
});

async function start(store: SqliteStore) {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDataDir(), LOG_LEVEL: 'silent' });
  server = await createBoardServer(config, { store, log: createLogger('silent') });
  const { port } = await server.listen();
  return `http://127.0.0.1:${port}`;
}

describe('when the durable store fails', () => {
  it('holds accepted edits, tells everyone, retries, and keeps every edit once it recovers', async () => {
    const file = path.join(tempDataDir(), 'boards.sqlite');
    const store = new FailingAppends(file);
    const url = await start(store);
    const b = await createBoard(url);
    const alice = await join(url, b.boardId, b.joinKey, 'Alys', 'service-user');
    const bob = await join(url, b.boardId, b.joinKey, 'Bryn', 'staff');
    const a = connectDoc(url, b.boardId, alice.token);
    const other = connectDoc(url, b.boardId, bob.token);
    clients.push(a, other);
    await Promise.all([a.synced, other.synced]);
    const session = connectSession(url, b.boardId, bob.token);
    const storageEvents: string[] = [];
    session.on('doc:storage', (e: { state: string }) => storageEvents.push(e.state));
    await new Promise<void>((resolve) => session.once('connect', () => resolve()));

    store.failing = true;
    addNote(a.doc, { sectionId: 'goals', text: 'Written while the disk was full', author: alice.authorKey });
    await waitFor(() => storageEvents.includes('failing'), 'people are told saving is failing');
    // Not durable yet, so not broadcast yet.
    await waitFor(() => store.attempts >= 2, 'the server retries');
    expect(listNotes(other.doc)).toHaveLength(0);

    store.failing = false;
    await waitFor(() => listNotes(other.doc).length === 1, 'the edit arrives once it is stored', 15_000);
    await waitFor(() => storageEvents.at(-1) === 'ok', 'people are told saving works again');
    session.close();

    // And it really is in the store: a fresh server on the same file has it.
    for (const c of clients.splice(0)) c.destroy();
    await server!.close();
    const url2 = await start(new SqliteStore(file));
    const check = connectDoc(url2, b.boardId, bob.token);
    clients.push(check);
    await check.synced;
    expect(listNotes(check.doc).map((n) => n.text)).toEqual(['Written while the disk was full']);
  });
});
