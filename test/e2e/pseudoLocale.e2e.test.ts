import { describe, type ExpectStatic } from 'vitest';
import type { Page } from 'playwright-core';
import { TEMPLATES } from '../../shared/templates.js';
import { addAction } from '../../shared/actionPlan.js';
import { addNote, seedPriorities } from '../../shared/boardDoc.js';
import { formatDate, formatDateTime } from '../../client/src/components/plan/format.js';
import {
  type ApiBoard,
  boardByApi,
  callAs,
  closeTool,
  e2eSession,
  e2eTest,
  type Joined,
  joinByApi,
  openBoardAs,
  openTool,
  pseudoLeaks,
  startVoteByApi,
  type TestPages,
  writeDoc,
} from './browserSupport.js';

/**
 * No English leaks past the translation layer: with the test-only pseudo-language 'zz' (every
 * English string wrapped in ⟦ ⟧), every view is rendered and any interface text, aria-label,
 * placeholder, title or alt without the markers fails. Content (board title, names, notes, the
 * template's section titles, which are bilingual content of their own) is allowed, and so are
 * dates from the plan's date formatter (which writes them in English or Welsh itself).
 *
 * One test per group of views, each on a board of its own (made through the API, its notes
 * written through the document channel), so one leak does not hide the others.
 */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v !== 'object' || v === null) return [];
  return Object.values(v).flatMap(strings);
}

const TITLE = 'Pseudo board';
const NOTES = ['Shorter waiting times', 'Someone to call'];
/** The title of the votes opened through the API: content, as a title typed in the dialog is. */
const VOTE = 'Pseudo vote';
const PSEUDO = { 'codesign:lang': 'zz' };
const P = (s: string) => `⟦${s}⟧`;
const WIDE = { width: 1280, height: 900 };

/** A choice in the toolbar's "More" menu (or the phone's one menu), by its key. */
async function choose(page: Page, key: string): Promise<void> {
  const more = (await page.locator('#tool-more').isVisible()) ? page.locator('#tool-more') : page.locator('#board-menu');
  await more.click();
  await page.locator(`[role="menu"] [data-key="${key}"]`).click();
}

describe.concurrent('pseudo-locale: every interface string goes through i18n', () => {
  const session = e2eSession();
  const it = e2eTest(session, 'pseudoLocale');

  /** Scans pages for leaks, as views; `expectNone` fails with every leak found. */
  function scanner(allowed: string[] = []) {
    const allow = [TITLE, 'Sam', 'Megan', VOTE, ...NOTES, ...strings(TEMPLATES), ...allowed];
    const leaks: string[] = [];
    return {
      allow,
      async scan(page: Page, view: string) {
        await page.waitForTimeout(200);
        for (const l of await pseudoLeaks(page, allow)) leaks.push(`${view}: ${l.where}: ${JSON.stringify(l.text)}`);
      },
      expectNone(expect: ExpectStatic) {
        if (leaks.length) console.error(leaks.join('\n'));
        expect(leaks).toEqual([]);
      },
    };
  }

  /** The board with the facilitator's two notes, and Megan joined (through the API). */
  async function pseudoBoard(): Promise<{ board: ApiBoard; megan: Joined }> {
    const board = await boardByApi(session.srv.url, TITLE);
    await writeDoc(board.url, board.boardId, board.facilitator.token, (doc) => {
      for (const text of NOTES) addNote(doc, { sectionId: 'goals', text, author: board.facilitator.authorKey });
    });
    return { board, megan: await joinByApi(board, 'Megan', 'service-user') };
  }
  /** Opens the board in the pseudo-language, as the facilitator or as Megan. */
  async function openPseudo(pages: TestPages, board: ApiBoard, who: Joined): Promise<Page> {
    const page = await pages.open(WIDE);
    await openBoardAs(page, board, who, PSEUDO);
    await page
      .getByRole('status')
      .filter({ hasText: P('Connected') })
      .waitFor();
    await page.getByRole('textbox').nth(1).waitFor();
    return page;
  }

  it('the home page, the join page, and joining', async ({ pages, expect }) => {
    const { board } = await pseudoBoard();
    const { scan, expectNone } = scanner();
    const part = await pages.open(WIDE);
    await part.addInitScript(() => localStorage.setItem('codesign:lang', 'zz'));
    await part.goto(session.srv.url + '/');
    await part.getByRole('button', { name: P('Create the board') }).waitFor();
    await scan(part, 'home');
    await part.goto(board.joinUrl);
    await part.getByLabel(P('Your name')).waitFor();
    await scan(part, 'join');
    await part.getByLabel(P('Your name')).fill('Megan');
    await part.getByRole('radio', { name: P('I use the service') }).check();
    await part.getByRole('button', { name: P('Join the board') }).click();
    await part.waitForURL((u) => u.pathname === board.boardPath);
    await part.getByRole('textbox').nth(1).waitFor();
    expectNone(expect);
  }, 60_000);

  it("a participant's board and the display settings", async ({ pages, expect }) => {
    const { board, megan } = await pseudoBoard();
    const { scan, expectNone } = scanner();
    const part = await openPseudo(pages, board, megan);
    await scan(part, 'board');
    // Display settings, from the header: the button and its dialog.
    await part.locator('.display-button').click();
    await part.getByRole('dialog', { name: P('Display settings') }).waitFor();
    await scan(part, 'display-settings');
    await part.keyboard.press('Escape');
    await part.getByRole('dialog').waitFor({ state: 'hidden' });
    expectNone(expect);
  }, 60_000);

  it("the facilitator's board, a note's menu, the facilitator's tools and people", async ({ pages, expect }) => {
    const { board } = await pseudoBoard();
    const { scan, expectNone } = scanner();
    const fac = await openPseudo(pages, board, board.facilitator);
    await scan(fac, 'board-facilitator');
    await fac.locator('[data-focus="menu"]').first().click();
    await fac.getByRole('menu').waitFor();
    await scan(fac, 'note-menu');
    await fac.keyboard.press('Escape');
    await openTool(fac, 'facilitate');
    await scan(fac, 'facilitator-tools');
    await openTool(fac, 'people');
    await scan(fac, 'people');
    await closeTool(fac, 'people');
    expectNone(expect);
  }, 60_000);

  it('the list view and easy-read mode, in the list and on the board', async ({ pages, expect }) => {
    const { board, megan } = await pseudoBoard();
    const { scan, expectNone } = scanner();
    const part = await openPseudo(pages, board, megan);
    await choose(part, 'list');
    await part.locator('.list-view .list-note').first().waitFor();
    await part.locator('.list-view .list-note').first().locator('button[data-focus="options"]').click();
    await scan(part, 'list-view');
    await choose(part, 'easy');
    await part.locator('.list-view .section-symbol').first().waitFor();
    await scan(part, 'list-view-easy-read');
    await choose(part, 'board');
    await part.locator('.sections .section-symbol').first().waitFor();
    await scan(part, 'board-easy-read');
    expectNone(expect);
  }, 60_000);

  it('on a phone: one section at a time, the section switcher, the one menu', async ({ pages, expect }) => {
    const { board, megan } = await pseudoBoard();
    const { scan, expectNone } = scanner();
    const part = await openPseudo(pages, board, megan);
    await part.setViewportSize({ width: 360, height: 740 });
    await part.getByRole('tablist').waitFor();
    await scan(part, 'board-phone');
    await part.locator('#board-menu').click();
    await part.getByRole('menu').waitFor();
    await scan(part, 'phone-menu');
    await part.keyboard.press('Escape');
    expectNone(expect);
  }, 60_000);

  it('inviting people and the join QR code, the balance of voice, and the log', async ({ pages, expect }) => {
    const { board, megan } = await pseudoBoard();
    const { allow, scan, expectNone } = scanner();
    const [fac, part] = [await openPseudo(pages, board, board.facilitator), await openPseudo(pages, board, megan)];
    await openTool(fac, 'invite');
    await scan(fac, 'invite');
    await fac.locator('#show-join-qr').click();
    await fac.getByRole('dialog').getByRole('img').locator('svg').waitFor();
    allow.push(board.joinUrl);
    await scan(fac, 'join-qr');
    await fac.keyboard.press('Escape');
    await openTool(fac, 'balance');
    await fac.getByRole('table').waitFor();
    await scan(fac, 'balance');
    await openTool(part, 'log');
    await scan(part, 'log');
    await closeTool(part, 'log');
    expectNone(expect);
  }, 60_000);

  it('voting: the drawer, starting a vote, the dots, closing the vote', async ({ pages, expect }) => {
    const { board, megan } = await pseudoBoard();
    const { scan, expectNone } = scanner();
    const [fac, part] = [await openPseudo(pages, board, board.facilitator), await openPseudo(pages, board, megan)];
    await openTool(fac, 'vote');
    await scan(fac, 'vote-drawer');
    await fac.locator('#start-vote').click();
    await fac.getByRole('dialog').waitFor();
    await scan(fac, 'start-vote');
    await fac.getByRole('button', { name: P('Start the vote') }).click();
    await part.getByRole('region', { name: P('Your dots') }).waitFor({ timeout: 10_000 });
    await part.locator('button[aria-label^="⟦Add a dot to"]').first().click();
    await scan(part, 'vote');
    await fac.getByRole('button', { name: P('Close the vote and show results') }).click();
    await fac.getByRole('button', { name: P('Yes, close the vote') }).click();
    await fac.getByRole('button', { name: P('Use these results') }).waitFor();
    expectNone(expect);
  }, 60_000);

  it('the results, the priorities, the action plan and sharing the plan', async ({ pages, expect }) => {
    const { board, megan } = await pseudoBoard();
    const { scan, expectNone } = scanner();
    // A vote Megan has put a dot in, closed.
    const round = await startVoteByApi(board, VOTE);
    const noteId = await writeDoc(board.url, board.boardId, megan.token, (doc) => [...doc.getMap('notes').keys()][0]);
    await callAs(board.url, board.boardId, megan.token, 'vote:set', { roundId: round.roundId, noteId, dots: 1 });
    await callAs(board.url, board.boardId, board.facilitator.token, 'vote:close', { roundId: round.roundId });
    const [fac, part] = [await openPseudo(pages, board, board.facilitator), await openPseudo(pages, board, megan)];
    await openTool(fac, 'vote');
    await fac.getByRole('button', { name: P('Use these results') }).click();
    await part.locator('.priority__link').first().waitFor({ state: 'attached', timeout: 10_000 });
    await scan(part, 'results-priorities');
    await openTool(part, 'priorities');
    await scan(part, 'priorities');
    await openTool(fac, 'actions');
    await fac.locator('#action-add').click();
    await scan(fac, 'actions');
    await openTool(fac, 'plan');
    await fac.getByRole('button', { name: P('Share the plan with everyone') }).click();
    await fac.getByRole('textbox', { name: P('Link to the plan') }).waitFor();
    await scan(fac, 'results-share-export');
    expectNone(expect);
  }, 60_000);

  it('the agreed plan page', async ({ pages, expect }) => {
    const { board, megan } = await pseudoBoard();
    const { allow, scan, expectNone } = scanner();
    // A closed vote, its results as the priorities, an action, and the plan shared.
    const round = await startVoteByApi(board, VOTE);
    const noteIds = await writeDoc(board.url, board.boardId, megan.token, (doc) => [...doc.getMap('notes').keys()]);
    await callAs(board.url, board.boardId, megan.token, 'vote:set', { roundId: round.roundId, noteId: noteIds[0], dots: 1 });
    await callAs(board.url, board.boardId, board.facilitator.token, 'vote:close', { roundId: round.roundId });
    await writeDoc(board.url, board.boardId, board.facilitator.token, (doc) => {
      seedPriorities(doc, noteIds);
      addAction(doc);
    });
    await callAs(board.url, board.boardId, board.facilitator.token, 'shareback:create');
    const part = await pages.open(WIDE);
    await openBoardAs(part, board, megan, PSEUDO);
    await part.goto(`${session.srv.url}/plan/${board.boardId}`);
    await part.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    // Dates are written by the plan's own date formatter, in English or in Welsh: not leaks.
    const now = Date.now();
    allow.push(formatDateTime(now, 'en'), formatDateTime(now - 60_000, 'en'), formatDate(now, 'en'));
    await scan(part, 'plan');
    expectNone(expect);
  }, 60_000);
});
