import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { ARTIFACTS, createBoard, e2eSession } from './browserSupport.js';

/**
 * End to end, in a real browser against the real server and the built client: a facilitator
 * creates a board, a second person joins from the link, both add notes and see each other's,
 * one reorders and moves a note with the keyboard only, and after a reload everything (and
 * everyone) is still there. Screenshots go to test-artifacts/ (gitignored).
 */



/** The text of every note in a section, in the order shown. */
function notesIn(page: Page, section: string): Promise<string[]> {
  return page
    .getByRole('region', { name: section, exact: true })
    .getByRole('textbox')
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

/** Presses Tab (or Shift+Tab) until the focused element matches, like a keyboard user would. */
async function tabUntil(page: Page, accessibleName: string, options: { back?: boolean; maxPresses?: number } = {}) {
  for (let i = 0; i < (options.maxPresses ?? 20); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
    });
    if (name === accessibleName) return;
  }
  throw new Error(`Could not reach "${accessibleName}" with the Tab key`);
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

  it('two people create, join, add, see, move (by keyboard) and still have it all after a reload', async () => {
    const title = 'Improving the memory clinic';
    const facText = 'Shorter waiting times for the first appointment';
    const partText = 'Someone to call when I am worried';
    const errors: string[] = [];

    const seen: Array<[string, Page]> = [];
    try {
      // --- The facilitator creates a board on the home page (desktop) ---
      const facCtx = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      contexts.push(facCtx);
      const fac = await facCtx.newPage();
      seen.push(['facilitator', fac]);
      fac.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
      await fac.goto(session.srv.url + '/');
      await expect.poll(() => fac.evaluate(() => document.documentElement.lang)).toBe('en');
      const { joinUrl, boardPath } = await createBoard(fac, session.srv.url, title);
      await fac.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(joinUrl).toMatch(/\/join\/[^/#]+#key=.+/);

      // --- A second person joins from the link (phone-sized) ---
      const partCtx = await session.browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB', hasTouch: true });
      contexts.push(partCtx);
      const part = await partCtx.newPage();
      seen.push(['participant', part]);
      part.on('pageerror', (e) => errors.push(`participant: ${e.message}`));
      await part.goto(joinUrl);
      await part.getByRole('heading', { level: 1, name: title }).waitFor();
      await part.getByLabel('Your name').fill('Megan');
      await part.getByRole('radio', { name: 'I use the service' }).check();
      await part.getByRole('button', { name: 'Join the board' }).click();
      await part.waitForURL((url) => url.pathname === boardPath);
      await part.getByRole('heading', { name: 'Shared goals' }).waitFor();
      // Participants never see the join-link box or the facilitator's link.
      expect(await part.getByLabel('Join link').count()).toBe(0);
      expect(await part.getByText('Your facilitator link').count()).toBe(0);

      // Both see each other in the presence list; the facilitator is marked.
      const facPresence = fac.getByRole('region', { name: /people here/ });
      await facPresence.getByText('Megan').waitFor();
      await expect.poll(() => facPresence.getByRole('listitem').filter({ hasText: 'Sam' }).innerText()).toContain('Facilitator');

      // --- Each adds a note in "Shared goals" and sees the other's appear ---
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

      // Your own notes are marked "You"; other people's notes carry their author's name (the
      // board is not anonymous; see facilitation.e2e.test.ts for anonymous boards).
      await tagNoteValues(fac);
      expect(await noteWithText(fac, 'Shared goals', facText).getByText('You', { exact: true }).count()).toBe(1);
      expect(await noteWithText(fac, 'Shared goals', partText).getByText('You', { exact: true }).count()).toBe(0);
      await expect.poll(() => noteWithText(fac, 'Shared goals', partText).innerText()).toContain('Megan');

      // --- Keyboard only: the participant moves their note up, then to "Plan together" ---
      await part.getByRole('textbox', { name: 'Note 2 in Shared goals' }).focus();
      await tabUntil(part, 'Move up', { back: true });
      await part.keyboard.press('Enter');
      await expect.poll(() => notesIn(fac, 'Shared goals'), { timeout: 10_000 }).toEqual([partText, facText]);
      expect(await focusedName(part)).toBe('Move up'); // focus stays on the button after the move

      await part.getByRole('textbox', { name: 'Note 1 in Shared goals' }).focus();
      await tabUntil(part, 'Options');
      await part.keyboard.press('Enter');
      await tabUntil(part, 'Plan together');
      await part.keyboard.press('Enter');
      await expect.poll(() => notesIn(part, 'Plan together')).toEqual([partText]);
      await expect.poll(() => notesIn(fac, 'Plan together'), { timeout: 10_000 }).toEqual([partText]);
      await expect.poll(() => notesIn(fac, 'Shared goals')).toEqual([facText]);
      // Focus follows the note to its new section.
      await expect
        .poll(() => part.evaluate(() => document.activeElement?.closest('section')?.id ?? ''))
        .toBe('section-plan');

      // --- Reload both: same notes, same sections, same people ---
      await Promise.all([fac.reload(), part.reload()]);
      for (const page of [fac, part]) {
        await page.getByRole('heading', { name: 'Plan together' }).waitFor();
        expect(new URL(page.url()).pathname).toBe(boardPath);
        await expect.poll(() => notesIn(page, 'Shared goals'), { timeout: 10_000 }).toEqual([facText]);
        await expect.poll(() => notesIn(page, 'Plan together')).toEqual([partText]);
        await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      }
      await expect.poll(() => fac.getByText('You: Sam').count()).toBe(1);
      await expect.poll(() => part.getByText('You: Megan').count()).toBe(1);
      await tagNoteValues(part);
      expect(await noteWithText(part, 'Plan together', partText).getByText('You', { exact: true }).count()).toBe(1);
      await tagNoteValues(fac);
      expect(await noteWithText(fac, 'Shared goals', facText).getByText('You', { exact: true }).count()).toBe(1);
      // Still the facilitator after the reload: the join link is still there.
      expect(await fac.getByLabel('Join link').inputValue()).toBe(joinUrl);

      // --- Screenshots: desktop, phone, and Welsh ---
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
    } catch (error) {
      // Leave evidence: what each person saw, and what the server said.
      for (const [who, page] of seen) {
        await page.screenshot({ path: path.join(ARTIFACTS, `failure-${who}.png`) }).catch(() => {});
      }
      console.error(`server output (last 4000 characters):\n${session.srv.output().slice(-4000)}`);
      throw error;
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
