import fs from 'node:fs';
import type { Socket } from 'socket.io-client';
import { connectSession, createBoard, join, request, waitFor } from '../support/clients.js';
import { startServer } from '../support/server.js';
import { stalledSession } from '../support/stalledSession.js';
import { writeReport } from './report.js';

/**
 * Benchmark (not a test): the slow-consumer attack on the session channel. One client joins a
 * board and stops reading (while still answering the heartbeat, so only a buffer bound can drop
 * it); then JOINS people join one after another — each connects, is seen online, and leaves,
 * LANES of them at a time — and, if the stalled client is still there, the people in the room
 * keep changing state until it is dropped or the budget runs out. Reports what one observer in
 * the room received until the drop (what the stalled client was sent, near enough), how long it
 * took, and the server's RSS. Reads presence leniently so that it runs against older servers too
 * (full lists only). Writes bench-results/slow-consumer.json.
 */
const JOINS = Number(process.env.BENCH_JOINS ?? 1500);
const LANES = Number(process.env.BENCH_LANES ?? 5);
const BUDGET_MB = Number(process.env.BENCH_BUDGET_MB ?? 400);
const BUDGET_S = Number(process.env.BENCH_BUDGET_S ?? 180);
const TRANSPORT = (process.env.BENCH_TRANSPORT ?? 'websocket') as 'websocket' | 'polling';
/** Stop as soon as the stalled client is dropped (for servers where the rest of the churn is costly). */
const STOP_ON_DROP = process.env.BENCH_STOP_ON_DROP === '1';
const MB = 2 ** 20;

const env: Record<string, string> = { LOG_LEVEL: 'warn' };
if (process.env.SOCKET_BUFFER_MAX_BYTES) env.SOCKET_BUFFER_MAX_BYTES = process.env.SOCKET_BUFFER_MAX_BYTES;
const srv = await startServer({ env });
const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${srv.proc.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, rss())), 100);

const b = await createBoard(srv.url);
const fac = await join(srv.url, b.boardId, b.facilitatorKey, 'Observer', 'staff');
const observer = connectSession(srv.url, b.boardId, fac.token);
let bytes = 0;
observer.io.engine.on('packet', (p: { data?: unknown }) => {
  if (typeof p.data === 'string') bytes += Buffer.byteLength(p.data);
});
// Lenient presence: full lists (any server) and one-person changes (servers that send them).
const status = new Map<string, string>();
observer.on('presence:list', (l: { participants: { participantId: string; status: string }[] }) => {
  for (const p of l.participants) status.set(p.participantId, p.status);
});
observer.on('presence:change', (c: { op: string; entry?: { participantId: string; status: string } }) => {
  if (c.op === 'upsert' && c.entry) status.set(c.entry.participantId, c.entry.status);
});
await new Promise<void>((resolve) => observer.once('connect', () => resolve()));

const victim = await join(srv.url, b.boardId, b.joinKey, 'Stalled', 'community');
const stall = await stalledSession(srv.url, b.boardId, victim.token, TRANSPORT);
await waitFor(() => status.get(victim.participantId) === 'online', 'stalled client online', 30_000);
await new Promise((r) => setTimeout(r, 1000));
const rssBefore = rss();
peak = rssBefore;
stall.stall();
const t0 = performance.now();
const bytes0 = bytes;
let dropped: { seconds: number; observedMB: number; rssMB: number; phase: string } | null = null;
let phase = 'joins';
const watcher = setInterval(() => {
  if (!dropped && status.get(victim.participantId) === 'offline') {
    dropped = { seconds: (performance.now() - t0) / 1000, observedMB: (bytes - bytes0) / MB, rssMB: rss() / MB, phase };
  }
}, 20);
const overBudget = () =>
  (STOP_ON_DROP && !!dropped) || (bytes - bytes0) / MB > BUDGET_MB || (performance.now() - t0) / 1000 > BUDGET_S || rss() > 3 * 1024 * MB;

// Phase 1: JOINS people come and go, LANES at a time.
let next = 0;
let joined = 0;
const lane = async () => {
  while (next < JOINS && !overBudget()) {
    const i = next++;
    const p = await join(srv.url, b.boardId, b.joinKey, `Person ${i}`, 'community');
    const s = connectSession(srv.url, b.boardId, p.token);
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    await waitFor(() => status.get(p.participantId) === 'online', `person ${i} online`, 120_000).catch(() => {});
    s.close();
    joined++;
  }
};
await Promise.all(Array.from({ length: LANES }, lane));
/** The server's heap and external (Buffer) memory now, from /metrics. */
const memory = async () => {
  const text = await (await fetch(`${srv.url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text)?.[1] ?? NaN) / MB;
  return {
    heapUsedMB: read('codesign_nodejs_heap_size_used_bytes'),
    heapTotalMB: read('codesign_nodejs_heap_size_total_bytes'),
    externalMB: read('codesign_nodejs_external_memory_bytes'),
  };
};
const afterJoins = {
  seconds: (performance.now() - t0) / 1000,
  observedMB: (bytes - bytes0) / MB,
  rssMB: rss() / MB,
  joined,
  ...(await memory()),
};

// Phase 2: if it is still there, the room keeps changing state.
phase = 'state changes';
const room: Socket[] = [];
if (!dropped && !overBudget()) {
  for (let i = 0; i < LANES; i++) {
    const p = await join(srv.url, b.boardId, b.joinKey, `Toggler ${i}`, 'community');
    const s = connectSession(srv.url, b.boardId, p.token);
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    room.push(s);
  }
  await Promise.all(
    room.map(async (s) => {
      for (let k = 0; !dropped && !overBudget(); k++)
        await request(s, 'presence:set', { status: k % 2 ? 'online' : 'away' }).catch(() => {});
    }),
  );
}
clearInterval(watcher);
clearInterval(sampler);
// Ten quiet seconds: what the heap still holds then is kept, not garbage waiting for a collection.
await new Promise((r) => setTimeout(r, 10_000));
const settled = { rssMB: rss() / MB, ...(await memory()) };
const metrics = await (await fetch(`${srv.url}/metrics`)).text();
const counted = [...metrics.matchAll(/^codesign_session_slow_consumer_disconnects_total\{[^}]*\} (\d+)/gm)].reduce(
  (n, m) => n + Number(m[1]),
  0,
);
const log = srv
  .output()
  .split('\n')
  .filter((l) => l.includes('too slow'))
  .map((l) => JSON.parse(l) as { queuedBytes: number; limit: number })[0];
const result = {
  transport: TRANSPORT,
  joins: JOINS,
  lanes: LANES,
  socketBufferMaxBytes: log?.limit ?? process.env.SOCKET_BUFFER_MAX_BYTES ?? 'server default',
  rssBeforeMB: rssBefore / MB,
  rssPeakMB: peak / MB,
  rssEndMB: rss() / MB,
  afterJoins,
  dropped,
  droppedQueuedBytes: log?.queuedBytes ?? null,
  slowConsumerDisconnectsCounted: counted,
  observedTotalMB: (bytes - bytes0) / MB,
  settled,
  secondsTotal: (performance.now() - t0) / 1000,
};
console.log(JSON.stringify(result, null, 2));
writeReport('slow-consumer', result);
for (const s of room) s.close();
observer.close();
stall.close();
await srv.kill();
process.exit(0);
