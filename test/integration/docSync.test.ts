import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { addNote, getNoteText, listNotes, listSections, notesInSection } from '../../shared/boardDoc.js';
import { applyTextChange } from '../../shared/textDiff.js';
import { connectDoc, connectSession, createBoard, join, tryUpgrade, waitFor, type DocClient } from '../support/clients.js';
import { startServer, type RunningServer } from '../support/server.js';

let srv: RunningServer;
const open: DocClient[] = [];
const doc = (boardId: string, token: string) => {
  const c = connectDoc(srv.url, boardId, token);
  open.push(c);
  return c;
};
const wsUrl = (boardId: string, token?: string) =>
  `${srv.url.replace('http', 'ws')}/yjs/${boardId}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

beforeAll(async () => {
  srv = await startServer({ env: { NOTES_PER_BOARD_MAX: '8', NOTE_TEXT_MAX: '200', Y_MESSAGE_MAX_BYTES: String(64 * 1024) } });
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await srv?.stop();
});

async function boardWithTwo() {
  const b = await createBoard(srv.url);
  const fac = await join(srv.url, b.boardId, b.facilitatorKey, 'Facilitator', 'staff');
  const p = await join(srv.url, b.boardId, b.joinKey, 'Rhian', 'service-user');
  return { b, fac, p };
}

/** Opens a raw y-websocket connection, waits for the server's first frame, and reports how it closes. */
function rawConnection(url: string) {
  const ws = new WebSocket(url);
  const opened = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => {});
  return { ws, opened, closed };
}

describe('doc sync over the y-websocket protocol', () => {
  it('loads the template sections for a new board', async () => {
    const { b, p } = await boardWithTwo();
    const c = doc(b.boardId, p.token);
    await c.synced;
    expect(listSections(c.doc).map((s) => s.title.en)).toEqual([
      'Map our assets',
      'Shared goals',
      'Plan together',
      'Get going!',
      'Celebrate, value, share',
    ]);
  });

  it('two clients converge on concurrent edits, including the same note’s text', async () => {
    const { b, fac, p } = await boardWithTwo();
    const one = doc(b.boardId, fac.token);
    const two = doc(b.boardId, p.token);
    await Promise.all([one.synced, two.synced]);

    const shared = addNote(one.doc, { sectionId: 'goals', text: 'Lifts to appointments', author: fac.authorKey });
    await waitFor(
      () => getNoteText(two.doc, shared) !== null && getNoteText(two.doc, shared)!.toString() !== '',
      'note reaches client two',
    );

    // Both type into the same note at the same moment, and each adds a note of their own.
    applyTextChange(getNoteText(one.doc, shared)!, 'Free lifts to appointments');
    applyTextChange(getNoteText(two.doc, shared)!, 'Lifts to appointments and home');
    addNote(one.doc, { sectionId: 'assets', text: 'Volunteer drivers', author: fac.authorKey });
    addNote(two.doc, { sectionId: 'assets', text: 'Community bus', author: p.authorKey });

    const state = (d: Y.Doc) => JSON.stringify(listNotes(d));
    await waitFor(() => listNotes(one.doc).length === 3 && state(one.doc) === state(two.doc), 'both docs converge');
    expect(getNoteText(one.doc, shared)!.toString()).toBe('Free lifts to appointments and home');
    expect(
      notesInSection(two.doc, 'assets')
        .map((n) => n.text)
        .sort(),
    ).toEqual(['Community bus', 'Volunteer drivers']);

    // A third person joining later gets the whole board.
    const late = await join(srv.url, b.boardId, b.joinKey, 'Dewi', 'family-carer');
    const three = doc(b.boardId, late.token);
    await three.synced;
    expect(state(three.doc)).toBe(state(one.doc));
  });

  it('refuses a missing or wrong token during the upgrade, before any document byte', async () => {
    const { b, p } = await boardWithTwo();
    expect(await tryUpgrade(wsUrl(b.boardId))).toEqual({ status: 401, received: 0 });
    expect(await tryUpgrade(wsUrl(b.boardId, 'not-a-token'))).toEqual({ status: 401, received: 0 });
    expect(await tryUpgrade(wsUrl('no-such-board', p.token))).toEqual({ status: 404, received: 0 });
    // A token from another board is no good here either.
    const other = await boardWithTwo();
    expect(await tryUpgrade(wsUrl(b.boardId, other.p.token))).toEqual({ status: 401, received: 0 });
    expect((await tryUpgrade(wsUrl(b.boardId, p.token))).status).toBe('open');
  });

  it('closes only the connection that sends an oversized message or random bytes', async () => {
    const { b, fac, p } = await boardWithTwo();
    const good = doc(b.boardId, fac.token);
    const watcher = doc(b.boardId, p.token);
    await Promise.all([good.synced, watcher.synced]);

    const big = rawConnection(wsUrl(b.boardId, p.token));
    await big.opened;
    big.ws.send(Buffer.alloc(65 * 1024, 1));
    expect((await big.closed).code).toBe(1009);

    const junk = rawConnection(wsUrl(b.boardId, p.token));
    await junk.opened;
    junk.ws.send(Buffer.from([0xff, 0x13, 0x37, 0x00, 0x42, 0x99, 0x01]));
    expect(await junk.closed).toEqual({ code: 4400, reason: 'malformed-message' });

    const text = rawConnection(wsUrl(b.boardId, p.token));
    await text.opened;
    text.ws.send('{"hello": "world"}');
    expect((await text.closed).code).toBe(4400);

    // A truncated sync update (valid header, broken body).
    const broken = rawConnection(wsUrl(b.boardId, p.token));
    await broken.opened;
    broken.ws.send(Buffer.from([0, 2, 40, 1, 2, 3]));
    expect((await broken.closed).code).toBe(4400);

    // The others carry on as if nothing happened.
    expect(good.provider.wsconnected && watcher.provider.wsconnected).toBe(true);
    addNote(good.doc, { sectionId: 'plan', text: 'Still working', author: fac.authorKey });
    await waitFor(() => notesInSection(watcher.doc, 'plan').some((n) => n.text === 'Still working'), 'edit after junk');
    const health = await fetch(`${srv.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('reverts a note over the length limit, tells the sender why, and keeps everyone else clean', async () => {
    const { b, fac, p } = await boardWithTwo();
    const watcher = doc(b.boardId, fac.token);
    const sender = doc(b.boardId, p.token);
    const session = connectSession(srv.url, b.boardId, p.token);
    const told = new Promise<{ code: string; message: string }>((resolve) => session.once('doc:error', resolve));
    await new Promise<void>((resolve) => session.once('connect', () => resolve()));
    await Promise.all([watcher.synced, sender.synced]);

    const ok = addNote(sender.doc, { sectionId: 'goals', text: 'Short and fine', author: p.authorKey });
    await waitFor(() => getNoteText(watcher.doc, ok)?.toString() === 'Short and fine', 'valid note arrives');

    const closed = new Promise<number>((resolve) =>
      sender.provider.once('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)),
    );
    applyTextChange(getNoteText(sender.doc, ok)!, 'x'.repeat(201));
    expect(await closed).toBe(4522);
    expect(await told).toMatchObject({ code: 'note-too-long' });
    session.close();

    // The sender reconnects by itself and converges on the server's state: the long text is gone.
    await waitFor(() => getNoteText(sender.doc, ok)?.toString() === 'Short and fine', 'sender converges after revert', 15_000);
    expect(getNoteText(watcher.doc, ok)?.toString()).toBe('Short and fine');
    const fresh = doc(b.boardId, fac.token);
    await fresh.synced;
    expect(getNoteText(fresh.doc, ok)?.toString()).toBe('Short and fine');
  });

  it('refuses notes beyond the per-board limit', async () => {
    const { b, fac, p } = await boardWithTwo();
    const watcher = doc(b.boardId, fac.token);
    const sender = doc(b.boardId, p.token);
    await Promise.all([watcher.synced, sender.synced]);
    for (let i = 0; i < 8; i++) addNote(sender.doc, { sectionId: 'goals', text: `note ${i}`, author: p.authorKey });
    await waitFor(() => listNotes(watcher.doc).length === 8, 'eight notes arrive');
    const closed = new Promise<number>((resolve) =>
      sender.provider.once('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)),
    );
    addNote(sender.doc, { sectionId: 'goals', text: 'one too many', author: p.authorKey });
    expect(await closed).toBe(4529);
    await waitFor(() => listNotes(sender.doc).length === 8, 'sender converges to eight', 15_000);
    const fresh = doc(b.boardId, fac.token);
    await fresh.synced;
    expect(listNotes(fresh.doc).map((n) => n.text)).not.toContain('one too many');
    expect(listNotes(fresh.doc)).toHaveLength(8);
  });

  it('relays awareness (who is looking where) between clients', async () => {
    const { b, fac, p } = await boardWithTwo();
    const one = doc(b.boardId, fac.token);
    const two = doc(b.boardId, p.token);
    await Promise.all([one.synced, two.synced]);
    one.provider.awareness.setLocalStateField('focus', 'goals');
    await waitFor(
      () => [...two.provider.awareness.getStates().values()].some((s) => s.focus === 'goals'),
      'awareness state reaches client two',
    );
  });
});

describe('connection lifecycle', () => {
  const openDocs = async () => Number(/^codesign_open_docs (\d+)/m.exec(await (await fetch(`${srv.url}/metrics`)).text())?.[1]);

  it('unloads a board when its last connection leaves, and loads it again intact', async () => {
    const { b, p } = await boardWithTwo();
    const c = doc(b.boardId, p.token);
    await c.synced;
    addNote(c.doc, { sectionId: 'goals', text: 'kept after unload', author: p.authorKey });
    const before = await openDocs();
    expect(before).toBeGreaterThanOrEqual(1);
    c.provider.disconnect();
    await waitFor(async () => (await openDocs()) === before - 1, 'board unloaded');
    const again = doc(b.boardId, p.token);
    await again.synced;
    expect(listNotes(again.doc).map((n) => n.text)).toEqual(['kept after unload']);
  });

  it('closes a connection that stops answering the heartbeat', async () => {
    const quick = await startServer({ env: { HEARTBEAT_MS: '150' } });
    try {
      const b = await createBoard(quick.url);
      const p = await join(quick.url, b.boardId, b.joinKey);
      const url = `${quick.url.replace('http', 'ws')}/yjs/${b.boardId}?token=${p.token}`;
      const silent = new WebSocket(url, { autoPong: false });
      const lively = new WebSocket(url);
      const silentClosed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
      let livelyClosed = false;
      lively.once('close', () => (livelyClosed = true));
      expect(await silentClosed).toBe(1006); // terminated without a closing handshake
      expect(livelyClosed).toBe(false);
      lively.close();
    } finally {
      await quick.stop();
    }
  });
});
