import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyBetween } from 'fractional-indexing';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import * as Y from 'yjs';
import { addAction } from '../../shared/actionPlan.js';
import { groupsOf, notesOf, prioritiesOf } from '../../shared/boardDoc.js';
import { NOTE_COLOURS } from '../../shared/colours.js';
import { connectDoc, createBoard, join, waitFor, type DocClient } from '../support/clients.js';
import { startServer, type RunningServer } from '../support/server.js';
import { PROBE, RENDER_PROBE } from './clientProbe.js';
import { percentile, writeReport } from './report.js';

/**
 * Benchmark (not a test): the board in a real browser (Debian's Chromium via playwright-core),
 * against the real server, on boards of 30, 300 and 1,000 notes, at CPU 1× and 4×
 * (CDP Emulation.setCPUThrottlingRate). Measures, per checkout:
 *   - first show: navigation start → the first note of every section shows its text;
 *   - own key → next frame (p50/p90/max) and long tasks (> 50 ms) while typing;
 *   - a remote keystroke (typed by a Node y-websocket client) → on screen in the browser;
 *   - frames over 50 ms while scrolling the board with the mouse wheel;
 *   - JavaScript bytes on the wire (as Chromium received them, Accept-Encoding br/gzip) for
 *     the join page and the board page.
 *
 * Several checkouts can be measured in the same run, alternating, so a noisy shared machine
 * treats them alike: BENCH_BASE=/tmp/base adds the checkout in that folder as "base" beside
 * this one ("this"); BENCH_CHECKOUTS="name=/path,name2=/path2" names them explicitly. Each
 * checkout runs its own server code and serves its own dist/client (BENCH_BUILD=1 builds it
 * first with its own vite). Writes bench-results/client.json and prints a table.
 *
 * Options: BENCH_SIZES=30,300,1000  BENCH_RATES=1,4  BENCH_REPS=2  BENCH_KEYS=30  BENCH_REMOTE=20
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SIZES = (process.env.BENCH_SIZES ?? '30,300,1000').split(',').map(Number);
const RATES = (process.env.BENCH_RATES ?? '1,4').split(',').map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 2);
const KEYS = Number(process.env.BENCH_KEYS ?? 30);
const REMOTE = Number(process.env.BENCH_REMOTE ?? 20);
/** A typist at about 80 words a minute. */
const KEY_INTERVAL_MS = 150;
const VIEWPORT = { width: 1280, height: 800 };
/** BENCH_PROFILE=load|typing|remote|scroll: a CDP CPU profile of that phase, in bench-results/profiles/. */
const PROFILE = process.env.BENCH_PROFILE ?? '';
const RENDERS = process.env.BENCH_RENDERS === '1';

interface Checkout {
  name: string;
  root: string;
}

function checkouts(): Checkout[] {
  if (process.env.BENCH_CHECKOUTS) {
    return process.env.BENCH_CHECKOUTS.split(',').map((pair) => {
      const [name, dir] = pair.split('=');
      return { name, root: path.resolve(dir) };
    });
  }
  const list: Checkout[] = [];
  if (process.env.BENCH_BASE) list.push({ name: 'base', root: path.resolve(process.env.BENCH_BASE) });
  list.push({ name: 'this', root: ROOT });
  return list;
}

function ensureBuilt(c: Checkout): void {
  const index = path.join(c.root, 'dist/client/index.html');
  if (process.env.BENCH_BUILD === '1' || !fs.existsSync(index)) {
    console.log(`building ${c.name} (${c.root}) …`);
    const vite = path.join(c.root, 'node_modules/.bin/vite');
    const r = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: c.root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`build of ${c.name} failed`);
  }
}

/* ---------- Boards ---------- */

const WORDS =
  'we need more time to talk with carers about transport to the day centre and a quiet room for people who find noise hard ' +
  'ask the family group what a good day looks like share the plan in Welsh and English with pictures keep the garden open';
const words = WORDS.split(' ');

function sentence(seed: number): string {
  const n = 4 + ((seed * 7) % 18);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[(seed * 13 + i * 5) % words.length]);
  return out.join(' ');
}

interface Board {
  size: number;
  boardId: string;
  joinKey: string;
  participant: { token: string; participantId: string; authorKey: string; anonAuthorKey: string };
  writer: DocClient;
  /** The first note of every section, with its text (what "first show" waits for). */
  firstNotes: Array<[string, string]>;
  /** Note typed into by the browser, and the one typed into remotely. */
  ownNote: string;
  remoteNote: string;
}

async function makeBoard(srv: RunningServer, size: number): Promise<Board> {
  const b = await createBoard(srv.url, { title: `Bench ${size}` });
  const seeder = await join(srv.url, b.boardId, b.joinKey, 'Seeder', 'staff');
  const participant = await join(srv.url, b.boardId, b.joinKey, 'Bench reader', 'service-user');
  const writer = connectDoc(srv.url, b.boardId, seeder.token);
  await writer.synced;
  const doc = writer.doc;
  const sections = doc
    .getArray<Y.Map<unknown>>('sections')
    .toArray()
    .map((m) => String(m.get('id')));
  await waitFor(() => sections.length > 0, 'sections', 10_000);
  const firstNotes: Array<[string, string, number]> = [];
  const ids: string[][] = sections.map(() => []);
  // In batches, as a busy workshop would; each batch is one update well under the message limit.
  const BATCH = 100;
  const last = new Map<string, string | null>();
  for (let start = 0; start < size; start += BATCH) {
    doc.transact(() => {
      const groups = groupsOf(doc);
      for (let i = start; i < Math.min(size, start + BATCH); i++) {
        const si = i % sections.length;
        const sectionId = sections[si];
        // Entity ids are 16 letters and digits (shared/ids.ts ENTITY_ID); the server refuses others.
        const id = `n${String(size).padStart(4, '0')}x${String(i).padStart(10, '0')}`;
        const order = generateKeyBetween(last.get(sectionId) ?? null, null);
        last.set(sectionId, order);
        const text = `${i}: ${sentence(i)}`;
        const m = new Y.Map<unknown>();
        const yt = new Y.Text();
        yt.insert(0, text);
        m.set('id', id);
        m.set('sectionId', sectionId);
        m.set('text', yt);
        m.set('colour', NOTE_COLOURS[i % NOTE_COLOURS.length]);
        m.set('author', i % 3 === 0 ? participant.authorKey : seeder.authorKey);
        m.set('createdAt', Date.now());
        m.set('order', order);
        // One note in five is in one of two groups per section.
        if (i % 5 === 4) {
          const gid = `g${String(si).padStart(2, '0')}x${String(((i / 5) % 2) | 0).padStart(12, '0')}`;
          if (!groups.has(gid)) {
            const g = new Y.Map<unknown>();
            g.set('id', gid);
            g.set('sectionId', sectionId);
            g.set('title', `Group ${gid}`);
            g.set('createdAt', Date.now());
            groups.set(gid, g);
          }
          m.set('groupId', gid);
        } else if (!firstNotes.some(([, , s]) => s === si)) {
          firstNotes.push([id, text, si]);
        }
        ids[si].push(id);
        notesOf(doc).set(id, m);
      }
    });
    await new Promise((r) => setTimeout(r, 20));
  }
  // A few shared priorities and actions, as a board in use has.
  const some = ids
    .flat()
    .filter((_, i) => i % 7 === 0)
    .slice(0, 10);
  prioritiesOf(doc).push(some);
  for (let i = 0; i < 5; i++) addAction(doc, { what: `Action ${i}: ${sentence(i + 100)}`, who: 'Sam', noteIds: [some[i] ?? ''] });
  // Wait until the server has everything: a second client sees every note.
  const check = connectDoc(srv.url, b.boardId, seeder.token);
  await check.synced;
  await waitFor(() => notesOf(check.doc).size === size, `${size} notes on the server`, 60_000);
  check.destroy();
  const ungroupedFirst = (si: number) => ids[si].find((id) => !notesOf(doc).get(id)?.get('groupId'));
  return {
    size,
    boardId: b.boardId,
    joinKey: b.joinKey,
    participant,
    writer,
    firstNotes: firstNotes.map(([id, text]) => [id, text]),
    ownNote: ungroupedFirst(1) ?? ids[1][0],
    remoteNote: ungroupedFirst(0) ?? ids[0][0],
  };
}

/* ---------- One run in the browser ---------- */

interface RunResult {
  firstShowMs: number | null;
  notesInDom: number | null;
  /** Every note of the board in the DOM (a progressive first show renders the rest just after). */
  allInDomMs: number | null;
  keyLatencies: number[];
  firstKeyMs: number | null;
  typingLongTasks: number[];
  remoteLatencies: number[];
  remoteLongTasks: number[];
  scrollGaps: number[];
  scrolledPx: number;
  scrollLongTasks: number[];
  jsBytes: { encoded: number; decoded: number; files: number; encodings: string[] } | null;
  errors: string[];
}

interface ScriptBytes {
  encoded: number;
  decoded: number;
  files: number;
  encodings: string[];
}

/** Counts JavaScript as Chromium received it (encodedDataLength: body as sent plus headers). */
async function countScripts(cdp: CDPSession): Promise<() => ScriptBytes> {
  const scripts = new Map<string, { encoding: string; decoded: number }>();
  const totals: ScriptBytes = { encoded: 0, decoded: 0, files: 0, encodings: [] };
  cdp.on('Network.responseReceived', (e) => {
    const url = e.response.url;
    if (e.type === 'Script' || /\.m?js(\?|$)/.test(url)) {
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      scripts.set(e.requestId, { encoding: h['content-encoding'] ?? 'identity', decoded: 0 });
    }
  });
  cdp.on('Network.dataReceived', (e) => {
    const s = scripts.get(e.requestId);
    if (s) s.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = scripts.get(e.requestId);
    if (!s) return;
    totals.encoded += e.encodedDataLength;
    totals.decoded += s.decoded;
    totals.files++;
    if (!totals.encodings.includes(s.encoding)) totals.encodings.push(s.encoding);
  });
  await cdp.send('Network.enable');
  return () => ({ ...totals });
}

async function settle(page: Page, quietMs: number, maxMs: number): Promise<void> {
  // Until no long task has started for quietMs (bounded).
  const start = Date.now();
  for (;;) {
    const lastEnd = await page.evaluate(() => {
      const lt = window.__bench.longtasks.at(-1);
      return { last: lt ? lt.start + lt.duration : 0, now: performance.now() };
    });
    if (lastEnd.now - lastEnd.last >= quietMs || Date.now() - start > maxMs) return;
    await page.waitForTimeout(100);
  }
}

async function focusNote(page: Page, noteId: string): Promise<void> {
  const note = page.locator(`[data-note-id="${noteId}"]`).first();
  await note.waitFor({ state: 'attached', timeout: 30_000 });
  await note.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const field = note.locator('textarea, [contenteditable="true"]').first();
  if ((await field.count()) > 0) await field.focus();
  else await note.click();
  await page.waitForFunction(() => {
    const a = document.activeElement as HTMLElement | null;
    return !!a && (a.tagName === 'TEXTAREA' || a.isContentEditable);
  });
  await page.keyboard.press('Control+End');
}

/** BENCH_MUTATIONS=1: which parts of the page change while typing (a MutationObserver), counted by element. */
const MUTATIONS = process.env.BENCH_MUTATIONS === '1';
// A string, not a function: tsx would add its name helper, which the page does not have.
const WATCH_MUTATIONS = `(() => {
  const counts = new Map();
  const describe = (n) => {
    const e = n instanceof Element ? n : n && n.parentElement;
    if (!e) return '?';
    const cls = typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
    const label = e.getAttribute('aria-label') || e.id || '';
    return e.tagName.toLowerCase() + cls + (label ? '(' + label.slice(0, 40) + ')' : '');
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const key = r.type + (r.attributeName ? '[' + r.attributeName + ']' : '') + ' ' + describe(r.target);
      counts.set(key, (counts.get(key) || 0) + 1);
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  window.__mutations = () => {
    observer.disconnect();
    return [...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => String(v).padStart(5) + ' ' + k);
  };
})()`;
async function watchMutations(page: Page): Promise<void> {
  await page.evaluate(WATCH_MUTATIONS);
}
const takeMutations = (page: Page) => page.evaluate(() => (window as unknown as { __mutations: () => string[] }).__mutations());

/** BENCH_TRACE=<phase>: a Chromium trace of that phase instead (timeline categories), summarised by event. */
const TRACE = process.env.BENCH_TRACE ?? '';
let tracing: { browser: Browser; page: Page } | null = null;

async function startProfile(cdp: CDPSession, phase: string, page?: Page): Promise<void> {
  if (TRACE === phase && page) {
    const browser = page.context().browser()!;
    const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8.execute'];
    // BENCH_TRACE_STACKS=1: also the stacks and invalidation reasons (what made style or layout dirty), in the saved trace.
    if (process.env.BENCH_TRACE_STACKS === '1')
      categories.push('disabled-by-default-devtools.timeline.stack', 'disabled-by-default-devtools.timeline.invalidationTracking');
    await browser.startTracing(page, { categories });
    tracing = { browser, page };
  }
  if (PROFILE !== phase) return;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

async function stopProfile(cdp: CDPSession, phase: string, name: string): Promise<void> {
  if (TRACE === phase && tracing) {
    const buf = await tracing.browser.stopTracing();
    tracing = null;
    const dir = path.join(ROOT, 'bench-results/profiles');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}-${phase}.trace.json`), buf);
    const events = (JSON.parse(buf.toString()) as { traceEvents: Array<{ name: string; ph: string; dur?: number; tid: number }> })
      .traceEvents;
    const main = new Map<number, number>();
    for (const e of events) if (e.name === 'RunTask' && e.dur) main.set(e.tid, (main.get(e.tid) ?? 0) + e.dur);
    const busiest = [...main.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const by = new Map<string, { total: number; count: number }>();
    for (const e of events) {
      if (e.ph !== 'X' || !e.dur || e.tid !== busiest) continue;
      const x = by.get(e.name) ?? { total: 0, count: 0 };
      x.total += e.dur / 1000;
      x.count++;
      by.set(e.name, x);
    }
    console.log(`trace ${name} ${phase} (main thread, inclusive ms):`);
    for (const [k, v] of [...by.entries()].sort((a, b) => b[1].total - a[1].total).slice(0, 25))
      console.log(`  ${v.total.toFixed(1).padStart(9)}  ${String(v.count).padStart(5)}×  ${k}`);
  }
  if (PROFILE !== phase) return;
  const { profile } = await cdp.send('Profiler.stop');
  const dir = path.join(ROOT, 'bench-results/profiles');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}-${phase}.cpuprofile`), JSON.stringify(profile));
}

async function runOnce(
  browser: Browser,
  srv: RunningServer,
  board: Board,
  rate: number,
  measureBytes: boolean,
  name: string,
): Promise<RunResult> {
  // BENCH_CSS adds a style tag, which the page's strict CSP would refuse.
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', bypassCSP: !!process.env.BENCH_CSS });
  const identity = {
    token: board.participant.token,
    participantId: board.participant.participantId,
    role: 'participant',
    authorKey: board.participant.authorKey,
    joinKey: board.joinKey,
    name: 'Bench reader',
  };
  await context.addInitScript(
    ({ boardId, identity, firstNotes, size }) => {
      localStorage.setItem(`codesign:board:${boardId}`, JSON.stringify(identity));
      localStorage.setItem('codesign:lang', 'en');
      (window as unknown as { __benchFirstShow: unknown }).__benchFirstShow = firstNotes;
      (window as unknown as { __benchSize: number }).__benchSize = size;
    },
    { boardId: board.boardId, identity, firstNotes: board.firstNotes, size: board.size },
  );
  await context.addInitScript(PROBE);
  if (RENDERS) {
    await context.addInitScript(
      (why) => ((window as unknown as { __rendersWhy: string[] }).__rendersWhy = why),
      (process.env.BENCH_WHY ?? 'BoardView,BoardContent').split(','),
    );
    await context.addInitScript(RENDER_PROBE);
  }
  const renders = async (phase: string) => {
    if (RENDERS)
      console.log(
        `renders, ${name}, ${phase}:`,
        JSON.stringify(await page.evaluate(() => (window as unknown as { __renders: { take(): unknown } }).__renders.take())),
      );
  };
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const bytes = measureBytes ? await countScripts(cdp) : null;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));

  const result: RunResult = {
    firstShowMs: null,
    notesInDom: null,
    allInDomMs: null,
    keyLatencies: [],
    firstKeyMs: null,
    typingLongTasks: [],
    remoteLatencies: [],
    remoteLongTasks: [],
    scrollGaps: [],
    scrolledPx: 0,
    scrollLongTasks: [],
    jsBytes: null,
    errors: pageErrors,
  };
  const longTasksBetween = (from: number, to: number) =>
    page.evaluate(([a, b]) => window.__bench.longtasks.filter((t) => t.start >= a && t.start <= b).map((t) => t.duration), [from, to]);
  const now = () => page.evaluate(() => performance.now());
  try {
    await startProfile(cdp, 'load', page);
    await page.goto(`${srv.url}/board/${board.boardId}`);
    await page.waitForFunction(() => window.__bench.firstShow !== null, undefined, { timeout: 120_000, polling: 100 });
    await stopProfile(cdp, 'load', name);
    await renders('load');
    if (process.env.BENCH_WATERFALL === '1') {
      const w = await page.evaluate(() => [
        ...performance
          .getEntriesByType('navigation')
          .map(
            (e) =>
              `nav domInteractive ${(e as PerformanceNavigationTiming).domInteractive.toFixed(0)} domComplete ${(e as PerformanceNavigationTiming).domComplete.toFixed(0)}`,
          ),
        ...performance
          .getEntriesByType('resource')
          .map(
            (e) =>
              `${e.startTime.toFixed(0).padStart(6)}–${(e as PerformanceResourceTiming).responseEnd.toFixed(0).padStart(6)} ${(e as PerformanceResourceTiming).initiatorType} ${e.name.replace(location.origin, '').slice(0, 70)}`,
          ),
        `first show ${window.__bench.firstShow?.at.toFixed(0)}`,
      ]);
      console.log(`waterfall ${name}:\n  ${w.join('\n  ')}`);
    }
    const shown = await page.evaluate(() => window.__bench.firstShow!);
    result.firstShowMs = shown.at;
    result.notesInDom = shown.notesInDom;
    if (process.env.BENCH_WATERFALL === '1') console.log('first show:', JSON.stringify(shown));
    if (bytes) {
      await page.waitForLoadState('networkidle').catch(() => {});
      result.jsBytes = bytes();
    }
    await page.waitForFunction(() => window.__bench.allInDom !== null, undefined, { timeout: 120_000, polling: 100 }).catch(() => {});
    result.allInDomMs = await page.evaluate(() => window.__bench.allInDom);
    await settle(page, 1000, 30_000);
    // BENCH_CSS: extra style rules added once the board is shown, to try a change of styles without a build.
    if (process.env.BENCH_CSS) await page.addStyleTag({ content: process.env.BENCH_CSS });
    if (process.env.BENCH_DUMP === '1') {
      // What the page is made of: DOM size, and one note card as drawn.
      const dump = await page.evaluate((id) => {
        const note = document.querySelector(`[data-note-id="${id}"]`);
        return {
          elements: document.getElementsByTagName('*').length,
          perNote: note ? note.getElementsByTagName('*').length + 1 : null,
          note: note?.outerHTML ?? null,
        };
      }, board.ownNote);
      console.log(`dom ${name}:`, JSON.stringify(dump, null, 1));
      // Which parts of the page change while typing (attributes, children, text), by element.
      // A string, not a function: the bundler's helpers do not exist in the page.
      await page.evaluate(`(() => {
        const seen = (window.__mutations = {});
        const name = (n) => {
          const el = n instanceof Element ? n : n && n.parentElement;
          return el ? el.tagName.toLowerCase() + '.' + [...el.classList].join('.') : '?';
        };
        new MutationObserver((records) => {
          for (const r of records) {
            const k = r.type + (r.attributeName ? '[' + r.attributeName + ']' : '') + ' ' + name(r.target);
            seen[k] = (seen[k] || 0) + 1;
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      })()`);
    }

    // Own typing.
    await focusNote(page, board.ownNote);
    await settle(page, 500, 5000 * rate);
    await startProfile(cdp, 'typing', page);
    if (MUTATIONS) await watchMutations(page);
    await renders('before typing');
    const typingFrom = await now();
    const letters = 'the quick brown fox jumps over the lazy dog and more';
    // BENCH_AB_CSS: style rules for html.bench-b, switched on and off every 5 keystrokes; the
    // keystrokes of each half are reported apart (an A/B comparison in one page, under one load).
    const ab = process.env.BENCH_AB_CSS;
    if (ab) await page.addStyleTag({ content: ab });
    const variants: string[] = [];
    for (let i = 0; i < KEYS; i++) {
      if (ab && i % 5 === 0) {
        const b = (i / 5) % 2 === 1;
        await page.evaluate((on) => {
          document.documentElement.classList.toggle('bench-b', on);
          // Marks the switch in a BENCH_TRACE trace (a TimeStamp event).
          console.timeStamp(on ? 'bench-variant-B' : 'bench-variant-A');
        }, b);
        await page.waitForTimeout(300);
      }
      variants.push(ab ? (Math.floor(i / 5) % 2 === 1 ? 'B' : 'A') : '');
      const started = Date.now();
      const before = await page.evaluate(() => window.__bench.keys.length);
      await page.keyboard.press(letters[i % letters.length] === ' ' ? 'Space' : letters[i % letters.length]);
      await page.waitForFunction((n) => window.__bench.keys.length > n, before, { timeout: 10_000, polling: 10 }).catch(() => {});
      const wait = KEY_INTERVAL_MS - (Date.now() - started);
      if (wait > 0) await page.waitForTimeout(wait);
    }
    const typingTo = await now();
    await stopProfile(cdp, 'typing', name);
    if (MUTATIONS) console.log(`mutations while typing, ${name}:\n  ${(await takeMutations(page)).join('\n  ')}`);
    await renders('typing');
    if (process.env.BENCH_DUMP === '1')
      console.log(
        `mutations while typing ${name}:`,
        JSON.stringify(await page.evaluate(() => (window as unknown as { __mutations: unknown }).__mutations)),
      );
    const keys = await page.evaluate(() => window.__bench.keys);
    result.keyLatencies = keys.map((k) => k.latency);
    if (ab)
      for (const v of ['A', 'B']) {
        const xs = keys.filter((_, i) => variants[i] === v).map((k) => k.latency);
        const st = stats(xs);
        console.log(`A/B ${name} ${v}: ${xs.length} keys, p50 ${st.p50} p90 ${st.p90} max ${st.max} ms`);
      }
    result.firstKeyMs = keys[0]?.latency ?? null;
    result.typingLongTasks = await longTasksBetween(typingFrom, typingTo);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await settle(page, 500, 5000 * rate);

    // Remote keystrokes into another note, typed by the Node y-websocket client.
    const remoteEl = page.locator(`[data-note-id="${board.remoteNote}"]`).first();
    await remoteEl.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    const ytext = notesOf(board.writer.doc).get(board.remoteNote)!.get('text') as Y.Text;
    await startProfile(cdp, 'remote', page);
    const remoteFrom = await now();
    for (let i = 0; i < REMOTE; i++) {
      // The note's whole text after this keystroke: it shows nowhere until the keystroke arrives.
      const next = ytext.toString() + 'xyzw'[i % 4];
      const tail = next;
      await page.evaluate(([id, text]) => window.__bench.watchRemote(id, text), [board.remoteNote, tail] as const);
      const sentWall = performance.timeOrigin + performance.now();
      ytext.insert(ytext.length, next.slice(-1));
      const ok = await page
        .waitForFunction((t) => window.__bench.shown.some((s) => s.text === t), tail, { timeout: 10_000, polling: 20 })
        .then(() => true)
        .catch(() => false);
      if (ok) {
        const shown = await page.evaluate((t) => window.__bench.shown.find((s) => s.text === t)!, tail);
        result.remoteLatencies.push(shown.wall - sentWall);
      }
      await page.waitForTimeout(KEY_INTERVAL_MS);
    }
    result.remoteLongTasks = await longTasksBetween(remoteFrom, await now());
    await stopProfile(cdp, 'remote', name);
    await renders('remote');
    await settle(page, 500, 5000 * rate);

    // Scrolling: the mouse wheel over the first section's notes, down and back up.
    await page.evaluate(() => window.scrollTo(0, 0));
    const firstNote = page.locator(`[data-note-id="${board.firstNotes[0][0]}"]`).first();
    await firstNote.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    const box = await firstNote.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, Math.min(VIEWPORT.height - 50, box.y + 100));
      const scrollFrom = await now();
      const scrollTops = () =>
        page.evaluate(() => {
          let sum = window.scrollY;
          for (const el of document.querySelectorAll('*')) if (el.scrollTop) sum += el.scrollTop;
          return sum;
        });
      const top0 = await scrollTops();
      await startProfile(cdp, 'scroll', page);
      await page.evaluate(() => window.__bench.startFrames());
      for (let i = 0; i < 40; i++) {
        await page.mouse.wheel(0, i < 25 ? 300 : -300);
        await page.waitForTimeout(50);
      }
      await page.waitForTimeout(300);
      result.scrollGaps = await page.evaluate(() => window.__bench.stopFrames());
      await stopProfile(cdp, 'scroll', name);
      await renders('scroll');
      result.scrolledPx = Math.abs((await scrollTops()) - top0);
      result.scrollLongTasks = await longTasksBetween(scrollFrom, await now());
    }
    result.errors.push(...(await page.evaluate(() => window.__bench.errors)));
  } catch (e) {
    result.errors.push(`run failed: ${String(e)}`);
  } finally {
    await context.close();
  }
  return result;
}

async function joinPageBytes(browser: Browser, srv: RunningServer, board: Board): Promise<ScriptBytes> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const bytes = await countScripts(cdp);
  await page.goto(`${srv.url}/join/${board.boardId}#key=${board.joinKey}`);
  await page.getByRole('button').first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => {});
  const r = bytes();
  await context.close();
  return r;
}

/* ---------- Summary ---------- */

const r1 = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? null : Math.round(n * 10) / 10);
function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return { n: 0, p50: null, p90: null, max: null };
  return { n: s.length, p50: r1(percentile(s, 50)), p90: r1(percentile(s, 90)), max: r1(s.at(-1)) };
}
const median = (xs: number[]) => (xs.length ? r1([...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]) : null);

function summarise(runs: RunResult[]) {
  const all = (f: (r: RunResult) => number[]) => runs.flatMap(f);
  const typingLong = all((r) => r.typingLongTasks);
  const remoteLong = all((r) => r.remoteLongTasks);
  const gaps = all((r) => r.scrollGaps);
  return {
    runs: runs.length,
    firstShowMs: median(runs.map((r) => r.firstShowMs).filter((x): x is number => x !== null)),
    firstShowEachMs: runs.map((r) => r.firstShowMs && r1(r.firstShowMs)),
    allInDomMs: median(runs.map((r) => r.allInDomMs).filter((x): x is number => x !== null)),
    notesInDom: runs[0]?.notesInDom ?? null,
    keyMs: stats(all((r) => r.keyLatencies)),
    firstKeyMs: median(runs.map((r) => r.firstKeyMs).filter((x): x is number => x !== null)),
    typingLongTasks: { count: typingLong.length, max: r1(Math.max(0, ...typingLong)) },
    remoteMs: stats(all((r) => r.remoteLatencies)),
    remoteLongTasks: { count: remoteLong.length, max: r1(Math.max(0, ...remoteLong)) },
    scroll: {
      frames: gaps.length,
      over50: gaps.filter((g) => g > 50).length,
      maxFrameMs: r1(Math.max(0, ...gaps)),
      longTasks: all((r) => r.scrollLongTasks).length,
      scrolledPx: runs.map((r) => r.scrolledPx),
    },
    errors: [...new Set(runs.flatMap((r) => r.errors))].slice(0, 10),
  };
}
type Summary = ReturnType<typeof summarise>;

/** The issue's targets, for the last checkout measured (this one, by default). */
function targetsFor(get: (size: number, rate: number) => Summary | undefined, js: { join: number; board: number } | undefined) {
  const out: Array<{ target: string; value: number | null; limit: number; met: boolean | null }> = [];
  const add = (target: string, value: number | null | undefined, limit: number) =>
    out.push({ target, value: value ?? null, limit, met: value === null || value === undefined ? null : value <= limit });
  const s300x4 = get(300, 4);
  const s300x1 = get(300, 1);
  const s1000x1 = get(1000, 1);
  if (s300x4) {
    add('300 notes 4×: key → frame p90 (ms)', s300x4.keyMs.p90, 33);
    add('300 notes 4×: longest task while typing (ms)', s300x4.typingLongTasks.max, 50);
    add('300 notes 4×: remote on screen p90 (ms)', s300x4.remoteMs.p90, 100);
    add('300 notes 4×: first show (ms)', s300x4.firstShowMs, 2500);
  }
  if (s300x1) {
    add('300 notes 1×: key → frame p90 (ms)', s300x1.keyMs.p90, 16);
    add('300 notes 1×: remote on screen p90 (ms)', s300x1.remoteMs.p90, 50);
    add('300 notes 1×: first show (ms)', s300x1.firstShowMs, 1000);
  }
  if (s1000x1) {
    add('1,000 notes 1×: key → frame p90 (ms)', s1000x1.keyMs.p90, 16);
    add('1,000 notes 1×: first show (ms)', s1000x1.firstShowMs, 2000);
    add('1,000 notes 1×: longest scroll frame (ms)', s1000x1.scroll.maxFrameMs, 50);
  }
  if (js) {
    add('join page JS on the wire (KB)', r1(js.join / 1024), 200);
    add('board page JS on the wire (KB)', r1(js.board / 1024), 200);
  }
  return out;
}

/* ---------- Main ---------- */

declare global {
  interface Window {
    __bench: {
      longtasks: Array<{ start: number; duration: number }>;
      keys: Array<{ key: string; start: number; latency: number }>;
      shown: Array<{ text: string; wall: number; frame: number }>;
      firstShow: { at: number; notesInDom: number; drawn: number; meanHeight: number } | null;
      allInDom: number | null;
      errors: string[];
      watchRemote(id: string, text: string): void;
      startFrames(): void;
      stopFrames(): number[];
    };
  }
}

const list = checkouts();
for (const c of list) ensureBuilt(c);
const servers = new Map<string, RunningServer>();
const boards = new Map<string, Map<number, Board>>();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const results = new Map<string, RunResult[]>(); // `${checkout}|${size}|${rate}`
const js = new Map<string, { join: ScriptBytes[]; board: ScriptBytes[] }>();
const startedAt = Date.now();
try {
  for (const c of list) {
    const srv = await startServer({ root: c.root, env: { LOG_LEVEL: 'error' } });
    servers.set(c.name, srv);
    const bs = new Map<number, Board>();
    for (const size of SIZES) bs.set(size, await makeBoard(srv, size));
    boards.set(c.name, bs);
    js.set(c.name, { join: [], board: [] });
    console.log(`${c.name}: server on ${srv.url}, boards of ${SIZES.join(', ')} notes`);
  }
  for (const size of SIZES) {
    for (const rate of RATES) {
      for (let rep = 0; rep < REPS; rep++) {
        // Alternate which checkout goes first, so drift on the machine hits both alike.
        const order = rep % 2 === 0 ? list : [...list].reverse();
        for (const c of order) {
          const t0 = Date.now();
          const srv = servers.get(c.name)!;
          const board = boards.get(c.name)!.get(size)!;
          const measureBytes = rate === 1 && rep === 0;
          const r = await runOnce(browser, srv, board, rate, measureBytes, `${c.name}-${size}-${rate}x-${rep + 1}`);
          if (r.jsBytes) js.get(c.name)!.board.push(r.jsBytes);
          const key = `${c.name}|${size}|${rate}`;
          results.set(key, [...(results.get(key) ?? []), r]);
          const k = stats(r.keyLatencies);
          const rm = stats(r.remoteLatencies);
          console.log(
            `${c.name.padEnd(5)} ${String(size).padStart(4)} notes ${rate}× rep ${rep + 1}: first show ${r1(r.firstShowMs)} ms, key p50/p90 ${k.p50}/${k.p90} ms, ` +
              `remote p90 ${rm.p90} ms, long tasks typing ${r.typingLongTasks.length}, scroll gaps>50 ${r.scrollGaps.filter((g) => g > 50).length}` +
              `${r.errors.length ? `, errors: ${r.errors.slice(0, 2).join(' | ')}` : ''} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
          );
        }
      }
    }
  }
  for (const c of list) js.get(c.name)!.join.push(await joinPageBytes(browser, servers.get(c.name)!, boards.get(c.name)!.get(SIZES[0])!));
} finally {
  await browser.close().catch(() => {});
  for (const bs of boards.values()) for (const b of bs.values()) b.writer.destroy();
  for (const srv of servers.values()) {
    await srv.stop();
    fs.rmSync(srv.dataDir, { recursive: true, force: true });
  }
}

const summary: Record<string, Record<string, Summary>> = {};
for (const c of list) {
  summary[c.name] = {};
  for (const size of SIZES)
    for (const rate of RATES) {
      const runs = results.get(`${c.name}|${size}|${rate}`);
      if (runs) summary[c.name][`${size}@${rate}x`] = summarise(runs);
    }
}
const wire = Object.fromEntries(
  list.map((c) => {
    const j = js.get(c.name)!;
    return [c.name, { joinPage: j.join[0] ?? null, boardPage: j.board[0] ?? null }];
  }),
);
const mine = list.at(-1)!;
const targets = targetsFor(
  (size, rate) => summary[mine.name][`${size}@${rate}x`],
  wire[mine.name].joinPage && wire[mine.name].boardPage
    ? { join: wire[mine.name].joinPage!.encoded, board: wire[mine.name].boardPage!.encoded }
    : undefined,
);
const commit = (root: string) => spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
writeReport('client', {
  params: { sizes: SIZES, rates: RATES, reps: REPS, keys: KEYS, remoteKeys: REMOTE, keyIntervalMs: KEY_INTERVAL_MS, viewport: VIEWPORT },
  checkouts: list.map((c) => ({ ...c, commit: commit(c.root) })),
  seconds: Math.round((Date.now() - startedAt) / 1000),
  results: summary,
  jsOnTheWire: wire,
  targets: { checkout: mine.name, list: targets },
});

// A short table, checkouts side by side (and this ÷ base when there are two).
const rows: string[][] = [
  [
    'size',
    'CPU',
    'checkout',
    'first show',
    'all in DOM',
    'key p50',
    'key p90',
    'key max',
    'long tasks typing (max)',
    'remote p90',
    'scroll frames >50 (max)',
  ],
];
for (const size of SIZES)
  for (const rate of RATES)
    for (const c of list) {
      const s = summary[c.name][`${size}@${rate}x`];
      if (!s) continue;
      rows.push([
        String(size),
        `${rate}×`,
        c.name,
        `${s.firstShowMs}`,
        `${s.allInDomMs}`,
        `${s.keyMs.p50}`,
        `${s.keyMs.p90}`,
        `${s.keyMs.max}`,
        `${s.typingLongTasks.count} (${s.typingLongTasks.max})`,
        `${s.remoteMs.p90}`,
        `${s.scroll.over50} (${s.scroll.maxFrameMs})`,
      ]);
    }
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('\n' + rows.map((r) => r.map((x, i) => x.padEnd(widths[i])).join('  ')).join('\n'));
for (const c of list) {
  const w = wire[c.name];
  const kb = (b: ScriptBytes | null) =>
    b
      ? `${(b.encoded / 1024).toFixed(1)} KB (${b.files} files, ${b.encodings.join('/')}; ${(b.decoded / 1024).toFixed(0)} KB decoded)`
      : 'n/a';
  console.log(`JS on the wire, ${c.name}: join page ${kb(w.joinPage)}, board page ${kb(w.boardPage)}`);
}
if (list.length === 2) {
  const [a, b] = list;
  console.log(`\n${b.name} ÷ ${a.name} (lower is better):`);
  for (const size of SIZES)
    for (const rate of RATES) {
      const x = summary[a.name][`${size}@${rate}x`];
      const y = summary[b.name][`${size}@${rate}x`];
      if (!x || !y) continue;
      const ratio = (p: number | null, q: number | null) => (p && q !== null ? (q / p).toFixed(2) : '–');
      console.log(
        `  ${size} notes ${rate}×: first show ${ratio(x.firstShowMs, y.firstShowMs)}, key p90 ${ratio(x.keyMs.p90, y.keyMs.p90)}, remote p90 ${ratio(x.remoteMs.p90, y.remoteMs.p90)}`,
      );
    }
}
console.log(`\nTargets (${mine.name}):`);
for (const t of targets) console.log(`  ${t.met === null ? '?' : t.met ? 'met ' : 'MISS'}  ${t.target}: ${t.value} (≤ ${t.limit})`);
