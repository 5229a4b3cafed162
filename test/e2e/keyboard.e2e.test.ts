import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { arrowUntil, chooseInMenu, e2eSession, focused, tabUntil } from './browserSupport.js';

/**
 * The whole journey with the keyboard alone (no mouse, no clicks; locator.focus() only to start
 * on a page): create a board, join from a second browser, add and edit a note, move it to another
 * section, group it, vote, reorder the priorities, add an action and download the export. The
 * drawers (invite, voting, priorities, action plan, the agreed plan) are opened from the toolbar
 * with Enter and the note's actions are in its menu. Every element focused on the way shows a
 * visible focus indicator, and focus never gets stuck.
 */
describe('keyboard only', () => {
  const session = e2eSession();
  const contexts = session.contexts;

  const valueOf = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true, includeHidden: true }).inputValue();
  const notesIn = (page: Page, sectionId: string) =>
    page.locator(`#section-${sectionId} textarea`).evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));

  const GROUP = /^(I use the service|Family member or carer|Staff or professional|Community member|Prefer not to say)/;
  it('creates, joins, writes, moves, groups, votes, prioritises, plans and exports by keyboard', async () => {
    const errors: string[] = [];
    const pages: Page[] = [];
    try {
      const open = async () => {
        const ctx = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true });
        contexts.push(ctx);
        const page = await ctx.newPage();
        page.on('pageerror', (e) => errors.push(e.message));
        pages.push(page);
        return page;
      };

      // --- Create the board ---
      const fac = await open();
      await fac.goto(session.srv.url + '/');
      await fac.getByLabel('Name of the board').focus();
      await fac.keyboard.type('Day centre, keyboard only');
      await tabUntil(fac, (f) => f.role === 'radio');
      await arrowUntil(fac, /Co-production: what should we do\?/);
      await tabUntil(fac, (f) => f.role === 'radio' && /English|Cymraeg/.test(f.name));
      await arrowUntil(fac, /^English/);
      await tabUntil(fac, 'Your name');
      await fac.keyboard.type('Sam');
      await tabUntil(fac, (f) => f.role === 'radio' && GROUP.test(f.name));
      await arrowUntil(fac, /^Staff or professional/);
      await tabUntil(fac, 'Create the board');
      await fac.keyboard.press('Enter');
      await fac.waitForURL(/\/board\/[^/]+$/);
      await fac.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      // "Invite people" opens its drawer; focus goes to its heading; Escape closes it again.
      await tabUntil(fac, 'Invite people');
      await fac.keyboard.press('Enter');
      await expect.poll(async () => (await focused(fac)).name).toBe('Invite people');
      const joinUrl = await fac.getByLabel('Join link').inputValue();
      await fac.keyboard.press('Escape');
      await expect.poll(async () => (await focused(fac)).id).toBe('tool-invite');

      // The facilitator adds a note too (for the priorities later).
      await tabUntil(fac, 'add-note-goals');
      await fac.keyboard.press('Enter');
      await expect.poll(async () => (await focused(fac)).tag).toBe('TEXTAREA');
      await fac.keyboard.type('A friendly welcome');

      // --- Join from a second browser ---
      const part = await open();
      await part.goto(joinUrl);
      await part.getByLabel('Your name').focus();
      await part.keyboard.type('Rhian');
      await tabUntil(part, (f) => f.role === 'radio' && GROUP.test(f.name));
      await arrowUntil(part, /^I use the service/);
      await tabUntil(part, 'Join the board');
      await part.keyboard.press('Enter');
      await part.waitForURL(/\/board\/[^/]+$/);
      await part.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      await expect.poll(() => notesIn(part, 'goals'), { timeout: 10_000 }).toEqual(['A friendly welcome']);

      // --- Add a note, then come back and edit it ---
      await tabUntil(part, 'add-note-goals');
      await part.keyboard.press('Enter');
      await expect.poll(async () => (await focused(part)).tag).toBe('TEXTAREA');
      await part.keyboard.type('Bus pass');
      await part.keyboard.press('Tab');
      await tabUntil(part, 'Note 2 in Shared goals', { back: true });
      await part.keyboard.press('End');
      await part.keyboard.type(' for carers');
      await expect.poll(() => valueOf(part, 'Note 2 in Shared goals')).toBe('Bus pass for carers');

      // --- Move it to "Plan together" through the note's menu ---
      await tabUntil(part, 'Actions for Note 2 in Shared goals');
      await part.keyboard.press('Enter');
      await chooseInMenu(part, 'Plan together');
      await expect.poll(() => notesIn(part, 'plan')).toEqual(['Bus pass for carers']);
      await expect.poll(() => notesIn(fac, 'plan'), { timeout: 10_000 }).toEqual(['Bus pass for carers']);

      // --- Make a group in "Plan together" and put the note in it ---
      await tabUntil(part, 'add-group-plan', { back: true });
      await part.keyboard.press('Enter');
      await expect.poll(async () => (await focused(part)).tag).toBe('INPUT');
      await part.keyboard.press('Control+A');
      await part.keyboard.type('Getting there');
      await part.keyboard.press('Enter');
      await tabUntil(part, 'Actions for Note 1 in Plan together');
      await part.keyboard.press('Enter');
      await chooseInMenu(part, 'Getting there');
      await expect
        .poll(() => part.locator('#section-plan .note-group').filter({ hasText: 'Getting there' }).locator('textarea').count(), {
          timeout: 5000,
        })
        .toBe(1);

      // --- The facilitator starts a vote (the Vote drawer, from the toolbar); Rhian votes ---
      await fac.getByRole('textbox', { name: 'Note 1 in Shared goals' }).focus();
      await tabUntil(fac, 'tool-vote', { back: true, maxPresses: 300 });
      await fac.keyboard.press('Enter');
      await tabUntil(fac, 'start-vote');
      await fac.keyboard.press('Enter');
      await fac.getByRole('dialog', { name: 'Start a vote' }).waitFor();
      await tabUntil(fac, 'Start the vote');
      await fac.keyboard.press('Enter');
      await fac.getByRole('dialog', { name: 'Start a vote' }).waitFor({ state: 'hidden' });

      await part.getByRole('region', { name: 'Your dots' }).waitFor({ timeout: 10_000 });
      await tabUntil(part, 'Add a dot to: A friendly welcome', { back: true, maxPresses: 300 });
      await part.keyboard.press('Enter');
      await tabUntil(part, 'Add a dot to: Bus pass for carers', { maxPresses: 300 });
      await part.keyboard.press('Enter');
      await part.keyboard.press('Enter');
      await expect.poll(() => part.getByRole('region', { name: 'Your dots' }).innerText()).toContain('You have 0 of 3 dots left');

      // --- Close, use the results, reorder ---
      await tabUntil(fac, 'Close the vote and show results', { maxPresses: 300 });
      await fac.keyboard.press('Enter');
      await tabUntil(fac, 'Yes, close the vote');
      await fac.keyboard.press('Enter');
      await tabUntil(part, 'tool-vote', { maxPresses: 300 });
      await part.keyboard.press('Enter');
      await tabUntil(part, 'Use these results', { maxPresses: 300 });
      await part.keyboard.press('Enter');
      const priorities = (page: Page) => page.locator('.priority__link').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
      await expect.poll(() => priorities(part), { timeout: 10_000 }).toEqual(['Bus pass for carers', 'A friendly welcome']);
      await tabUntil(part, 'Move up: A friendly welcome');
      await part.keyboard.press('Enter');
      await expect.poll(() => priorities(fac), { timeout: 10_000 }).toEqual(['A friendly welcome', 'Bus pass for carers']);

      // --- Add an action (the Action plan drawer) ---
      await tabUntil(part, 'tool-actions', { maxPresses: 300 });
      await part.keyboard.press('Enter');
      await tabUntil(part, 'action-add', { maxPresses: 300 });
      await part.keyboard.press('Enter');
      await expect.poll(async () => (await focused(part)).name).toBe('What will happen – action 1');
      await part.keyboard.type('Ask the council about bus passes');
      await expect.poll(() => valueOf(fac, 'What will happen – action 1'), { timeout: 10_000 }).toBe('Ask the council about bus passes');

      // --- The facilitator downloads the export (the agreed plan's drawer) ---
      await tabUntil(fac, 'tool-plan', { maxPresses: 400 });
      await fac.keyboard.press('Enter');
      await tabUntil(fac, 'Download the plan', { maxPresses: 400 });
      const download = fac.waitForEvent('download');
      await fac.keyboard.press('Enter');
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.\w+$/);
    } catch (e) {
      for (const [i, p] of pages.entries()) await p.screenshot({ path: `test-artifacts/keyboard-failure-${i}.png` }).catch(() => {});
      throw e;
    }
    expect(errors).toEqual([]);
  }, 90_000);
});
