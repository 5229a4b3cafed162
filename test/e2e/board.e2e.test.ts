import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, chooseInMenu, closeTool, e2eSession, joinLinkOf, openSection, openTool } from './browserSupport.js';

/**
 * End to end, in a real browser against the real server and the built client: a facilitator
 * creates a board, a second person joins from the link (on a phone), both add notes and see
 * each other's, one reorders and moves a note with the keyboard only (the note's menu), and
 * after a reload everything (and everyone) is still there. One journey, in steps that each
 * report on their own. Screenshots go to test-artifacts/ (gitignored).
 */

/** The text of every note in a section, in the order shown (also when the section is not the one shown). */
function notesIn(page: Page, section: string): Promise<string[]> {
  return page
    .getByRole('region', { name: section, exact: true, includeHidden: true })
    .locator('textarea')
    .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
}

/** The sticky note whose text is `text` (after tagNoteValues: a textarea's value is not an attribute). */
function noteWithText(page: Page, section: string, text: string) {
  return page
    .getByRole('region', { name: section, exact: true })
    .getByRole('listitem')
    .filter({ has: page.locator(`textarea[data-test-value=${JSON.stringify(text)}]`) });
}

/** Tags each note textarea with its current value, so it can be found by text. */
async function tagNoteValues(page: Page): Promise<void> {
  await page.locator('textarea').evaluateAll((els) => {
    for (const el of els) el.setAttribute('data-test-value', (el as HTMLTextAreaElement).value);
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches, like a keyboard user would. */
async function tabUntil(page: Page, accessibleName: string | RegExp, options: { back?: boolean; maxPresses?: number } = {}) {
  for (let i = 0; i < (options.maxPresses ?? 20); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const name = await focusedName(page);
    if (typeof accessibleName === 'string' ? name === accessibleName : accessibleName.test(name)) return;
  }
  throw new Error(`Could not reach "${String(accessibleName)}" with the Tab key`);
}

async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });
}

describe('the co-design board in a browser', () => {
  const session = e2eSession();
  const contexts = session.contexts;
  const title = 'Improving the memory clinic';
  const facText = 'Shorter waiting times for the first appointment';
  const partText = 'Someone to call when I am worried';
  const errors: string[] = [];
  const seen: Array<[string, Page]> = [];
  let fac: Page;
  let part: Page;
  let joinUrl = '';
  let boardPath = '';

  // Leave evidence when a step fails: what each person saw, and what the server said.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of seen) {
      await page.screenshot({ path: path.join(ARTIFACTS, `failure-board-${who}.png`) }).catch(() => {});
    }
    console.error(`server output (last 4000 characters):\n${session.srv.output().slice(-4000)}`);
  });

  it('a facilitator creates a board and a second person joins from the link on a phone', async () => {
    // --- The facilitator creates a board on the home page (desktop) ---
    const facCtx = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(facCtx);
    fac = await facCtx.newPage();
    seen.push(['facilitator', fac]);
    fac.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
    await fac.goto(session.srv.url + '/');
    await expect.poll(() => fac.evaluate(() => document.documentElement.lang)).toBe('en');
    await fac.getByLabel('Name of the board').fill(title);
    await fac.getByRole('radio', { name: /Co-production: what should we do\?/ }).check();
    await fac.getByRole('radio', { name: 'English' }).check();
    await fac.getByLabel('Your name').fill('Sam');
    await fac.getByRole('radio', { name: 'Staff or professional' }).check();
    await fac.getByRole('button', { name: 'Create the board' }).click();
    await fac.waitForURL(/\/board\/[^/]+$/);
    await fac.getByRole('heading', { level: 1, name: title }).waitFor();
    await fac.getByRole('status').filter({ hasText: 'Connected' }).waitFor();

    joinUrl = await joinLinkOf(fac);
    expect(joinUrl).toMatch(/\/join\/[^/#]+#key=.+/);
    boardPath = new URL(fac.url()).pathname;

    // --- A second person joins from the link (phone-sized) ---
    const partCtx = await session.browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB', hasTouch: true });
    contexts.push(partCtx);
    part = await partCtx.newPage();
    seen.push(['participant', part]);
    part.on('pageerror', (e) => errors.push(`participant: ${e.message}`));
    await part.goto(joinUrl);
    await part.getByRole('heading', { level: 1, name: title }).waitFor();
    await part.getByLabel('Your name').fill('Megan');
    await part.getByRole('radio', { name: 'I use the service' }).check();
    await part.getByRole('button', { name: 'Join the board' }).click();
    await part.waitForURL((url) => url.pathname === boardPath);
    // On the phone one section shows at a time; every section has its tab.
    await part.getByRole('tab', { name: /^2 Shared goals/ }).waitFor();
    await openSection(part, 'Shared goals');
    await part.getByRole('heading', { name: 'Shared goals' }).waitFor();
    // Participants never see the join link, "Invite people" or the facilitator's link.
    expect(await part.getByLabel('Join link').count()).toBe(0);
    expect(await part.getByRole('button', { name: 'Invite people' }).count()).toBe(0);
    expect(await part.getByText('Your facilitator link').count()).toBe(0);

    // Both see each other in the people drawer; the facilitator is marked.
    const facPresence = await openTool(fac, 'people');
    expect(await facPresence.getAttribute('aria-labelledby')).toBeTruthy();
    await fac
      .getByRole('region', { name: /people here/ })
      .getByText('Megan')
      .waitFor();
    await expect.poll(() => facPresence.getByRole('listitem').filter({ hasText: 'Sam' }).innerText()).toContain('Facilitator');
    await closeTool(fac, 'people');
  }, 60_000);

  it('each adds a note and sees the other’s appear, with names and “You”', async () => {
    await fac.getByRole('region', { name: 'Shared goals' }).getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => fac.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await fac.keyboard.type(facText);
    await expect.poll(() => notesIn(part, 'Shared goals'), { timeout: 10_000 }).toEqual([facText]);

    await part.getByRole('region', { name: 'Shared goals' }).getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => part.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await part.keyboard.type(partText);
    await expect.poll(() => notesIn(fac, 'Shared goals'), { timeout: 10_000 }).toEqual([facText, partText]);
    // The facilitator's screen reader heard about it.
    await expect
      .poll(() => fac.locator('[aria-live="polite"]').allTextContents())
      .toContainEqual(expect.stringContaining('Megan added a note to Shared goals'));
    // While Megan writes, the facilitator sees it on her note (from awareness).
    await tagNoteValues(fac);
    await expect.poll(() => noteWithText(fac, 'Shared goals', partText).innerText(), { timeout: 10_000 }).toContain('Megan is writing…');

    // Your own notes are marked "You"; other people's notes carry their author's name (the
    // board is not anonymous; see facilitation.e2e.test.ts for anonymous boards).
    expect(await noteWithText(fac, 'Shared goals', facText).getByText('You', { exact: true }).count()).toBe(1);
    expect(await noteWithText(fac, 'Shared goals', partText).getByText('You', { exact: true }).count()).toBe(0);
    await expect.poll(() => noteWithText(fac, 'Shared goals', partText).innerText()).toContain('Megan');
    // The colour is not printed on the card; assistive tech hears it with the note.
    const printedColour = await noteWithText(fac, 'Shared goals', facText).evaluate(
      (el) =>
        [...el.querySelectorAll('*')].filter(
          (e) => e.children.length === 0 && /Yellow/.test(e.textContent ?? '') && e.getBoundingClientRect().width > 2,
        ).length,
    );
    expect(printedColour).toBe(0);
    const described = await fac.getByRole('textbox', { name: 'Note 1 in Shared goals' }).evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(described).toContain('Colour: Yellow.');
  }, 60_000);

  it('moves a note up and to another section with the keyboard only (the note’s menu)', async () => {
    // Up: from the text, Tab to the note's menu, Enter, down to "Move up", Enter.
    await part.getByRole('textbox', { name: 'Note 2 in Shared goals' }).focus();
    await tabUntil(part, 'Actions for Note 2 in Shared goals');
    await part.keyboard.press('Enter');
    await chooseInMenu(part, 'Move up');
    await expect.poll(() => notesIn(fac, 'Shared goals'), { timeout: 10_000 }).toEqual([partText, facText]);
    // Focus stays on the moved note's menu button (it is now note 1).
    await expect.poll(() => focusedName(part)).toBe('Actions for Note 1 in Shared goals');
    await expect
      .poll(() => part.locator('[aria-live="polite"]').allTextContents())
      .toContainEqual(expect.stringContaining('Note moved up. It is now number 1 of 2.'));

    // To "Plan together": the same menu, "Plan together" under "Move to another section".
    await part.keyboard.press('Enter');
    await chooseInMenu(part, 'Plan together');
    await expect.poll(() => notesIn(part, 'Plan together')).toEqual([partText]);
    await expect.poll(() => notesIn(fac, 'Plan together'), { timeout: 10_000 }).toEqual([partText]);
    await expect.poll(() => notesIn(fac, 'Shared goals')).toEqual([facText]);
    // Focus follows the note to its new section (on the phone, that section is now shown).
    await expect.poll(() => part.evaluate(() => document.activeElement?.closest('section')?.id ?? '')).toBe('section-plan');
    expect(await part.getByRole('tab', { name: /^3 Plan together/ }).getAttribute('aria-selected')).toBe('true');

    // Alt+Up / Alt+Down move a note from its text, too (Sam's note, on the desktop).
    await openSection(fac, 'Shared goals');
    await fac.getByRole('region', { name: 'Shared goals' }).getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => fac.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await fac.keyboard.type('A lift that works');
    await fac.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => notesIn(fac, 'Shared goals')).toEqual(['A lift that works', facText]);
    expect(await fac.evaluate(() => (document.activeElement as HTMLTextAreaElement).value)).toBe('A lift that works');
    await fac.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => notesIn(part, 'Shared goals'), { timeout: 10_000 }).toEqual([facText, 'A lift that works']);
  }, 60_000);

  it('after a reload both still have the same notes, sections and people', async () => {
    await Promise.all([fac.reload(), part.reload()]);
    for (const page of [fac, part]) {
      await page.getByRole('heading', { name: 'Plan together', includeHidden: true }).waitFor({ state: 'attached' });
      expect(new URL(page.url()).pathname).toBe(boardPath);
      await expect.poll(() => notesIn(page, 'Shared goals'), { timeout: 10_000 }).toEqual([facText, 'A lift that works']);
      await expect.poll(() => notesIn(page, 'Plan together')).toEqual([partText]);
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    }
    await expect.poll(() => fac.getByText('You: Sam').count()).toBe(1);
    await expect.poll(() => part.getByText('You: Megan').count()).toBe(1);
    await openSection(part, 'Plan together');
    await tagNoteValues(part);
    expect(await noteWithText(part, 'Plan together', partText).getByText('You', { exact: true }).count()).toBe(1);
    await tagNoteValues(fac);
    expect(await noteWithText(fac, 'Shared goals', facText).getByText('You', { exact: true }).count()).toBe(1);
    // Still the facilitator after the reload: the join link is still there.
    expect(await joinLinkOf(fac)).toBe(joinUrl);
  }, 60_000);

  it('takes screenshots: desktop, phone, and Welsh', async () => {
    await fac.mouse.move(0, 0);
    await fac.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await fac.screenshot({ path: path.join(ARTIFACTS, 'board-1280.png') });
    await part.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await part.screenshot({ path: path.join(ARTIFACTS, 'board-375.png'), fullPage: true });

    await fac.getByRole('button', { name: 'Cymraeg' }).click();
    await fac.getByRole('heading', { name: 'Nodau cyffredin' }).waitFor();
    expect(await fac.evaluate(() => document.documentElement.lang)).toBe('cy');
    await fac.getByRole('status').filter({ hasText: 'Wedi cysylltu' }).waitFor();
    await fac.screenshot({ path: path.join(ARTIFACTS, 'board-1280-cy.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
