import { afterEach, describe, expect, it } from 'vitest';
import { addNote, getNoteText, listNotes, moveNote, notesInSection } from '../../shared/boardDoc.js';
import { applyTextChange } from '../../shared/textDiff.js';
import { connectDoc, createBoard, join, waitFor, type DocClient } from '../support/clients.js';
import { startServer, tempDataDir, type RunningServer } from '../support/server.js';

const servers: RunningServer[] = [];
const clients: DocClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.kill();
});
async function start(dataDir: string, env: Record<string, string> = {}) {
  const s = await startServer({ dataDir, env });
  servers.push(s);
  return s;
}
function client(srv: RunningServer, boardId: string, token: string) {
  const c = connectDoc(srv.url, boardId, token);
  clients.push(c);
  return c;
}
const snapshot = (c: DocClient) => JSON.stringify(listNotes(c.doc));

describe('durability', () => {
  it('keeps everything across a graceful restart of the server process', async () => {
    const dataDir = tempDataDir();
    let srv = await start(dataDir);
    const b = await createBoard(srv.url, { template: 'improvement-cymru', language: 'cy' });
    const p = await join(srv.url, b.boardId, b.joinKey, 'Gwen', 'family-carer');
    const c = client(srv, b.boardId, p.token);
    await c.synced;
    const n1 = addNote(c.doc, { sectionId: 'objectives', text: 'Gwell cludiant i’r ganolfan ddydd', author: p.authorKey });
    const n2 = addNote(c.doc, { sectionId: 'engage', text: 'Ask carers at the Tuesday group', author: p.authorKey, colour: 'green' });
    moveNote(c.doc, n2, 'stakeholders');
    applyTextChange(getNoteText(c.doc, n1)!, 'Gwell cludiant i’r ganolfan ddydd – ŵyr ac ŷd');
    const watcher = client(srv, b.boardId, (await join(srv.url, b.boardId, b.joinKey, 'W', 'staff')).token);
    await watcher.synced;
    await waitFor(() => snapshot(watcher) === snapshot(c), 'edits accepted');
    const before = snapshot(c);

    await srv.stop();
    servers.pop();
    srv = await start(dataDir);
    const after = client(srv, b.boardId, p.token); // the same token still works after a restart
    await after.synced;
    expect(snapshot(after)).toBe(before);
    expect(notesInSection(after.doc, 'stakeholders').map((n) => n.colour)).toEqual(['green']);
  });

  it('keeps all 200 edits of a burst when the server is killed with SIGKILL right after', async () => {
    const dataDir = tempDataDir();
    // A low compaction threshold makes compaction run during the burst too.
    let srv = await start(dataDir, { COMPACT_AFTER_UPDATES: '40' });
    const b = await createBoard(srv.url);
    const writer = await join(srv.url, b.boardId, b.joinKey, 'Writer', 'service-user');
    const reader = await join(srv.url, b.boardId, b.joinKey, 'Reader', 'staff');
    const w = client(srv, b.boardId, writer.token);
    const r = client(srv, b.boardId, reader.token);
    await Promise.all([w.synced, r.synced]);

    // 200 separate edits: 100 new notes and 100 text edits, each its own update message.
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      ids.push(addNote(w.doc, { sectionId: 'goals', text: `idea ${i}`, author: writer.authorKey }));
      applyTextChange(getNoteText(w.doc, ids[i])!, `idea ${i} (edited)`);
    }
    // The server broadcasts an update only after it is in the durable log, so once the reader
    // has seen every edit, each one has been accepted. Kill at that very moment.
    await waitFor(() => listNotes(r.doc).filter((n) => n.text.endsWith('(edited)')).length === 100, 'reader sees all 200 edits', 20_000);
    await srv.kill();
    servers.pop();

    srv = await start(dataDir);
    const check = client(srv, b.boardId, reader.token);
    await check.synced;
    const notes = listNotes(check.doc);
    expect(notes).toHaveLength(100);
    expect(new Set(notes.map((n) => n.text))).toEqual(new Set(ids.map((_, i) => `idea ${i} (edited)`)));
  });
});
