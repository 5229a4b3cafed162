import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEMPLATES } from '../../shared/templates.js';
import { formatDate, formatDateTime } from '../../client/src/components/plan/format.js';
import { addNote, closeTool, createBoard, e2eSession, openTool, pseudoLeaks, type Leak } from './browserSupport.js';

/**
 * No English leaks past the translation layer: with the test-only pseudo-language 'zz' (every
 * English string wrapped in ⟦ ⟧), every view is rendered and any interface text, aria-label,
 * placeholder, title or alt without the markers fails. Content (board title, names, notes, the
 * template's section titles, which are bilingual content of their own) is allowed, and so are
 * dates from the plan's date formatter (which writes them in English or Welsh itself).
 */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v !== 'object' || v === null) return [];
  return Object.values(v).flatMap(strings);
}

describe('pseudo-locale: every interface string goes through i18n', () => {
  const session = e2eSession();
  const contexts = session.contexts;

  it('shows no unmarked interface text on any view', async () => {
    const TITLE = 'Pseudo board';
    const NOTES = ['Shorter waiting times', 'Someone to call'];
    const allow = [TITLE, 'Sam', 'Megan', ...NOTES, ...strings(TEMPLATES)];
    const leaks: Array<Leak & { view: string }> = [];
    const scan = async (page: Page, view: string) => {
      await page.waitForTimeout(200);
      for (const l of await pseudoLeaks(page, allow)) leaks.push({ view, ...l });
    };
    const open = async (pseudo: boolean) => {
      const ctx = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      contexts.push(ctx);
      if (pseudo) await ctx.addInitScript(() => localStorage.setItem('codesign:lang', 'zz'));
      return ctx.newPage();
    };
    const P = (s: string) => `⟦${s}⟧`;
    /** A choice in the toolbar's "More" menu (or the phone's one menu), by its key. */
    const choose = async (page: Page, key: string) => {
      const more = (await page.locator('#tool-more').isVisible()) ? page.locator('#tool-more') : page.locator('#board-menu');
      await more.click();
      await page.locator(`[role="menu"] [data-key="${key}"]`).click();
    };

    const fac = await open(false);
    const { joinUrl, boardPath } = await createBoard(fac, session.srv.url, TITLE);
    await addNote(fac, 'Shared goals', NOTES[0]);
    await addNote(fac, 'Shared goals', NOTES[1]);
    await fac.evaluate(() => localStorage.setItem('codesign:lang', 'zz'));
    await fac.reload();
    await fac
      .getByRole('status')
      .filter({ hasText: P('Connected') })
      .waitFor();

    const part = await open(true);
    await part.goto(session.srv.url + '/');
    await part.getByRole('button', { name: P('Create the board') }).waitFor();
    await scan(part, 'home');
    await part.goto(joinUrl);
    await part.getByLabel(P('Your name')).waitFor();
    await scan(part, 'join');
    await part.getByLabel(P('Your name')).fill('Megan');
    await part.getByRole('radio', { name: P('I use the service') }).check();
    await part.getByRole('button', { name: P('Join the board') }).click();
    await part.waitForURL((u) => u.pathname === boardPath);
    await part.getByRole('textbox').nth(1).waitFor();
    await scan(part, 'board');
    // Display settings, from the header: the button and its dialog.
    await part.locator('.display-button').click();
    await part.getByRole('dialog', { name: P('Display settings') }).waitFor();
    await scan(part, 'display-settings');
    await part.keyboard.press('Escape');
    await part.getByRole('dialog').waitFor({ state: 'hidden' });
    await scan(fac, 'board-facilitator');
    // A note's menu, the facilitator's tools, people.
    await fac.locator('[data-focus="menu"]').first().click();
    await fac.getByRole('menu').waitFor();
    await scan(fac, 'note-menu');
    await fac.keyboard.press('Escape');
    await openTool(fac, 'facilitate');
    await scan(fac, 'facilitator-tools');
    await openTool(fac, 'people');
    await scan(fac, 'people');
    await closeTool(fac, 'people');

    // The list view and easy-read mode (per-person choices), then back to the board view.
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
    await choose(part, 'easy');
    await part.locator('.sections').waitFor();
    // On a phone: one section at a time, the section switcher, the one menu.
    await part.setViewportSize({ width: 360, height: 740 });
    await part.getByRole('tablist').waitFor();
    await scan(part, 'board-phone');
    await part.locator('#board-menu').click();
    await part.getByRole('menu').waitFor();
    await scan(part, 'phone-menu');
    await part.keyboard.press('Escape');
    await part.setViewportSize({ width: 1280, height: 900 });

    await openTool(fac, 'invite');
    await scan(fac, 'invite');
    await fac.locator('#show-join-qr').click();
    await fac.getByRole('dialog').getByRole('img').locator('svg').waitFor();
    allow.push(joinUrl);
    await scan(fac, 'join-qr');
    await fac.keyboard.press('Escape');
    await openTool(fac, 'balance');
    await fac.getByRole('table').waitFor();
    await scan(fac, 'balance');
    await openTool(part, 'log');
    await scan(part, 'log');
    await closeTool(part, 'log');

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
    await part.goto(`${session.srv.url}/plan/${boardPath.split('/').pop()}`);
    await part.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    // Dates are written by the plan's own date formatter, in English or in Welsh: not leaks.
    const now = Date.now();
    allow.push(formatDateTime(now, 'en'), formatDateTime(now - 60_000, 'en'), formatDate(now, 'en'));
    await scan(part, 'plan');

    const report = leaks.map((l) => `${l.view}: ${l.where}: ${JSON.stringify(l.text)}`);
    if (report.length) console.error(report.join('\n'));
    expect(report).toEqual([]);
  }, 90_000);
});
