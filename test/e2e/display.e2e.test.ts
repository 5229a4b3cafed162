import path from 'node:path';
import { describe, type ExpectStatic } from 'vitest';
import type { Page } from 'playwright-core';
import { addNote as addNoteToDoc } from '../../shared/boardDoc.js';
import {
  type ApiBoard,
  ARTIFACTS,
  addNote,
  axe,
  boardByApi,
  callAs,
  closeTool,
  e2eSession,
  e2eTest,
  type Joined,
  joinByApi,
  openBoardAs,
  openTool,
  setLang,
  startVoteByApi,
  type AxeFinding,
  writeDoc,
} from './browserSupport.js';

/**
 * Display settings (larger text, high contrast, reduce motion), remembered on the device and
 * clean under axe in English and Welsh; announcements that say who did what (or "Someone" on
 * an anonymous board); and on a 360-pixel phone, the connection status never covers "Raise
 * hand". Screenshots go to test-artifacts/display-*.png.
 *
 * Each test has a board of its own (made through the API); the settings are chosen in the
 * dialog where that is the test, and otherwise stored on the device before the board opens.
 */
describe.concurrent('display settings, named announcements, the phone layout', () => {
  const session = e2eSession();
  const it = e2eTest(session, 'display');
  const WIDE = { width: 1280, height: 900 };
  const PHONE = { width: 360, height: 740 };
  /** Larger text and high contrast, as the Display dialog stores them. */
  const DISPLAY = { 'codesign:display': JSON.stringify({ largeText: true, highContrast: true }) };

  const html = (page: Page) =>
    page.evaluate(() => ({
      text: document.documentElement.dataset.text ?? null,
      contrast: document.documentElement.dataset.contrast ?? null,
      fontSize: getComputedStyle(document.documentElement).fontSize,
    }));
  const live = (page: Page) => page.locator('[aria-live="polite"]').allTextContents();
  /** The boxes of the connection status and "Raise hand" (or "Codi llaw"), and whether they overlap. */
  const overlap = (page: Page) =>
    page.evaluate(() => {
      const conn = document.querySelector('.conn__text')!.getBoundingClientRect();
      const hand = [...document.querySelectorAll('.session-bar__actions button')][0]!.getBoundingClientRect();
      const hit = conn.left < hand.right && hand.left < conn.right && conn.top < hand.bottom && hand.top < conn.bottom;
      return { hit, conn: [conn.x, conn.y, conn.width, conn.height], hand: [hand.x, hand.y, hand.width, hand.height] };
    });
  const expectNoFindings = (expect: ExpectStatic, findings: AxeFinding[]) => {
    const report = findings.map((f) => `${f.view}: ${f.id} (${f.impact}) ${f.help}\n    ${f.targets.join('\n    ')}`);
    if (report.length) console.error(report.join('\n'));
    expect(report).toEqual([]);
  };

  /** A board with the facilitator (desktop) and Rhian (on her phone) on it; the facilitator knows Rhian is there. */
  async function facilitatorAndRhian(
    pages: { open(v: { width: number; height: number }, o?: object): Promise<Page> },
    storage: Record<string, string> = {},
  ): Promise<{ board: ApiBoard; rhianJoined: Joined; fac: Page; rhian: Page }> {
    const board = await boardByApi(session.srv.url, 'Display board');
    const rhianJoined = await joinByApi(board, 'Rhian', 'service-user');
    const [fac, rhian] = [await pages.open(WIDE), await pages.open(PHONE)];
    await openBoardAs(fac, board, board.facilitator, storage);
    await openBoardAs(rhian, board, rhianJoined, storage);
    await (await openTool(fac, 'people')).getByText('Rhian').first().waitFor();
    await closeTool(fac, 'people');
    return { board, rhianJoined, fac, rhian };
  }

  it('larger text and high contrast, chosen in the Display dialog, are remembered on the device', async ({ pages, expect }) => {
    const fac = await pages.open(WIDE);
    // From the header, on the home page.
    await fac.goto(session.srv.url + '/');
    expect((await html(fac)).fontSize).toBe('18px');
    await fac.getByRole('button', { name: 'Display', exact: true }).click();
    const dialog = fac.getByRole('dialog', { name: 'Display settings' });
    await dialog.waitFor();
    await dialog.getByRole('checkbox', { name: /Larger text/ }).check();
    await dialog.getByRole('checkbox', { name: /High contrast/ }).check();
    expect(await html(fac)).toEqual({ text: 'large', contrast: 'high', fontSize: '22.5px' });
    await fac.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await fac.evaluate(() => document.activeElement?.textContent)).toContain('Display');

    // Still on after a reload, and on a board.
    await fac.reload();
    expect(await html(fac)).toEqual({ text: 'large', contrast: 'high', fontSize: '22.5px' });
    const board = await boardByApi(session.srv.url, 'Display board');
    await openBoardAs(fac, board, board.facilitator);
    expect(await html(fac)).toEqual({ text: 'large', contrast: 'high', fontSize: '22.5px' });
    await fac.getByRole('button', { name: 'Display', exact: true }).click();
    expect(await dialog.getByRole('checkbox', { name: /Larger text/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /High contrast/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /Reduce motion/ }).isChecked()).toBe(false);
    await fac.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('an announcement names who added a note, and never tells you about your own', async ({ pages, expect }) => {
    const { fac, rhian } = await facilitatorAndRhian(pages);
    await addNote(rhian, 'Shared goals', 'A lift that works');
    await expect.poll(() => live(fac), { timeout: 10_000 }).toContainEqual(expect.stringContaining('Rhian added a note to Shared goals'));
    expect((await live(rhian)).join(' ')).not.toContain('Rhian added');
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('a burst of notes is announced in one sentence, not a flood', async ({ pages, expect }) => {
    const { board, rhianJoined, fac } = await facilitatorAndRhian(pages);
    // Three notes from Rhian in quick succession (three changes, not one), as a burst is: typed
    // in the browser they can come slower than the announcements' interval on a busy machine.
    await writeDoc(board.url, board.boardId, rhianJoined.token, (doc) => {
      for (const text of ['The day centre', 'My daughter', 'The bus pass']) {
        doc.transact(() => addNoteToDoc(doc, { sectionId: 'assets', text, author: rhianJoined.authorKey }));
      }
    });
    await expect
      .poll(() => live(fac), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(/Rhian added (2|3) notes to Map our assets/));
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('on an anonymous board the announcement says "Someone"', async ({ pages, expect }) => {
    const { board, fac, rhian } = await facilitatorAndRhian(pages);
    await callAs(board.url, board.boardId, board.facilitator.token, 'board:anonymous', { anonymous: true });
    await rhian.getByText('Names are hidden on notes').waitFor();
    await fac.getByText('Names are hidden on notes').first().waitFor();
    await addNote(rhian, 'Shared goals', 'Being listened to');
    await expect.poll(() => live(fac), { timeout: 10_000 }).toContainEqual(expect.stringContaining('Someone added a note to Shared goals'));
    expect((await live(fac)).join(' ')).not.toContain('Rhian added a note to Shared goals');
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('with high contrast and larger text the board passes axe in English and Welsh, and on a phone the connection status covers nothing', async ({
    pages,
    expect,
  }) => {
    const { board, rhianJoined, fac, rhian } = await facilitatorAndRhian(pages, DISPLAY);
    await writeDoc(board.url, board.boardId, rhianJoined.token, (doc) => {
      const author = rhianJoined.authorKey;
      for (const text of ['Shorter waiting times', 'A lift that works', 'Being listened to'])
        addNoteToDoc(doc, { sectionId: 'goals', text, author });
      for (const text of ['The day centre', 'My daughter', 'The bus pass']) addNoteToDoc(doc, { sectionId: 'assets', text, author });
    });
    await rhian.getByRole('textbox', { name: 'Note 1 in Shared goals', includeHidden: true }).waitFor({ state: 'attached' });
    expect((await html(rhian)).contrast).toBe('high');
    const findings: AxeFinding[] = [];
    for (const lang of ['en', 'cy'] as const) {
      for (const [page, width] of [
        [fac, 1280],
        [rhian, 360],
      ] as const) {
        await setLang(page, lang);
        findings.push(...(await axe(page, `board high contrast + large (${lang}, ${width}px)`)));
        await page.screenshot({ path: path.join(ARTIFACTS, `display-board-${width}-${lang}.png`) });
      }
      // On the phone, the connection status does not cover "Raise hand".
      expect(
        await rhian.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        `${lang}: no sideways scrolling at 360px`,
      ).toBeLessThanOrEqual(0);
      const o = await overlap(rhian);
      expect(o.hit, `${lang}: ${JSON.stringify(o)}`).toBe(false);
    }
    expectNoFindings(expect, findings);
    expect(pages.errors).toEqual([]);
  }, 90_000);

  it('the Display dialog passes axe in Welsh, with high contrast and larger text', async ({ pages, expect }) => {
    const board = await boardByApi(session.srv.url, 'Display board');
    const fac = await pages.open(WIDE);
    await openBoardAs(fac, board, board.facilitator, DISPLAY);
    await setLang(fac, 'cy');
    await fac.getByRole('button', { name: 'Dangos', exact: true }).click();
    await fac.getByRole('dialog', { name: 'Gosodiadau dangos' }).waitFor();
    const findings = await axe(fac, 'display dialog (cy, 1280px)');
    await fac.screenshot({ path: path.join(ARTIFACTS, 'display-dialog-1280-cy.png') });
    await fac.keyboard.press('Escape');
    expectNoFindings(expect, findings);
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('with the voting dots bar on a phone, nothing is covered or scrolls sideways, and axe passes', async ({ pages, expect }) => {
    const board = await boardByApi(session.srv.url, 'Display board');
    const rhian = await pages.open(PHONE);
    await openBoardAs(rhian, board, await joinByApi(board, 'Rhian', 'service-user'), DISPLAY);
    await startVoteByApi(board);
    await rhian.locator('.vote-dock').waitFor({ timeout: 10_000 });
    const findings: AxeFinding[] = [];
    for (const lang of ['cy', 'en'] as const) {
      await setLang(rhian, lang);
      await rhian.evaluate(() => window.scrollTo(0, 0));
      expect(
        await rhian.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        `vote, ${lang}: no sideways scrolling`,
      ).toBeLessThanOrEqual(0);
      const o = await overlap(rhian);
      expect(o.hit, `vote, ${lang}: ${JSON.stringify(o)}`).toBe(false);
      findings.push(...(await axe(rhian, `vote high contrast + large (${lang}, 360px)`)));
      await rhian.screenshot({ path: path.join(ARTIFACTS, `display-vote-360-${lang}.png`) });
    }
    expectNoFindings(expect, findings);
    expect(pages.errors).toEqual([]);
  }, 60_000);
});
