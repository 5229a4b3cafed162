import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.js';
import type { ParticipantGroup } from '../../shared/participants.js';
import type { AckResult } from '../../shared/session.js';
import { TEMPLATES } from '../../shared/templates.js';
import type { VoteRound } from '../../shared/votes.js';
import { connectDoc, connectSession, createBoard as createBoardByApi, join, request, waitFor } from '../support/clients.js';
import { startServer, type RunningServer, type StartOptions } from '../support/server.js';

/** Shared helpers for the end-to-end tests: Chromium, the built client, and common steps in the UI. */
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** Fails loudly (never skips) when Chromium or the built client is missing. */
export function checkPrerequisites(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      process.env.CI
        ? `CI: Chromium is missing at ${CHROMIUM}. The CI image must install it (apt-get install -y chromium).`
        : `Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium ` +
            '(or point CHROMIUM_PATH at a Chromium binary). The end-to-end tests do not skip.',
    );
  }
  if (!fs.existsSync(path.join(ROOT, 'dist/client/index.html'))) {
    throw new Error('The client is not built (dist/client/index.html is missing). Run `npx vite build` first.');
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface AxeFinding {
  view: string;
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page as it is now; returns the violations. */
export async function axe(page: Page, view: string): Promise<AxeFinding[]> {
  // Evaluated over CDP, which the page's Content-Security-Policy does not govern (a script tag would be refused).
  // (With the CSP watch paused: see below.)
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate(`window.__axeRunning = true;\n${fs.readFileSync(AXE_PATH, 'utf8')}`);
  // From the top of the page (nothing under the sticky header); let transitions finish first.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(250);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (
          ctx: unknown,
          opts: unknown,
        ) => Promise<{
          violations: Array<{
            id: string;
            impact: string | null;
            help: string;
            nodes: Array<{ target: unknown[]; failureSummary?: string }>;
          }>;
        }>;
      };
    };
    // axe-core tries `new Function` (the page's CSP refuses it, and axe does without): that
    // refusal is the test tool's, not the app's, so the CSP watch skips it while axe runs.
    const flags = window as unknown as { __axeRunning?: boolean };
    flags.__axeRunning = true;
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    // Violation events are queued as tasks: let them arrive before the watch is on again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    flags.__axeRunning = false;
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 6).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(1, 2).join(' ') ?? ''}`),
    }));
  });
  return violations.map((v) => ({ view, ...v }));
}

/** Switches the interface language with the on-screen switch (or the stored choice and a reload). */
export async function setLang(page: Page, lang: 'en' | 'cy'): Promise<void> {
  const button = page.locator(`.lang-switch__button[lang="${lang}"]`).first();
  if ((await button.count()) > 0) {
    // A programmatic click: the switch may sit behind an open modal dialog.
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.evaluate((b) => (b as HTMLElement).click());
  } else {
    await page.evaluate((l) => localStorage.setItem('codesign:lang', l), lang);
    await page.reload();
  }
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

export async function createBoard(page: Page, url: string, title: string): Promise<{ joinUrl: string; boardPath: string }> {
  await page.goto(url + '/');
  await page.getByLabel('Name of the board').fill(title);
  await page.getByRole('radio', { name: /Co-production: what should we do\?/ }).check();
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByLabel('Your name').fill('Sam');
  await page.getByRole('radio', { name: 'Staff or professional' }).check();
  await page.getByRole('button', { name: 'Create the board' }).click();
  await page.waitForURL(/\/board\/[^/]+$/);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  const joinUrl = await joinLinkOf(page);
  return { joinUrl, boardPath: new URL(page.url()).pathname };
}

/** The board's drawers (components/board/BoardUi.tsx DrawerName). */
export type Tool = 'facilitate' | 'invite' | 'vote' | 'priorities' | 'actions' | 'plan' | 'people' | 'log' | 'balance';

/**
 * Opens one of the board's drawers as a person would: its toolbar button (or "Invite people" in
 * the header; "What the facilitator did" and "Balance of voice" are under "More"), or, on a
 * phone, the one "Menu". Returns the drawer (a region named by its heading).
 */
export async function openTool(page: Page, tool: Tool) {
  const drawer = page.locator(`#drawer-${tool}`);
  if (await drawer.isVisible()) return drawer;
  // Another drawer open (on a phone it covers the page): close it first, as a person would.
  const other = page.locator('.drawer:not([hidden])');
  if ((await other.count()) > 0) await other.locator('.drawer__close').first().click();
  const direct = page.locator(tool === 'invite' ? '#tool-invite' : `#tool-${tool}`);
  if (await direct.isVisible()) {
    await direct.click();
  } else {
    const more = page.locator('#tool-more');
    const menuButton = (tool === 'log' || tool === 'balance') && (await more.isVisible()) ? more : page.locator('#board-menu');
    await menuButton.click();
    await page.locator(`[role="menu"] [data-key="${tool}"]`).click();
  }
  await drawer.waitFor();
  return drawer;
}

/** Closes the open drawer with Escape (focus goes back to what opened it). */
export async function closeTool(page: Page, tool: Tool): Promise<void> {
  const drawer = page.locator(`#drawer-${tool}`);
  if (!(await drawer.isVisible())) return;
  await drawer.locator('.drawer__close').click();
  await drawer.waitFor({ state: 'hidden' });
}

/** The join link, from the facilitator's "Invite people" drawer (closed again afterwards). */
export async function joinLinkOf(page: Page): Promise<string> {
  const wasOpen = await page.locator('#drawer-invite').isVisible();
  const drawer = await openTool(page, 'invite');
  const url = await drawer.getByLabel('Join link').inputValue();
  if (!wasOpen) await closeTool(page, 'invite');
  return url;
}

/** On a phone (one section at a time), shows a section with its tab; elsewhere does nothing. */
export async function openSection(page: Page, section: string): Promise<void> {
  const tab = page.getByRole('tab', { name: new RegExp(`^\\d+ ${section.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  if ((await tab.count()) === 0 || !(await tab.isVisible())) return;
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.getByRole('region', { name: section, exact: true }).waitFor();
}

export async function addNote(page: Page, section: string, text: string) {
  await openSection(page, section);
  await page.getByRole('region', { name: section, exact: true }).getByRole('button', { name: 'Add note' }).click();
  await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
  await page.keyboard.type(text);
}

/** With a menu open (focus on an item), moves with the arrow keys to the item and presses Enter. */
export async function chooseInMenu(page: Page, item: string | RegExp): Promise<void> {
  const match = (name: string) => (typeof item === 'string' ? name === item : item.test(name));
  await page.waitForFunction(() => document.activeElement?.closest('[role="menu"]') !== null);
  for (let i = 0; i < 40; i++) {
    const name = await page.evaluate(() => (document.activeElement?.querySelector('.menu__label')?.firstChild?.textContent ?? '').trim());
    if (match(name)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`No menu item ${String(item)}`);
}

/** Opens a note's menu (the note whose text field is named `noteName`) by clicking its button. */
export async function openNoteMenu(page: Page, noteName: string) {
  const card = page.locator('li[data-note-id]').filter({ has: page.getByRole('textbox', { name: noteName, exact: true }) });
  await card.locator('[data-focus="menu"]').click();
  return page.getByRole('menu');
}

export interface Focused {
  name: string;
  id: string;
  tag: string;
  visible: boolean;
  role: string;
}

/** The focused element: its accessible name (roughly), id, and whether its focus indicator shows. */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: '', id: '', tag: 'BODY', visible: true, role: '' };
    const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    const labelled = el.getAttribute('aria-labelledby');
    const name =
      clean(el.getAttribute('aria-label')) ||
      (labelled
        ? clean(
            labelled
              .split(' ')
              .map((i) => document.getElementById(i)?.textContent)
              .join(' '),
          )
        : '') ||
      clean((el as HTMLInputElement).labels?.[0]?.textContent) ||
      clean(el.textContent);
    const shows = (e: Element) => {
      const s = getComputedStyle(e);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      return outline || (s.boxShadow !== 'none' && s.boxShadow !== '');
    };
    const r = el.getBoundingClientRect();
    // The indicator is on the element, or (for visually hidden inputs) on its label.
    const label = (el as HTMLInputElement).labels?.[0];
    const visible = r.width > 0 && r.height > 0 && (shows(el) || (!!label && shows(label)));
    return { name, id: el.id, tag: el.tagName, visible, role: el.getAttribute('role') ?? (el as HTMLInputElement).type ?? '' };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would; every
 * element passed on the way must show a visible focus indicator, and focus must keep moving
 * (no trap: the same few elements over and over without reaching the target fails).
 */
export async function tabUntil(
  page: Page,
  want: string | RegExp | ((f: Focused) => boolean),
  options: { back?: boolean; maxPresses?: number } = {},
): Promise<Focused> {
  const match =
    typeof want === 'function' ? want : (f: Focused) => (typeof want === 'string' ? f.name === want || f.id === want : want.test(f.name));
  const seen: string[] = [];
  for (let i = 0; i < (options.maxPresses ?? 200); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f.tag !== 'BODY' && !f.visible) throw new Error(`No visible focus on ${f.tag}#${f.id} "${f.name}"`);
    if (match(f)) return f;
    seen.push(`${f.tag}#${f.id}:${f.name}`);
    if (seen.length > 12 && new Set(seen.slice(-12)).size <= 2) throw new Error(`Focus is trapped at ${seen.at(-1)}`);
  }
  throw new Error(`Could not reach ${String(want)} with the Tab key; passed:\n${seen.slice(-30).join('\n')}`);
}

/** Presses an arrow key until the focused control (a radio in a group) matches. */
export async function arrowUntil(page: Page, want: RegExp, key = 'ArrowDown'): Promise<void> {
  for (let i = 0; i < 12; i++) {
    if (want.test((await focused(page)).name)) {
      // Focus alone does not choose a radio in a group with nothing chosen yet: Space does.
      if (!(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked))) await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`Could not reach ${String(want)} with ${key}`);
}

export interface Leak {
  where: string;
  text: string;
}

/**
 * Text from the interface that is not wrapped in the pseudo-language markers ⟦ ⟧: visible (or
 * screen-reader-only) text nodes, and aria-label, placeholder, title and alt attributes.
 * `allow` lists content (board title, names, notes, section titles) that is not from the UI.
 */
export function pseudoLeaks(page: Page, allow: string[]): Promise<Leak[]> {
  return page.evaluate((allowed) => {
    const sorted = [...new Set(allowed)].filter(Boolean).sort((a, b) => b.length - a.length);
    const rest = (s: string) => {
      let out = s;
      for (let prev = ''; prev !== out; ) {
        prev = out;
        out = out.replace(/⟦[^⟦⟧]*⟧/g, ' ');
      }
      for (const a of sorted) out = out.split(a).join(' ');
      return out;
    };
    const leaks: Array<{ where: string; text: string }> = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}`;
    // Elements marked as being in English or Welsh on purpose (the language switch) are not leaks.
    const otherLang = (el: Element) => !!el.closest('[lang="en"], [lang="cy"]');
    const shown = (el: Element) => el.closest('option') !== null || el.getClientRects().length > 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, textarea') || otherLang(el) || !shown(el)) continue;
      const left = rest(n.textContent ?? '');
      if (/\p{L}/u.test(left)) leaks.push({ where: describe(el), text: (n.textContent ?? '').trim() });
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
      if (otherLang(el) || !shown(el)) continue;
      for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(attr);
        if (v && /\p{L}/u.test(rest(v))) leaks.push({ where: `${describe(el)}[${attr}]`, text: v });
      }
    }
    const title = document.title;
    if (/\p{L}/u.test(rest(title))) leaks.push({ where: 'document.title', text: title });
    return leaks;
  }, allow);
}

/**
 * The real server and Chromium for one describe block: started before its tests, and every
 * context, the browser and the server (with its data) closed after.
 */
export function e2eSession(options: StartOptions = {}) {
  let srv: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const cspViolations: CspViolation[] = [];
  beforeAll(async () => {
    checkPrerequisites();
    [srv, browser] = await Promise.all([startServer(options), launch()]);
    watchCsp(browser, cspViolations);
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await srv?.stop();
    if (srv) fs.rmSync(srv.dataDir, { recursive: true, force: true });
    // Every page of every test ran under the server's own Content-Security-Policy (checked after
    // the clean-up, so a violation never leaves a server or a browser running).
    expect(cspViolations).toEqual([]);
  }, 30_000);
  return {
    get srv(): RunningServer {
      if (!srv) throw new Error('the e2e server has not started');
      return srv;
    },
    get browser(): Browser {
      if (!browser) throw new Error('Chromium has not started');
      return browser;
    },
    contexts,
    cspViolations,
  };
}

/** Something the page did that its Content-Security-Policy refused. */
export interface CspViolation {
  url: string;
  directive: string;
  blocked: string;
  sample: string;
}

/**
 * Every context the browser makes reports the page's CSP violations into `into` (an init script
 * listens for `securitypolicyviolation`; a binding carries them out, across navigations).
 */
function watchCsp(browser: Browser, into: CspViolation[]): void {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const ctx = await newContext(options);
    await ctx.exposeBinding('__reportCspViolation', ({ page }, v: Omit<CspViolation, 'url'>) => {
      into.push({ url: page.url(), ...v });
    });
    await ctx.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { __reportCspViolation: (v: unknown) => void; __axeRunning?: boolean };
        if (w.__axeRunning && e.blockedURI === 'eval') return;
        void w.__reportCspViolation({
          directive: e.effectiveDirective,
          blocked: e.blockedURI,
          sample: `${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
        });
      });
    });
    return ctx;
  };
}

/** A test's own browser pages (see e2eTest), with the errors thrown on them. */
export interface TestPages {
  /** A new page; below 500 pixels wide it is a phone (touch, mobile). */
  open(viewport: { width: number; height: number }, options?: BrowserContextOptions): Promise<Page>;
  /** Uncaught errors on this test's pages so far. */
  readonly errors: string[];
}

/**
 * `it` for the tests of one file, with a `pages` fixture: each test's pages are new and start
 * with nothing stored (localStorage is cleared when a page first loads, not when it reloads),
 * but they reuse the file's browser contexts (one test at a time each), so the built client is
 * not downloaded and compiled again for every test. When a test fails, a screenshot of each of
 * its pages is saved first, as test-artifacts/<prefix>-failure-<i>.png. Safe with
 * describe.concurrent.
 */
export function e2eTest(session: ReturnType<typeof e2eSession>, prefix: string) {
  /** Contexts not in use, by their options. */
  const idle = new Map<string, BrowserContext[]>();
  return it.extend<{ pages: TestPages }>({
    pages: async ({ task }, use) => {
      const pages: Page[] = [];
      const errors: string[] = [];
      const lent: Array<[string, BrowserContext]> = [];
      await use({
        errors,
        async open(viewport, options = {}) {
          const all: BrowserContextOptions = {
            viewport,
            locale: 'en-GB',
            ...(viewport.width < 500 ? { hasTouch: true, isMobile: true } : {}),
            ...options,
          };
          const key = JSON.stringify(all);
          let ctx = idle.get(key)?.pop();
          if (!ctx) {
            ctx = await session.browser.newContext(all);
            session.contexts.push(ctx);
          }
          lent.push([key, ctx]);
          const page = await ctx.newPage();
          // Nothing stored by an earlier test's page in this context (sessionStorage is this page's own).
          await page.addInitScript(() => {
            if (sessionStorage.getItem('e2e:fresh')) return;
            localStorage.clear();
            sessionStorage.setItem('e2e:fresh', '1');
          });
          const i = pages.length;
          page.on('pageerror', (e) => errors.push(`page ${i}: ${e.message}`));
          pages.push(page);
          return page;
        },
      });
      if (task.result?.state === 'fail') {
        for (const [i, p] of pages.entries())
          await p.screenshot({ path: path.join(ARTIFACTS, `${prefix}-failure-${i}.png`) }).catch(() => {});
        console.error(`${task.name}: server output (last 3000 characters):\n${session.srv.output().slice(-3000)}`);
      }
      for (const p of pages) await p.close().catch(() => {});
      for (const [key, ctx] of lent) idle.set(key, [...(idle.get(key) ?? []), ctx]);
    },
  });
}

/** Someone joined through the HTTP API, not in a browser. */
export interface Joined extends JoinResponse {
  name: string;
  group: ParticipantGroup;
}

/** A board created through the HTTP API, with its facilitator (Sam, staff) joined through the API too. */
export interface ApiBoard extends CreateBoardResponse {
  url: string;
  boardPath: string;
  title: string;
  facilitator: Joined;
}

/**
 * For tests whose subject is not creating a board: the board (co-production template, English)
 * made through the HTTP API, as the home page makes it, and its facilitator joined.
 */
export async function boardByApi(url: string, title: string): Promise<ApiBoard> {
  const created = await createBoardByApi(url, { title, template: 'coproduction', language: 'en' });
  const facilitator = await joinByApi({ url, ...created }, 'Sam', 'staff', created.facilitatorKey);
  return { ...created, url, title, boardPath: `/board/${created.boardId}`, facilitator };
}

/** Someone joins through the HTTP API (with the join link's key unless told otherwise). */
export async function joinByApi(
  board: { url: string; boardId: string; joinKey: string },
  name: string,
  group: ParticipantGroup = 'service-user',
  key = board.joinKey,
): Promise<Joined> {
  return { ...(await join(board.url, board.boardId, key, name, group)), name, group };
}

/**
 * Opens the board in `page` as someone joined through the API: what the home or join page stores
 * for them, and any other stored choices (`storage`: display settings, view, language), are put in
 * localStorage before the page runs, only where still unset, so a choice the test makes survives a
 * reload. Resolves once the board is connected and its notes are shown.
 */
export async function openBoardAs(page: Page, board: ApiBoard, who: Joined, storage: Record<string, string> = {}): Promise<void> {
  const identity = {
    token: who.token,
    participantId: who.participantId,
    role: who.role,
    authorKey: who.authorKey,
    ...(who.role === 'facilitator' ? { joinUrl: board.joinUrl, facilitatorUrl: board.facilitatorUrl } : { joinKey: board.joinKey }),
    title: board.title,
    boardLanguage: 'en',
    name: who.name,
  };
  await page.addInitScript(
    (items) => {
      for (const [k, v] of Object.entries(items)) if (localStorage.getItem(k) === null) localStorage.setItem(k, v);
    },
    { [`codesign:board:${board.boardId}`]: JSON.stringify(identity), ...storage },
  );
  await page.goto(board.url + board.boardPath);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
}

/**
 * Writes to a board's document as another client would, over y-websocket (notes, groups,
 * priorities, actions: see shared/boardDoc.ts), and resolves with what `write` returned once the
 * server has every change (a second client sees them).
 */
export async function writeDoc<T>(url: string, boardId: string, token: string, write: (doc: Y.Doc) => T): Promise<T> {
  const writer = connectDoc(url, boardId, token);
  const reader = connectDoc(url, boardId, token);
  try {
    await writer.synced;
    const result = write(writer.doc);
    const clock = Y.getState(writer.doc.store, writer.doc.clientID);
    await reader.synced;
    await waitFor(() => Y.getState(reader.doc.store, writer.doc.clientID) >= clock, 'the server to have the changes written');
    return result;
  } finally {
    writer.destroy();
    reader.destroy();
  }
}

/**
 * One session request as someone (a socket.io client of its own, closed after), for state a test
 * needs but does not test: open or close a vote, cast dots, make the board anonymous, share the
 * plan. Resolves with the acknowledgement's data; a refusal fails the test.
 */
export async function callAs<T = unknown>(url: string, boardId: string, token: string, event: string, payload: unknown = {}): Promise<T> {
  const socket = connectSession(url, boardId, token);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const ack = await request<AckResult<T>>(socket, event, payload);
    if (!ack.ok) throw new Error(`${event} refused: ${JSON.stringify(ack)}`);
    return ack.data;
  } finally {
    socket.close();
  }
}

/** The facilitator opens a vote over every section (3 dots each), as "Start the vote" does by default. */
export function startVoteByApi(board: ApiBoard, title = 'Which ideas matter most to us?'): Promise<VoteRound> {
  const sectionIds = TEMPLATES.coproduction.sections.map((s) => s.id);
  return callAs<VoteRound>(board.url, board.boardId, board.facilitator.token, 'vote:open', { title, sectionIds, budget: 3 });
}
