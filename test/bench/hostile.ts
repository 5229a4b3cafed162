import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addNote } from '../../shared/boardDoc.js';
import { createBoard, join } from '../support/clients.js';
import { deepMapChainUpdate, touchEveryLevelUpdate } from '../support/hostileUpdates.js';
import { writeReport } from './report.js';

/**
 * What hostile doc updates cost the server: a deep chain of maps (6,000 and 10,000 levels) and
 * 6 MiB of updates whose dependencies the server never received. For each checkout (this one, and
 * any given with BENCH_BASE=/path/to/checkout, e.g. an older commit in a worktree) it starts that
 * checkout's server, sends the attack from outside, and reports how long the server was busy
 * (/healthz polled back to back), how it answered, and its memory before and after.
 *
 *   npm run bench hostile                      # this checkout
 *   BENCH_BASE=/tmp/base npm run bench hostile  # and an older one, in the same run
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const STALL_LIMIT_MS = 120_000;

async function startServer(checkout: string): Promise<{ url: string; proc: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'codesign-bench-'));
  const { REDIS_URL: _r, DATABASE_URL: _d, ...env } = process.env;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: checkout,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /port (\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, proc };
}

const rssMb = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]) / 1024;

function frame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** Sends one update on a fresh connection; resolves with how the connection ended (or 'open' after `waitMs`). */
async function send(url: string, boardId: string, token: string, update: Uint8Array, waitMs: number): Promise<string> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/yjs/${boardId}?token=${encodeURIComponent(token)}`);
  ws.on('error', () => {});
  await new Promise<void>((resolve) => ws.once('message', () => resolve()));
  const ended = new Promise<string>((resolve) => ws.once('close', (code, reason) => resolve(`${code} ${reason.toString()}`)));
  ws.send(frame(update));
  const result = await Promise.race([ended, new Promise<string>((r) => setTimeout(() => r('accepted (still open)'), waitMs))]);
  ws.terminate();
  return result;
}

/** Polls /healthz back to back while `during` runs: the slowest answer is how long the server was stalled. */
async function stalled<T>(url: string, during: () => Promise<T>): Promise<{ result: T; slowestHealthzMs: number; tookMs: number }> {
  let running = true;
  let slowest = 0;
  const poll = (async () => {
    while (running) {
      const t = performance.now();
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(STALL_LIMIT_MS) })
        .then((r) => r.arrayBuffer())
        .catch(() => {});
      slowest = Math.max(slowest, performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const t = performance.now();
  const result = await during();
  const tookMs = performance.now() - t;
  running = false;
  await poll;
  return { result, slowestHealthzMs: Math.round(slowest), tookMs: Math.round(tookMs) };
}

async function measure(checkout: string) {
  const { url, proc } = await startServer(checkout);
  try {
    const b = await createBoard(url);
    const eve = await join(url, b.boardId, b.joinKey, 'Eve', 'service-user');
    const chains: Record<string, unknown>[] = [];
    for (const depth of [6_000, 10_000]) {
      const chain = deepMapChainUpdate(depth);
      const touch = touchEveryLevelUpdate(depth);
      const rssBefore = rssMb(proc.pid!);
      const r = await stalled(url, async () => [
        await send(url, b.boardId, eve.token, chain, 1_000),
        await send(url, b.boardId, eve.token, touch, 1_000),
      ]);
      const rssAfter = rssMb(proc.pid!);
      chains.push({
        depth,
        kb: Math.round((chain.byteLength + touch.byteLength) / 1024),
        answers: r.result,
        tookMs: r.tookMs,
        slowestHealthzMs: r.slowestHealthzMs,
        rssBeforeMb: Math.round(rssBefore),
        rssAfterMb: Math.round(rssAfter),
      });
      console.log(
        `  ${path.basename(checkout)}: chain ${depth} then one update touching every level: ${r.result.join(' / ')}; took ${r.tookMs} ms; slowest /healthz ${r.slowestHealthzMs} ms; RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB`,
      );
    }
    // 6 MiB of updates built on a change the server never received, 64 KiB each.
    const board2 = await createBoard(url);
    const p2 = await join(url, board2.boardId, board2.joinKey, 'Eve', 'service-user');
    const local = new Y.Doc();
    addNote(local, { sectionId: 'goals', text: 'never sent', author: 'x' });
    const rssBefore = rssMb(proc.pid!);
    const answers = new Map<string, number>();
    const pending = await stalled(url, async () => {
      for (let i = 0; i < 96; i++) {
        const sv = Y.encodeStateVector(local);
        addNote(local, { sectionId: 'goals', text: 'y'.repeat(64 * 1024), author: 'x' });
        const a = await send(url, board2.boardId, p2.token, Y.encodeStateAsUpdate(local, sv), 1_000);
        answers.set(a, (answers.get(a) ?? 0) + 1);
      }
    });
    await new Promise((r) => setTimeout(r, 2_000));
    const rssAfter = rssMb(proc.pid!);
    console.log(
      `  ${path.basename(checkout)}: 6 MiB of updates with missing history: RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB; answers ${JSON.stringify(Object.fromEntries(answers))}`,
    );
    return {
      chains,
      missingHistory: {
        mib: 6,
        rssBeforeMb: Math.round(rssBefore),
        rssAfterMb: Math.round(rssAfter),
        answers: Object.fromEntries(answers),
        slowestHealthzMs: pending.slowestHealthzMs,
      },
    };
  } finally {
    proc.kill('SIGKILL');
  }
}

const checkouts = [ROOT, ...(process.env.BENCH_BASE ? [path.resolve(process.env.BENCH_BASE)] : [])];
const results: Record<string, unknown> = {};
for (const checkout of checkouts) {
  console.log(`${checkout}`);
  results[checkout === ROOT ? 'this' : checkout] = await measure(checkout);
}
writeReport('hostile', { results });
