import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { ARTIFACTS, addNote, createBoard, e2eSession } from './browserSupport.js';

/**
 * Voting and the shared priorities, end to end in a real browser: the facilitator creates a
 * board and notes, two people join, the facilitator opens a vote, all three vote with the same
 * budget (one by keyboard only, one on a phone by touch), the facilitator also votes for
 * someone in the room without a device, nobody sees anything of other people's votes until the
 * close, then all three see the same ranking (ties as ties). Someone seeds the shared priority
 * list from the results and reorders it by keyboard only, and every client sees the new order.
 * Screenshots (1280 and 375 wide, English and Welsh, vote mode and results) go to test-artifacts/.
 */



const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });

/** Presses Tab (or Shift+Tab) until the focused element has this accessible name, as a keyboard user would. */
async function tabUntil(page: Page, accessibleName: string, options: { back?: boolean; maxPresses?: number } = {}) {
  for (let i = 0; i < (options.maxPresses ?? 40); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    if ((await focusedName(page)) === accessibleName) return;
  }
  throw new Error(`Could not reach "${accessibleName}" with the Tab key`);
}

/** The text of every note in a section, in the order shown. */
function notesIn(page: Page, section: string): Promise<string[]> {
  return page
    .getByRole('region', { name: section, exact: true })
    .getByRole('textbox')
    .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
}


/** What the "You have N of M dots left" dock says. */
const dock = (page: Page) => page.getByRole('region', { name: /^(Your dots|Eich dotiau)$/ });
const dockText = (page: Page) => dock(page).innerText();

/** The ranked results list as [place, text, dots] rows (visible text only). */
function ranking(page: Page) {
  return page.locator('.results__item').evaluateAll((items) =>
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
    .getByRole('list', { name: /^(Our shared priorities|Ein blaenoriaethau cyffredin), / })
    .locator('.priority__link')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
}

async function settle(page: Page) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** A screenshot of what is on screen with `selector` scrolled to the top (below a sticky header). */
async function shoot(page: Page, file: string, selector: string) {
  await settle(page);
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return;
    const header = document.querySelector('.board-header');
    const sticky = header && getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().height : 0;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - sticky - 8);
  }, selector);
  await page.screenshot({ path: path.join(ARTIFACTS, file) });
}

describe('voting and shared priorities in a browser', () => {
  const session = e2eSession();
  const contexts = session.contexts;

  it('equal dots for everyone, hidden until close, the same ranking for all, and priorities from the results', async () => {
    const A = 'Shorter waiting times for the first appointment';
    const B = 'Someone to call when I am worried';
    const C = 'Appointments in Welsh';
    const OUT = 'The community bus to the clinic';
    const errors: string[] = [];
    const seen: Array<[string, Page]> = [];

    try {
      // --- The facilitator creates the board and the notes ---
      const facCtx = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      contexts.push(facCtx);
      const fac = await facCtx.newPage();
      seen.push(['facilitator', fac]);
      fac.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
      const { joinUrl, boardPath } = await createBoard(fac, session.srv.url, 'Improving the memory clinic');

      await addNote(fac, 'Shared goals', A);
      await addNote(fac, 'Shared goals', B);
      await addNote(fac, 'Shared goals', C);
      await addNote(fac, 'Map our assets', OUT);

      // --- Two people join: Megan on a phone (touch), Rhys on a laptop (keyboard only) ---
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
      const megan = await join('Megan', 'I use the service', { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
      const rhys = await join('Rhys', 'Family member or carer', { viewport: { width: 1280, height: 900 } });

      // --- Someone in the room without a device; Megan may help people in the room vote ---
      const inRoom = fac.locator('details.in-room');
      await fac.locator('details.in-room > summary').click();
      await fac.getByLabel('Their name').fill('Mair');
      await fac.getByLabel('Which group are they in?').selectOption('community');
      await fac.getByRole('button', { name: 'Add this person' }).click();
      await inRoom.getByText('Mair', { exact: true }).first().waitFor();
      const facPresence = fac.getByRole('region', { name: /people here/ });
      await expect.poll(() => facPresence.getByRole('listitem').filter({ hasText: 'Mair' }).innerText()).toContain('In the room');
      await facPresence.getByRole('checkbox', { name: 'Allow to vote for people in the room: Megan' }).check();
      await expect
        .poll(() => rhys.getByRole('region', { name: /people here/ }).getByRole('listitem').filter({ hasText: 'Megan' }).innerText())
        .toContain('Helps people in the room vote');

      // --- The facilitator starts a vote on "Shared goals" only, 3 dots each ---
      await fac.getByRole('button', { name: 'Start a vote' }).click();
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
        const outNote = page.getByRole('region', { name: 'Map our assets', exact: true });
        await outNote.getByText('Not part of this vote').waitFor();
        expect(await outNote.getByRole('button', { name: /Add a dot/ }).count()).toBe(0);
      }

      // --- The facilitator votes by clicking: 2 on A, 1 on B ---
      await fac.getByRole('button', { name: `Add a dot to: ${A}` }).click();
      await expect.poll(() => dockText(fac)).toContain('You have 2 of 3 dots left');
      await fac.getByRole('button', { name: `Add a dot to: ${A}` }).click();
      await fac.getByRole('button', { name: `Add a dot to: ${B}` }).click();
      await expect.poll(() => dockText(fac)).toContain('You have 0 of 3 dots left');
      expect(await fac.getByRole('group', { name: `Your dots on: ${A}` }).innerText()).toContain('2 dots');
      await expect.poll(() => dockText(megan)).toContain('1 person has voted');

      // --- Megan, on the phone, votes by touch: 2 on B, 1 on C, then one too many ---
      await megan.getByRole('button', { name: `Add a dot to: ${B}` }).tap();
      await expect.poll(() => dockText(megan)).toContain('You have 2 of 3 dots left');
      await megan.getByRole('button', { name: `Add a dot to: ${B}` }).tap();
      await megan.getByRole('button', { name: `Add a dot to: ${C}` }).tap();
      await expect.poll(() => dockText(megan)).toContain('You have 0 of 3 dots left');
      // The button says it cannot be used (aria-disabled), but it still answers a tap with why.
      await megan.getByRole('button', { name: `Add a dot to: ${A}` }).tap({ force: true });
      // The server refuses; the plain-language reason is shown and read out politely.
      await expect.poll(() => dockText(megan)).toContain('There are no dots left. Take a dot off another note first.');
      await expect
        .poll(() => megan.locator('[aria-live="polite"]').allTextContents())
        .toContainEqual(expect.stringContaining('There are no dots left'));
      expect(await megan.getByRole('group', { name: `Your dots on: ${A}` }).innerText()).toContain('No dots');

      // --- Rhys votes by keyboard only: 2 on A, 1 on C ---
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

      // --- Megan, allowed to help, votes for Mair: Mair's own dots, not hers ---
      await megan.getByRole('button', { name: 'Vote for Mair' }).tap();
      await expect.poll(() => dockText(megan)).toContain('You are voting for Mair — their own dots, not yours');
      await expect.poll(() => dockText(megan)).toContain('Mair has 3 of 3 dots left');
      await megan.getByRole('button', { name: `Add a dot for Mair to: ${C}` }).tap();
      await expect.poll(() => dockText(megan)).toContain('Mair has 2 of 3 dots left');
      expect(await megan.getByRole('group', { name: `Mair’s dots on: ${C}` }).innerText()).toContain('1 dot');
      await expect.poll(() => dockText(fac)).toContain('4 people have voted');

      // --- Screenshots of vote mode (before anything is revealed) ---
      await shoot(fac, 'voting-1280.png', '#voting');
      await shoot(megan, 'voting-375.png', '#voting');
      await shoot(megan, 'voting-375-notes.png', '#section-goals');
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
      await shoot(rhys, 'voting-1280-cy.png', '#voting');
      await rhys.getByRole('button', { name: 'English' }).click();
      await megan.getByRole('button', { name: 'Cymraeg' }).tap();
      await expect.poll(() => dockText(megan)).toContain('Does gennych chi ddim dotiau ar ôl');
      await shoot(megan, 'voting-375-cy.png', '#voting');
      await shoot(megan, 'voting-375-cy-notes.png', '#section-goals');
      await megan.getByRole('button', { name: 'English' }).tap();

      // --- The facilitator closes the vote ---
      await rhys.getByRole('button', { name: `Add a dot to: ${C}` }).focus(); // Rhys's focus is on a vote button at close
      await fac.getByRole('button', { name: 'Close the vote and show results' }).click();
      await fac.getByRole('button', { name: 'Yes, close the vote' }).click();

      // Everyone sees the same ranking; equal totals are shown as ties.
      const expected = [
        ['1st', A, '4 dots'],
        ['=2nd', B, '3 dots'],
        ['=2nd', C, '3 dots'],
      ];
      for (const page of [fac, megan, rhys]) {
        await expect.poll(() => ranking(page), { timeout: 10_000 }).toEqual(expected);
        expect(await dock(page).count()).toBe(0);
      }
      // Keyboard focus stayed on the note Rhys was on.
      await expect.poll(() => focusedName(rhys)).toBe('Note 3 in Shared goals');
      // Results on the notes: total and the split by group, in words.
      const resultOnA = rhys.getByRole('group', { name: 'Result of the vote “Which ideas matter most to us?”' }).first();
      expect(await resultOnA.innerText()).toMatch(/1st[\s\S]*4 dots[\s\S]*Family or carer[\s\S]*2 dots[\s\S]*Staff[\s\S]*2 dots/);
      const summary = await fac.locator('.results__summary').innerText();
      expect(summary).toContain('4 people voted');
      expect(summary).toContain('1 of them voted with help in the room');

      // Results screenshots.
      await shoot(fac, 'results-1280.png', '#voting');
      await shoot(fac, 'results-1280-notes.png', '#section-goals');
      await shoot(megan, 'results-375.png', '#voting');
      await shoot(megan, 'results-375-notes.png', '#section-goals');
      await fac.getByRole('button', { name: 'Cymraeg' }).click();
      await expect.poll(() => ranking(fac)).toEqual([
        ['1af', A, '4 o ddotiau'],
        ['=2il', B, '3 dot'],
        ['=2il', C, '3 dot'],
      ]);
      await shoot(fac, 'results-1280-cy.png', '#voting');
      await fac.getByRole('button', { name: 'English' }).click();
      await megan.getByRole('button', { name: 'Cymraeg' }).tap();
      await megan.getByRole('heading', { name: 'Canlyniadau: Which ideas matter most to us?' }).waitFor();
      await shoot(megan, 'results-375-cy.png', '#voting');
      await megan.getByRole('button', { name: 'English' }).tap();

      // --- Rhys, keyboard only: "Use these results", then reorder the priorities ---
      await tabUntil(rhys, 'Use these results', { maxPresses: 80 });
      await rhys.keyboard.press('Enter');
      for (const page of [fac, megan, rhys]) {
        await expect.poll(() => priorities(page), { timeout: 10_000 }).toEqual([A, B, C]);
      }
      // Focus went to the priorities heading; from there, Tab to "Move up" on the last one.
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

      // Asking before replacing a list that is not empty.
      await fac.getByRole('button', { name: 'Use these results' }).click();
      await fac.getByText('Our shared priorities already have 3 notes. Replace the list with these results?').waitFor();
      await fac.getByRole('button', { name: 'No, keep the list' }).click();
      expect(await priorities(fac)).toEqual([C, A, B]);

      // A priority links to its note.
      await megan.getByRole('link', { name: `Priority 1: ${C}` }).tap();
      await expect.poll(() => focusedName(megan)).toBe('Note 3 in Shared goals');

      await shoot(rhys, 'priorities-1280.png', '#priorities');
      await shoot(megan, 'priorities-375.png', '#priorities');
      await megan.getByRole('button', { name: 'Cymraeg' }).tap();
      await megan.getByRole('heading', { name: 'Ein blaenoriaethau cyffredin' }).waitFor();
      await shoot(megan, 'priorities-375-cy.png', '#priorities');

      // --- A second vote that nobody votes in; the first one's results stay viewable ---
      await megan.getByRole('button', { name: 'English' }).tap();
      await fac.getByRole('button', { name: 'Start a vote' }).click();
      await dialog.getByLabel('What are people voting on?').fill('Anything else?');
      await dialog.getByRole('button', { name: 'Start the vote' }).click();
      await expect.poll(() => dockText(megan), { timeout: 10_000 }).toContain('You have 3 of 3 dots left');
      // Every section is in this one (no step chosen), and the old results are not on the notes.
      expect(await megan.getByText('Not part of this vote').count()).toBe(0);
      expect(await megan.locator('.note-result').count()).toBe(0);
      await fac.getByRole('button', { name: 'Close the vote and show results' }).click();
      await fac.getByRole('button', { name: 'Yes, close the vote' }).click();
      await megan.getByRole('heading', { name: 'Results: Anything else?' }).waitFor();
      await megan.getByText('Nobody put dots on any note in this vote.').waitFor();
      expect(await megan.getByRole('button', { name: 'Use these results' }).count()).toBe(0);
      await megan.getByText('All votes (2)').tap();
      await megan.getByRole('button', { name: 'Show results: Which ideas matter most to us?' }).tap();
      await expect.poll(() => ranking(megan)).toEqual(expected);
      expect(await priorities(fac)).toEqual([C, A, B]);

      // --- 360 pixels wide: nothing sticks out sideways ---
      await megan.setViewportSize({ width: 360, height: 740 });
      expect(await megan.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await shoot(megan, 'results-360.png', '#voting');
      await shoot(megan, 'priorities-360.png', '#priorities');
    } catch (error) {
      for (const [who, page] of seen) {
        await page.screenshot({ path: path.join(ARTIFACTS, `voting-failure-${who}.png`), fullPage: true }).catch(() => {});
      }
      console.error(`server output (last 4000 characters):\n${session.srv.output().slice(-4000)}`);
      throw error;
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
