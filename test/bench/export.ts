import { addGroup, addNote, notesOf, prioritiesOf, setNoteGroup } from '../../shared/boardDoc.js';
import { addAction } from '../../shared/actionPlan.js';
import { connectDoc, createBoard, join, waitFor } from '../support/clients.js';
import { startServer } from '../support/server.js';
import { percentile, writeReport } from './report.js';

/**
 * Export of a large board (issue target: 2,000 notes in under 5 s, streamed, without blocking
 * other boards' live traffic for long). While each export runs, a second board's clients keep
 * typing, and the delivery latency of their edits is measured.
 */
const NOTES = Number(process.env.BENCH_EXPORT_NOTES ?? 2000);

const srv = await startServer({ env: { LOG_LEVEL: 'error' } });
const big = await createBoard(srv.url, { title: 'Bwrdd mawr – ŵ ŷ', language: 'cy' });
const fac = await join(srv.url, big.boardId, big.facilitatorKey, 'Hwylusydd', 'staff');
const writer = connectDoc(srv.url, big.boardId, fac.token);
await writer.synced;
const sections = ['assets', 'goals', 'plan', 'get-going', 'celebrate'];
writer.doc.transact(() => {
  const groups = sections.map((s) => addGroup(writer.doc, s, `Grŵp ${s}`));
  for (let i = 0; i < NOTES; i++) {
    const id = addNote(writer.doc, {
      sectionId: sections[i % 5],
      text: `Nodyn ${i}: gwasanaeth gwell i bawb – â ê î ô û ŵ ŷ`,
      author: fac.authorKey,
    });
    if (i % 3 === 0) setNoteGroup(writer.doc, id, groups[i % 5]);
    if (i < 20) prioritiesOf(writer.doc).push([id]);
    if (i < 50) addAction(writer.doc, { what: `Cam ${i}`, who: 'Tîm', noteIds: [id] });
  }
});
const check = connectDoc(srv.url, big.boardId, fac.token);
await check.synced;
await waitFor(() => notesOf(check.doc).size === NOTES, 'big board stored', 60_000);
check.destroy();

// A second, live board: two people typing while the exports run.
const live = await createBoard(srv.url);
const a = await join(srv.url, live.boardId, live.joinKey, 'A', 'service-user');
const b = await join(srv.url, live.boardId, live.joinKey, 'B', 'staff');
const ca = connectDoc(srv.url, live.boardId, a.token);
const cb = connectDoc(srv.url, live.boardId, b.token);
await Promise.all([ca.synced, cb.synced]);
const note = addNote(ca.doc, { sectionId: 'goals', text: '', author: a.authorKey });
await waitFor(() => notesOf(cb.doc).has(note), 'live note');

const results: Record<string, unknown> = {};
for (const format of ['json', 'md', 'csv', 'docx', 'pdf']) {
  const latencies: number[] = [];
  let typing = true;
  const typist = (async () => {
    const text = () => (notesOf(ca.doc).get(note) as import('yjs').Map<unknown>).get('text') as import('yjs').Text;
    let seq = 0;
    while (typing) {
      const marker = `${format}${seq++};`;
      const sent = performance.now();
      text().insert(text().length, marker);
      await waitFor(
        () => ((notesOf(cb.doc).get(note) as import('yjs').Map<unknown>).get('text') as import('yjs').Text).toString().includes(marker),
        'typed',
        30_000,
      );
      latencies.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const start = performance.now();
  const res = await fetch(`${srv.url}/api/boards/${big.boardId}/export?format=${format}&lang=both`, {
    headers: { authorization: `Bearer ${fac.token}` },
  });
  const bytes = (await res.arrayBuffer()).byteLength;
  const seconds = (performance.now() - start) / 1000;
  typing = false;
  await typist;
  latencies.sort((x, y) => x - y);
  results[format] = {
    status: res.status,
    seconds: Number(seconds.toFixed(2)),
    bytes,
    liveEditLatencyMs: {
      p50: Number(percentile(latencies, 50).toFixed(1)),
      max: Number(latencies.at(-1)!.toFixed(1)),
      samples: latencies.length,
    },
  };
  console.log(format, results[format]);
}
ca.destroy();
cb.destroy();
writer.destroy();
await srv.stop();
writeReport('export', { params: { notes: NOTES, lang: 'both', target: 'under 5 s per format' }, results });
