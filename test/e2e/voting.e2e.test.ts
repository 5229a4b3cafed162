import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, addNote, closeTool, e2eSession, openSection, openTool, createBoard } from './browserSupport.js';

/**
 * Voting and the shared priorities, end to end in a real browser: the facilitator creates a
 * board and notes, two people join, the facilitator opens a vote, all three vote with the same
 * budget (one by keyboard only, one on a phone by touch), the facilitator also votes for
 * someone in the room without a device, nobody sees anything of other people's votes until the
 * close, then all three see the same ranking (ties as ties). Someone seeds the shared priority
 * list from the results and reorders it by keyboard only, and every client sees the new order.
 * Voting and the priorities are drawers opened from the toolbar (the phone's menu). One session
 * in steps that each report on their own. Screenshots (1280 and 375 wide, English and Welsh,
 * vote mode and results) go to test-artifacts/.
 */

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });

/** Presses Tab (or Shift+Tab) until the focused element has this accessible name (or id), as a keyboard user would. */
async function tabUntil(page: Page, accessibleName: string, options: { back?: boolean; maxPresses?: number } = {}) {
  for (let i = 0; i < (options.maxPresses ?? 40); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    if ((await focusedName(page)) === accessibleName) return;
    if ((await page.evaluate(() => document.activeElement?.id)) === accessibleName) return;
  }
  throw new Error(`Could not reach "${accessibleName}" with the Tab key`);
}

/** The text of every note in a section, in the order shown. */
function notesIn(page: Page, section: string): Promise<string[]> {
  return page
    .getByRole('region', { name: section, exact: true, includeHidden: true })
    .locator('textarea')
    .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
}

/** What the "You have N of M dots left" dock says. */
const dock = (page: Page) => page.getByRole('region', { name: /^(Your dots|Eich dotiau)$/ });
const dockText = (page: Page) => dock(page).innerText();

/** The ranked results list as [place, text, dots] rows (visible text only). */
function ranking(page: Page) {
  return page
    .locator('.results__item')
    .evaluateAll((items) =>
      items.map((li) => [
        li.querySelector('.results__place [aria-hidden="true"]')?.textContent ?? '',
        li.querySelector('.results__text')?.childNodes[0]?.textContent ?? '',
        li.querySelector('.results__total strong')?.textContent ?? '',
      ]),
    );
}

/** The shared priority list, as shown. */
function priorities(page: Page) {
  return page
    .getByRole('list', { name: /^(Our shared priorities|Ein blaenoriaethau cyffredin), /, includeHidden: true })
    .locator('.priority__link')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
}

async function settle(page: Page) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** A screenshot of the screen as it is (the board, with any drawer that is open). */
async function shoot(page: Page, file: string) {
  await settle(page);
  await page.screenshot({ path: path.join(ARTIFACTS, file) });
}

describe('voting and shared priorities in a browser', () => {
  const session = e2eSession();
  const contexts = session.contexts;
  const A = 'Shorter waiting times for the first appointment';
  const B = 'Someone to call when I am worried';
  const C = 'Appointments in Welsh';
  const OUT = 'The community bus to the clinic';
  const errors: string[] = [];
  const seen: Array<[string, Page]> = [];
  let fac: Page;
  let megan: Page;
  let rhys: Page;
  const expected = [
    ['1st', A, '4 dots'],
    ['=2nd', B, '3 dots'],
    ['=2nd', C, '3 dots'],
  ];

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of seen) {
      await page.screenshot({ path: path.join(ARTIFACTS, `voting-failure-${who}.png`), fullPage: true }).catch(() => {});
    }
    console.error(`server output (last 4000 characters):\n${session.srv.output().slice(-4000)}`);
  });

  it('the facilitator makes a board with notes; two people join, one on a phone', async () => {
    const facCtx = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(facCtx);
    fac = await facCtx.newPage();
    seen.push(['facilitator', fac]);
    fac.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
    const { joinUrl } = await createBoard(fac, session.srv.url, 'Improving the memory clinic');
    const boardPath = new URL(fac.url()).pathname;

    await addNote(fac, 'Shared goals', A);
    await addNote(fac, 'Shared goals', B);
    await addNote(fac, 'Shared goals', C);
    await addNote(fac, 'Map our assets', OUT);

    // Megan on a phone (touch), Rhys on a laptop (keyboard only).
    const join = async (who: string, group: string, options: Parameters<Browser['newContext']>[0]) => {
      const ctx = await session.browser.newContext({ locale: 'en-GB', ...options });
      contexts.push(ctx);
      const page = await ctx.newPage();
      seen.push([who, page]);
      page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
      await page.goto(joinUrl);
      await page.getByLabel('Your name').fill(who);
      await page.getByRole('radio', { name: group }).check();
      await page.getByRole('button', { name: 'Join the board' }).click();
      await page.waitForURL((url) => url.pathname === boardPath);
      await expect.poll(() => notesIn(page, 'Shared goals'), { timeout: 10_000 }).toEqual([A, B, C]);
      return page;
    };
    megan = await join('Megan', 'I use the service', { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
    rhys = await join('Rhys', 'Family member or carer', { viewport: { width: 1280, height: 900 } });
  }, 60_000);

  it('someone in the room without a device is added; Megan may help people in the room vote', async () => {
    const voting = await openTool(fac, 'vote');
    const inRoom = voting.locator('details.in-room');
    await inRoom.locator('summary').click();
    await fac.getByLabel('Their name').fill('Mair');
    await fac.getByLabel('Which group are they in?').selectOption('community');
    await fac.getByRole('button', { name: 'Add this person' }).click();
    await inRoom.getByText('Mair', { exact: true }).first().waitFor();
    const facPresence = await openTool(fac, 'people');
    await expect.poll(() => facPresence.getByRole('listitem').filter({ hasText: 'Mair' }).innerText()).toContain('In the room');
    await facPresence.getByRole('checkbox', { name: 'Allow to vote for people in the room: Megan' }).check();
    const rhysPresence = await openTool(rhys, 'people');
    await expect
      .poll(() => rhysPresence.getByRole('listitem').filter({ hasText: 'Megan' }).innerText())
      .toContain('Helps people in the room vote');
    await closeTool(rhys, 'people');
  }, 60_000);

  it('the facilitator starts a vote on “Shared goals” only, 3 dots each; it shows for everyone', async () => {
    const voting = await openTool(fac, 'vote');
    await voting.getByRole('button', { name: 'Start a vote' }).click();
    const dialog = fac.getByRole('dialog', { name: 'Start a vote' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByLabel('What are people voting on?').inputValue()).toBe('Which ideas matter most to us?');
    for (const s of ['Map our assets', 'Plan together', 'Get going!', 'Celebrate, value, share']) {
      await dialog.getByRole('checkbox', { name: s }).uncheck();
    }
    await expect.poll(() => dialog.getByRole('checkbox', { name: 'Shared goals' }).isChecked()).toBe(true);
    await dialog.getByLabel('Dots for each person').fill('3');
    await dialog.getByRole('checkbox', { name: 'Limit how many dots one person can put on one note' }).check();
    await dialog.getByLabel('Most dots on one note').fill('2');
    await fac.screenshot({ path: path.join(ARTIFACTS, 'start-vote-dialog-1280.png') });
    await dialog.getByRole('checkbox', { name: 'Limit how many dots one person can put on one note' }).uncheck();
    await dialog.getByRole('button', { name: 'Start the vote' }).click();
    await dialog.waitFor({ state: 'hidden' });

    for (const page of [fac, megan, rhys]) {
      await expect.poll(() => dockText(page), { timeout: 10_000 }).toContain('You have 3 of 3 dots left');
      await expect.poll(() => dockText(page)).toContain('Nobody has voted yet');
      // The note outside the vote is clearly not votable.
      await openSection(page, 'Map our assets');
      const outNote = page.getByRole('region', { name: 'Map our assets', exact: true });
      await outNote.getByText('Not part of this vote').waitFor();
      expect(await outNote.getByRole('button', { name: /Add a dot/ }).count()).toBe(0);
    }
    // "Vote open" in the slim bar on a wide screen.
    await rhys.locator('.session-chip--vote').filter({ hasText: 'Vote open' }).waitFor();
  }, 60_000);

  it('all three vote with the same budget: by click, by touch, by keyboard, and for Mair', async () => {
    // The facilitator votes by clicking: 2 on A, 1 on B.
    await fac.getByRole('button', { name: `Add a dot to: ${A}` }).click();
    await expect.poll(() => dockText(fac)).toContain('You have 2 of 3 dots left');
    await fac.getByRole('button', { name: `Add a dot to: ${A}` }).click();
    await fac.getByRole('button', { name: `Add a dot to: ${B}` }).click();
    await expect.poll(() => dockText(fac)).toContain('You have 0 of 3 dots left');
    expect(await fac.getByRole('group', { name: `Your dots on: ${A}` }).innerText()).toContain('2 dots');
    await expect.poll(() => dockText(megan)).toContain('1 person has voted');

    // Megan, on the phone, votes by touch: 2 on B, 1 on C, then one too many.
    await openSection(megan, 'Shared goals');
    await megan.getByRole('button', { name: `Add a dot to: ${B}` }).tap();
    await expect.poll(() => dockText(megan)).toContain('You have 2 of 3 dots left');
    await megan.getByRole('button', { name: `Add a dot to: ${B}` }).tap();
    await megan.getByRole('button', { name: `Add a dot to: ${C}` }).tap();
    await expect.poll(() => dockText(megan)).toContain('You have 0 of 3 dots left');
    // The button says it cannot be used (aria-disabled), but it still answers a tap with why.
    await megan.getByRole('button', { name: `Add a dot to: ${A}` }).tap({ force: true });
    await expect.poll(() => dockText(megan)).toContain('There are no dots left. Take a dot off another note first.');
    await expect
      .poll(() => megan.locator('[aria-live="polite"]').allTextContents())
      .toContainEqual(expect.stringContaining('There are no dots left'));
    expect(await megan.getByRole('group', { name: `Your dots on: ${A}` }).innerText()).toContain('No dots');

    // Rhys votes by keyboard only: 2 on A, 1 on C.
    await rhys.getByRole('textbox', { name: 'Note 1 in Shared goals' }).focus();
    await tabUntil(rhys, `Add a dot to: ${A}`);
    await rhys.keyboard.press('Enter');
    await expect.poll(() => dockText(rhys)).toContain('You have 2 of 3 dots left');
    await rhys.keyboard.press('Enter');
    await expect.poll(() => dockText(rhys)).toContain('You have 1 of 3 dots left');
    expect(await focusedName(rhys)).toBe(`Add a dot to: ${A}`);
    await tabUntil(rhys, `Add a dot to: ${C}`);
    await rhys.keyboard.press('Space');
    await expect.poll(() => dockText(rhys)).toContain('You have 0 of 3 dots left');
    await expect
      .poll(() => rhys.locator('[aria-live="polite"]').allTextContents())
      .toContainEqual(expect.stringContaining('1 dot on this note. You have 0 of 3 dots left.'));

    // Megan, allowed to help, votes for Mair: Mair's own dots, not hers.
    const meganVoting = await openTool(megan, 'vote');
    await meganVoting.getByRole('button', { name: 'Vote for Mair' }).tap();
    await closeTool(megan, 'vote');
    await expect.poll(() => dockText(megan)).toContain('You are voting for Mair — their own dots, not yours');
    await expect.poll(() => dockText(megan)).toContain('Mair has 3 of 3 dots left');
    await megan.getByRole('button', { name: `Add a dot for Mair to: ${C}` }).tap();
    await expect.poll(() => dockText(megan)).toContain('Mair has 2 of 3 dots left');
    expect(await megan.getByRole('group', { name: `Mair’s dots on: ${C}` }).innerText()).toContain('1 dot');
    await expect.poll(() => dockText(fac)).toContain('4 people have voted');

    // Screenshots of vote mode (before anything is revealed).
    await shoot(fac, 'voting-1280.png');
    await shoot(megan, 'voting-375-notes.png');
    await openTool(megan, 'vote');
    await shoot(megan, 'voting-375.png');
    await closeTool(megan, 'vote');
    await dock(megan).getByRole('button', { name: 'Back to my own dots' }).tap();
    await expect.poll(() => dockText(megan)).toContain('You have 0 of 3 dots left');

    // Nothing of anyone else's votes is on any screen while the vote is open.
    for (const page of [fac, megan, rhys]) {
      expect(await page.locator('.note-result, .results').count()).toBe(0);
    }
    expect(await megan.getByRole('group', { name: `Your dots on: ${A}` }).innerText()).toContain('No dots');

    // Welsh, in vote mode.
    await rhys.getByRole('button', { name: 'Cymraeg' }).click();
    await expect.poll(() => dockText(rhys)).toContain('Does gennych chi ddim dotiau ar ôl (0 o 3)');
    await expect.poll(() => dockText(rhys)).toContain('Mae 4 o bobl wedi pleidleisio');
    await shoot(rhys, 'voting-1280-cy.png');
    await rhys.getByRole('button', { name: 'English' }).click();
    await megan.getByRole('button', { name: 'Cymraeg' }).tap();
    await expect.poll(() => dockText(megan)).toContain('Does gennych chi ddim dotiau ar ôl');
    await shoot(megan, 'voting-375-cy-notes.png');
    await megan.getByRole('button', { name: 'English' }).tap();
  }, 90_000);

  it('the facilitator closes the vote: everyone sees the same ranking, ties as ties, split by group', async () => {
    await rhys.getByRole('button', { name: `Add a dot to: ${C}` }).focus(); // Rhys's focus is on a vote button at close
    const voting = await openTool(fac, 'vote');
    await voting.getByRole('button', { name: 'Close the vote and show results' }).click();
    await voting.getByRole('button', { name: 'Yes, close the vote' }).click();

    for (const page of [fac, megan, rhys]) {
      await expect.poll(() => ranking(page), { timeout: 10_000 }).toEqual(expected);
      expect(await dock(page).count()).toBe(0);
    }
    // Keyboard focus stayed on the note Rhys was on.
    await expect.poll(() => focusedName(rhys)).toBe('Note 3 in Shared goals');
    // Results on the notes: total and the split by group, in words, every group listed.
    const resultOnA = rhys.getByRole('group', { name: 'Result of the vote “Which ideas matter most to us?”' }).first();
    expect(await resultOnA.innerText()).toMatch(/1st[\s\S]*4 dots[\s\S]*Family or carer[\s\S]*2 dots[\s\S]*Staff[\s\S]*2 dots/);
    expect(await resultOnA.getByRole('listitem').count()).toBe(5);
    expect(await resultOnA.getByRole('listitem').filter({ hasText: 'Uses the service' }).innerText()).toMatch(/No dots/);
    // One dot is the same length on every note: the bars share the round's scale.
    const oneDotWidths = await rhys
      .locator('.note .group-bars__row')
      .evaluateAll((rows) =>
        rows
          .filter((r) => r.querySelector('.group-bars__count .visually-hidden')?.textContent === '1 dot')
          .map((r) => Math.round((r.querySelector('.group-bars__fill') as HTMLElement).getBoundingClientRect().width)),
      );
    expect(oneDotWidths.length).toBeGreaterThan(1);
    expect(new Set(oneDotWidths).size).toBe(1);
    const summary = await fac.locator('.results__summary').innerText();
    expect(summary).toContain('4 people voted');
    expect(summary).toContain('1 of them voted with help in the room');

    // Results screenshots.
    await shoot(fac, 'results-1280.png');
    await shoot(megan, 'results-375-notes.png');
    await openTool(megan, 'vote');
    await shoot(megan, 'results-375.png');
    await closeTool(megan, 'vote');
    await fac.getByRole('button', { name: 'Cymraeg' }).click();
    await expect
      .poll(() => ranking(fac))
      .toEqual([
        ['1af', A, '4 o ddotiau'],
        ['=2il', B, '3 dot'],
        ['=2il', C, '3 dot'],
      ]);
    await shoot(fac, 'results-1280-cy.png');
    await fac.getByRole('button', { name: 'English' }).click();
    await megan.getByRole('button', { name: 'Cymraeg' }).tap();
    await openTool(megan, 'vote');
    await megan.getByRole('heading', { name: 'Canlyniadau: Which ideas matter most to us?' }).waitFor();
    await shoot(megan, 'results-375-cy.png');
    await closeTool(megan, 'vote');
    await megan.getByRole('button', { name: 'English' }).tap();
  }, 60_000);

  it('Rhys, by keyboard only, uses the results as the shared priorities and reorders them', async () => {
    await tabUntil(rhys, 'tool-vote', { maxPresses: 80 });
    await rhys.keyboard.press('Enter');
    await tabUntil(rhys, 'Use these results', { maxPresses: 80 });
    await rhys.keyboard.press('Enter');
    for (const page of [fac, megan, rhys]) {
      await expect.poll(() => priorities(page), { timeout: 10_000 }).toEqual([A, B, C]);
    }
    // Focus went to the priorities heading (its drawer opened); from there, Tab to "Move up" on the last one.
    await expect.poll(() => rhys.evaluate(() => document.activeElement?.id)).toBe('priorities-heading');
    await tabUntil(rhys, `Move up: ${C}`);
    await rhys.keyboard.press('Enter');
    await expect.poll(() => priorities(rhys)).toEqual([A, C, B]);
    await expect.poll(() => focusedName(rhys)).toBe(`Move up: ${C}`); // focus follows the item
    await rhys.keyboard.press('Enter');
    await expect.poll(() => priorities(rhys)).toEqual([C, A, B]);
    await expect.poll(() => focusedName(rhys)).toBe(`Move up: ${C}`);
    await expect
      .poll(() => rhys.locator('[aria-live="polite"]').allTextContents())
      .toContainEqual(expect.stringContaining('Moved up. It is now number 1 of 3.'));
    for (const page of [fac, megan, rhys]) {
      await expect.poll(() => priorities(page), { timeout: 10_000 }).toEqual([C, A, B]);
    }
    // The toolbar counts them.
    await expect.poll(() => fac.locator('#tool-priorities .badge').innerText()).toBe('3');

    // Asking before replacing a list that is not empty.
    const voting = await openTool(fac, 'vote');
    await voting.getByRole('button', { name: 'Use these results' }).click();
    await fac.getByText('Our shared priorities already have 3 notes. Replace the list with these results?').waitFor();
    await fac.getByRole('button', { name: 'No, keep the list' }).click();
    expect(await priorities(fac)).toEqual([C, A, B]);

    // A priority links to its note (on the phone, the drawer gets out of the way).
    const meganPriorities = await openTool(megan, 'priorities');
    await meganPriorities.getByRole('link', { name: `Priority 1: ${C}` }).tap();
    await expect.poll(() => focusedName(megan)).toBe('Note 3 in Shared goals');
    expect(await meganPriorities.isVisible()).toBe(false);

    await openTool(rhys, 'priorities');
    await shoot(rhys, 'priorities-1280.png');
    await openTool(megan, 'priorities');
    await shoot(megan, 'priorities-375.png');
    await closeTool(megan, 'priorities');
    await megan.getByRole('button', { name: 'Cymraeg' }).tap();
    await openTool(megan, 'priorities');
    await megan.getByRole('heading', { name: 'Ein blaenoriaethau cyffredin' }).waitFor();
    await shoot(megan, 'priorities-375-cy.png');
    await closeTool(megan, 'priorities');
    await megan.getByRole('button', { name: 'English' }).tap();
  }, 60_000);

  it('a second vote that nobody votes in; the first one’s results stay viewable; nothing sticks out at 360px', async () => {
    const voting = await openTool(fac, 'vote');
    await voting.getByRole('button', { name: 'Start a vote' }).click();
    const dialog = fac.getByRole('dialog', { name: 'Start a vote' });
    await dialog.getByLabel('What are people voting on?').fill('Anything else?');
    await dialog.getByRole('button', { name: 'Start the vote' }).click();
    await expect.poll(() => dockText(megan), { timeout: 10_000 }).toContain('You have 3 of 3 dots left');
    // Every section is in this one (no step chosen), and the old results are not on the notes.
    expect(await megan.getByText('Not part of this vote').count()).toBe(0);
    expect(await megan.locator('.note-result').count()).toBe(0);
    await voting.getByRole('button', { name: 'Close the vote and show results' }).click();
    await voting.getByRole('button', { name: 'Yes, close the vote' }).click();
    const meganVoting = await openTool(megan, 'vote');
    await meganVoting.getByRole('heading', { name: 'Results: Anything else?' }).waitFor({ timeout: 10_000 });
    await megan.getByText('Nobody put dots on any note in this vote.').waitFor();
    expect(await megan.getByRole('button', { name: 'Use these results' }).count()).toBe(0);
    await megan.getByText('All votes (2)').tap();
    await megan.getByRole('button', { name: 'Show results: Which ideas matter most to us?' }).tap();
    await expect.poll(() => ranking(megan)).toEqual(expected);
    expect(await priorities(fac)).toEqual([C, A, B]);

    // 360 pixels wide: nothing sticks out sideways (results and priorities open in turn).
    await megan.setViewportSize({ width: 360, height: 740 });
    expect(await megan.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shoot(megan, 'results-360.png');
    await openTool(megan, 'priorities');
    expect(await megan.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shoot(megan, 'priorities-360.png');
    await closeTool(megan, 'priorities');
    expect(await megan.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
  }, 60_000);
});
