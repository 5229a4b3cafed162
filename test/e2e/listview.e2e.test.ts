import path from 'node:path';
import { describe, type ExpectStatic } from 'vitest';
import type { Page } from 'playwright-core';
import { addGroup, addNote } from '../../shared/boardDoc.js';
import {
  type ApiBoard,
  ARTIFACTS,
  axe,
  boardByApi,
  e2eSession,
  e2eTest,
  focused,
  joinByApi,
  openBoardAs,
  setLang,
  startVoteByApi,
  tabUntil,
  type AxeFinding,
  writeDoc,
} from './browserSupport.js';

/**
 * The list view (the board as headed lists in reading order, no drag and drop) and easy-read
 * mode (plainer labels, section symbols with words, a simpler vote): both per person and
 * remembered; usable by keyboard; no axe violations in English or Welsh, wide or narrow.
 * Screenshots go to test-artifacts/listview-*.png.
 *
 * Each test has a board of its own, written through the document channel (listViewBoard), and
 * opens it with the view already chosen (stored on the device) unless choosing it is the test.
 */
const SECTIONS = ['Map our assets', 'Shared goals', 'Plan together', 'Get going!', 'Celebrate, value, share'];

async function outline(page: Page): Promise<string[]> {
  return page
    .locator('.list-view')
    .evaluate((root) =>
      [...root.querySelectorAll('h2, h3')].map((h) => `${h.tagName.toLowerCase()} ${(h.textContent ?? '').replace(/\s+/g, ' ').trim()}`),
    );
}

/** The view choices are in the toolbar's "More" menu (the phone's one menu): Board view, List view, Easy read. */
async function chooseView(page: Page, key: 'board' | 'list' | 'easy'): Promise<void> {
  const button = (await page.locator('#tool-more').isVisible()) ? page.locator('#tool-more') : page.locator('#board-menu');
  await button.click();
  await page.locator(`[role="menu"] [data-key="${key}"]`).click();
  await page.locator('[role="menu"]').waitFor({ state: 'detached' });
}

/** Whether a view choice is on (its menu item is checked). */
async function viewIsOn(page: Page, key: 'board' | 'list' | 'easy'): Promise<boolean> {
  const button = (await page.locator('#tool-more').isVisible()) ? page.locator('#tool-more') : page.locator('#board-menu');
  await button.click();
  const on = (await page.locator(`[role="menu"] [data-key="${key}"]`).getAttribute('aria-checked')) === 'true';
  await page.keyboard.press('Escape');
  await page.locator('[role="menu"]').waitFor({ state: 'detached' });
  return on;
}

async function listedNotes(page: Page): Promise<string[]> {
  return page.locator('.list-view .list-note__text').allInnerTexts();
}

/**
 * The board every test starts from, written by the facilitator (Sam) through the document
 * channel: "The community bus" in Map our assets; "Shorter waiting times" and "Someone to call
 * when I am worried" in Shared goals, and "A named contact" in its group "Quick wins".
 */
async function listViewBoard(url: string): Promise<ApiBoard> {
  const board = await boardByApi(url, 'Improving the memory clinic');
  const author = board.facilitator.authorKey;
  await writeDoc(url, board.boardId, board.facilitator.token, (doc) => {
    addNote(doc, { sectionId: 'goals', text: 'Shorter waiting times', author });
    addNote(doc, { sectionId: 'goals', text: 'Someone to call when I am worried', author });
    addNote(doc, { sectionId: 'assets', text: 'The community bus', author });
    const groupId = addGroup(doc, 'goals', 'Quick wins');
    addNote(doc, { sectionId: 'goals', text: 'A named contact', author, groupId });
  });
  return board;
}

/** Stored on the device: the list view, and easy read. */
const LIST = { 'codesign:view': 'list' };
const EASY_LIST = { 'codesign:view': 'list', 'codesign:easyRead': 'on' };
const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

/** axe findings and anything wider than the screen, for one page in English and Welsh, with screenshots. */
async function check(page: Page, view: string, width: number): Promise<{ findings: AxeFinding[]; overflows: string[] }> {
  const findings: AxeFinding[] = [];
  const overflows: string[] = [];
  for (const lang of ['en', 'cy'] as const) {
    await setLang(page, lang);
    findings.push(...(await axe(page, `${view} (${lang}, ${width}px)`)));
    // Nothing wider than the screen (no sideways scrolling), in either language.
    const wide = await page.evaluate(() => {
      const max = document.documentElement.clientWidth;
      return [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > max + 1 && e.getClientRects().length > 0)
        .slice(0, 3)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}.${(e.className as unknown as string).toString().split(' ')[0]} ${Math.round(e.getBoundingClientRect().right)}`,
        );
    });
    if (wide.length) overflows.push(`${view} (${lang}, ${width}px): ${wide.join(', ')}`);
    await page.screenshot({ path: path.join(ARTIFACTS, `listview-${view}-${width}-${lang}.png`), fullPage: true });
  }
  await setLang(page, 'en');
  return { findings, overflows };
}

/** No axe violations, nothing too wide, no page errors. */
function expectClean(expect: ExpectStatic, checks: Array<{ findings: AxeFinding[]; overflows: string[] }>, errors: string[]): void {
  const report = checks
    .flatMap((c) => c.findings)
    .flatMap((f) => [`${f.view}: ${f.id} (${f.impact}) ${f.help}`, ...f.targets.map((t) => `    ${t}`)]);
  if (report.length) console.error(report.join('\n'));
  expect(report).toEqual([]);
  expect(checks.flatMap((c) => c.overflows)).toEqual([]);
  expect(errors).toEqual([]);
}

describe.concurrent('list view and easy-read mode', () => {
  const session = e2eSession();
  const it = e2eTest(session, 'listview');

  it('the list view, from the "More" menu, shows every section and note in reading order, without drag and drop', async ({
    pages,
    expect,
  }) => {
    const board = await listViewBoard(session.srv.url);
    const fac = await pages.open(WIDE);
    await openBoardAs(fac, board, board.facilitator);
    await fac.locator('.sections .note').first().waitFor();
    await chooseView(fac, 'list');
    await fac.locator('.list-view').waitFor();
    expect(await viewIsOn(fac, 'list')).toBe(true);
    expect(await fac.locator('.sections').count()).toBe(0);
    expect(await outline(fac)).toEqual([
      'h2 Map our assets',
      'h2 Shared goals',
      'h3 Quick wins',
      'h2 Plan together',
      'h2 Get going!',
      'h2 Celebrate, value, share',
    ]);
    expect(await listedNotes(fac)).toEqual([
      'The community bus',
      'Shorter waiting times',
      'Someone to call when I am worried',
      'A named contact',
    ]);
    // Each section's prompt sits under its heading; each note says its colour; mine say "You".
    const first = fac.locator('.list-note').first();
    expect(await first.innerText()).toMatch(/Yellow|Blue|Green|Pink|Orange|Purple/);
    expect(await first.locator('.note__you').innerText()).toBe('You');
    expect(await fac.locator('#section-assets .list-section__prompt').innerText()).toContain('What do we know');
    // No drag and drop here.
    expect(await fac.locator('.list-view [aria-roledescription]').count()).toBe(0);
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('edits a note by keyboard in the list view', async ({ pages, expect }) => {
    const board = await listViewBoard(session.srv.url);
    const fac = await pages.open(WIDE);
    await openBoardAs(fac, board, board.facilitator, LIST);
    await fac.locator('.list-view .list-note').first().waitFor();
    // Tab to "Edit", Enter, type, Escape back to the button.
    await fac.locator('#main').focus();
    await tabUntil(fac, /^Edit note 1 in Map our assets$/);
    await fac.keyboard.press('Enter');
    await fac.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    expect((await focused(fac)).name).toBe('Note 1 in Map our assets');
    await fac.keyboard.press('End');
    await fac.keyboard.type(' on Tuesdays');
    await fac.keyboard.press('Escape');
    // Focus comes back to the Edit button once it is rendered again (body also "contains" Edit).
    await fac.waitForFunction(() => document.activeElement?.tagName === 'BUTTON' && !!document.activeElement.textContent?.includes('Edit'));
    expect((await focused(fac)).name).toBe('Edit note 1 in Map our assets');
    expect((await listedNotes(fac))[0]).toBe('The community bus on Tuesdays');
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('moves a note to another section by keyboard in the list view', async ({ pages, expect }) => {
    const board = await listViewBoard(session.srv.url);
    const fac = await pages.open(WIDE);
    await openBoardAs(fac, board, board.facilitator, LIST);
    await fac.locator('.list-view .list-note').first().waitFor();
    // Options on note 2 of "Shared goals", then "Map our assets".
    await fac.locator('#main').focus();
    await tabUntil(fac, /^Options note 2 in Shared goals$/);
    await fac.keyboard.press('Enter');
    await tabUntil(fac, 'Map our assets');
    await fac.keyboard.press('Enter');
    await fac.getByText('Note moved to Map our assets').first().waitFor({ state: 'attached' });
    await expect
      .poll(() => listedNotes(fac))
      .toEqual(['The community bus', 'Someone to call when I am worried', 'Shorter waiting times', 'A named contact']);
    await fac.waitForFunction(() => document.activeElement?.textContent?.includes('Options'));
    expect((await focused(fac)).name).toMatch(/^Options note 2 in Map our assets/);
    await fac.keyboard.press('Escape'); // nothing to close; harmless
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('the list view is remembered after a reload, and passes axe in English and Welsh at 1280 pixels', async ({ pages, expect }) => {
    const board = await listViewBoard(session.srv.url);
    const fac = await pages.open(WIDE);
    await openBoardAs(fac, board, board.facilitator);
    await fac.locator('.sections .note').first().waitFor();
    await chooseView(fac, 'list');
    await fac.locator('.list-view').waitFor();
    await fac.reload();
    await fac.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await fac.locator('.list-view .list-note').first().waitFor();
    expect(await viewIsOn(fac, 'list')).toBe(true);
    expectClean(expect, [await check(fac, 'list', 1280)], pages.errors);
  }, 60_000);

  it('on a phone, the list view shows every note, nothing is wider than the screen, and axe passes', async ({ pages, expect }) => {
    const board = await listViewBoard(session.srv.url);
    const part = await pages.open(PHONE);
    await openBoardAs(part, board, await joinByApi(board, 'Megan', 'service-user'));
    await chooseView(part, 'list');
    await part.locator('.list-view .list-note').first().waitFor();
    expect(await listedNotes(part)).toHaveLength(4);
    const overflow = await part.evaluate(() => {
      const max = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > max + 1 && e.getClientRects().length > 0)
        .slice(0, 4)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}.${(e.className as unknown as string).toString().split(' ')[0]} ${Math.round(e.getBoundingClientRect().right)}`,
        );
    });
    expect(overflow).toEqual([]);
    expectClean(expect, [await check(part, 'list', 360)], pages.errors);
  }, 60_000);

  it('easy read on a phone: plainer labels and a symbol with words for each section, in English and Welsh', async ({ pages, expect }) => {
    const board = await listViewBoard(session.srv.url);
    const part = await pages.open(PHONE);
    await openBoardAs(part, board, await joinByApi(board, 'Megan', 'service-user'), LIST);
    await part.locator('.list-view .list-note').first().waitFor();
    await chooseView(part, 'easy');
    expect(await viewIsOn(part, 'easy')).toBe(true);
    await part.getByRole('button', { name: 'Write' }).first().waitFor();
    expect(await part.getByRole('button', { name: 'Write' }).count()).toBe(SECTIONS.length);
    expect(await part.getByRole('button', { name: 'Add note' }).count()).toBe(0);
    const symbol = part.locator('#section-assets .section-symbol');
    expect(await symbol.innerText()).toBe('What we have');
    expect(await symbol.locator('svg').getAttribute('aria-hidden')).toBe('true');
    expect(await part.locator('#section-goals .section-symbol').innerText()).toBe('What we want');
    expect(await part.locator('.section-symbol').count()).toBe(SECTIONS.length);
    const checked = await check(part, 'easy-list', 360);
    await setLang(part, 'cy');
    expect(await symbol.innerText()).toBe('Beth sydd gennym');
    expect(await part.getByRole('button', { name: 'Ysgrifennu' }).count()).toBe(SECTIONS.length);
    await setLang(part, 'en');
    expectClean(expect, [checked], pages.errors);
  }, 60_000);

  it('easy read is remembered after a reload, and applies in the board view too', async ({ pages, expect }) => {
    const board = await listViewBoard(session.srv.url);
    const part = await pages.open(PHONE);
    await openBoardAs(part, board, await joinByApi(board, 'Megan', 'service-user'), LIST);
    await part.locator('.list-view .list-note').first().waitFor();
    await chooseView(part, 'easy');
    await part.locator('.list-view .section-symbol').first().waitFor();
    await part.reload();
    await part.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await part.locator('.list-view .section-symbol').first().waitFor();
    await chooseView(part, 'board');
    await part.locator('.sections .section-symbol').first().waitFor();
    // One section shows at a time on the phone; every section has its "Write".
    expect(await part.getByRole('button', { name: 'Write', includeHidden: true }).count()).toBe(SECTIONS.length);
    expectClean(expect, [await check(part, 'easy-board', 360)], pages.errors);
  }, 60_000);

  it('easy read for the facilitator, and a vote with a big "dots left" and big + and − buttons, pass axe wide and narrow', async ({
    pages,
    expect,
  }) => {
    const board = await listViewBoard(session.srv.url);
    const [fac, part] = [await pages.open(WIDE), await pages.open(PHONE)];
    await openBoardAs(fac, board, board.facilitator, LIST);
    await openBoardAs(part, board, await joinByApi(board, 'Megan', 'service-user'), EASY_LIST);
    await fac.locator('.list-view .list-note').first().waitFor();
    await chooseView(fac, 'easy');
    await fac.locator('.list-view .section-symbol').first().waitFor();
    const checks = [await check(fac, 'easy-list', 1280)];
    await startVoteByApi(board);
    await part.getByRole('region', { name: 'Your dots' }).waitFor({ timeout: 10_000 });
    await part.getByRole('button', { name: 'Add a dot to: Shorter waiting times' }).click();
    await expect.poll(() => part.locator('.vote-dock__left strong').innerText()).toMatch(/^You have \d+ dots? left$/);
    checks.push(await check(part, 'easy-vote', 360));
    await fac.getByRole('region', { name: 'Your dots' }).waitFor();
    checks.push(await check(fac, 'easy-vote', 1280));
    expectClean(expect, checks, pages.errors);
  }, 90_000);
});
