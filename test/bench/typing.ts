import { addNote, getNoteText, notesOf } from '../../shared/boardDoc.js';
import { applyTextChange } from '../../shared/textDiff.js';
import { connectDoc, createBoard, join, waitFor, type DocClient } from '../support/clients.js';
import { startServer } from '../support/server.js';
import { percentile, writeReport } from './report.js';

/**
 * Benchmark (not a test): a workshop-sized board. CLIENTS people on one board; WRITERS of them type
 * into their own notes, one keystroke-sized edit every TYPE_MS; every client observes. Measures
 * the latency from an edit to its arrival at every other client (which includes the durable
 * append the server does before broadcasting), and the server's accepted update rate.
 * Writes bench-results/typing.json.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 30);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 10);
const EDITS_PER_WRITER = Number(process.env.BENCH_EDITS ?? 100);
const TYPE_MS = Number(process.env.BENCH_TYPE_MS ?? 20);

const srv = await startServer({ env: { LOG_LEVEL: 'error' } });
const b = await createBoard(srv.url);
const clients: DocClient[] = [];
const authors: string[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const p = await join(srv.url, b.boardId, b.joinKey, `Person ${i}`, 'service-user');
  const c = connectDoc(srv.url, b.boardId, p.token);
  clients.push(c);
  authors.push(p.authorKey);
}
await Promise.all(clients.map((c) => c.synced));

// Each writer has its own note; the note text carries "w<writer>:<seq>;" markers with send times.
const sentAt = new Map<string, number>();
const latencies: number[] = [];
const noteIds = clients.slice(0, WRITERS).map((c, i) => addNote(c.doc, { sectionId: 'goals', text: '', author: authors[i] }));
await waitFor(() => clients.every((c) => notesOf(c.doc).size === WRITERS), 'notes everywhere', 30_000);

const seen = clients.map(() => new Set<string>());
clients.forEach((c, ci) => {
  c.doc.on('update', () => {
    const now = performance.now();
    for (const id of noteIds) {
      const text = getNoteText(c.doc, id)?.toString() ?? '';
      for (const m of text.matchAll(/w(\d+):(\d+);/g)) {
        const key = m[0];
        if (Number(m[1]) === clients.indexOf(c) || seen[ci].has(key)) continue;
        seen[ci].add(key);
        const t = sentAt.get(key);
        if (t !== undefined) latencies.push(now - t);
      }
    }
  });
});

const start = performance.now();
await Promise.all(
  clients.slice(0, WRITERS).map(async (c, w) => {
    const text = getNoteText(c.doc, noteIds[w])!;
    for (let s = 0; s < EDITS_PER_WRITER; s++) {
      const marker = `w${w}:${s};`;
      sentAt.set(marker, performance.now());
      applyTextChange(text, text.toString() + marker);
      await new Promise((r) => setTimeout(r, TYPE_MS));
    }
  }),
);
const expected = WRITERS * EDITS_PER_WRITER * (CLIENTS - 1);
await waitFor(() => latencies.length >= expected, `all ${expected} deliveries`, 120_000);
const seconds = (performance.now() - start) / 1000;

const metrics = await (await fetch(`${srv.url}/metrics`)).text();
const appendSum = Number(/codesign_store_append_seconds_sum (\S+)/.exec(metrics)?.[1] ?? NaN);
const appendCount = Number(/codesign_store_append_seconds_count (\S+)/.exec(metrics)?.[1] ?? NaN);
for (const c of clients) c.destroy();
await srv.stop();

latencies.sort((a, b) => a - b);
const report = {
  params: { clients: CLIENTS, writers: WRITERS, editsPerWriter: EDITS_PER_WRITER, typeIntervalMs: TYPE_MS },
  results: {
    edits: WRITERS * EDITS_PER_WRITER,
    deliveries: latencies.length,
    seconds: Number(seconds.toFixed(2)),
    editsPerSecond: Number(((WRITERS * EDITS_PER_WRITER) / seconds).toFixed(1)),
    deliveryLatencyMs: {
      p50: Number(percentile(latencies, 50).toFixed(2)),
      p95: Number(percentile(latencies, 95).toFixed(2)),
      p99: Number(percentile(latencies, 99).toFixed(2)),
      max: Number(latencies.at(-1)!.toFixed(2)),
    },
    storeAppend: {
      batches: appendCount,
      meanMs: Number(((appendSum / appendCount) * 1000).toFixed(3)),
      editsPerBatch: Number(((WRITERS * EDITS_PER_WRITER) / appendCount).toFixed(2)),
    },
  },
};
writeReport('typing', report);
console.log(JSON.stringify(report, null, 2));
