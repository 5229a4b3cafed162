import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connectSession, request } from '../support/clients.js';
import { ARTIFACTS, addNote, chooseInMenu, createBoard, e2eSession, openSection } from './browserSupport.js';

/**
 * Sticky notes between people: two people write in the same note at once and both see the
 * whole text; each sees who else is writing in it ("Rhian is writing…", never on an anonymous
 * board); a note deleted while someone types in it tells them who deleted it (or "Someone" when
 * anonymous), puts focus on "Restore the note", and one press brings it back with what they had
 * typed; a note you delete yourself can be restored too, and focus goes to the next note.
 */
describe('notes between people', () => {
  const session = e2eSession();
  const contexts = session.contexts;
  const errors: string[] = [];
  const pages: Array<[string, Page]> = [];
  let sam: Page;
  let rhian: Page;
  let boardPath = '';

  const notesIn = (page: Page, sectionId: string) =>
    page.locator(`#section-${sectionId} textarea`).evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
  const card = (page: Page, name: string) =>
    page.locator('li[data-note-id]').filter({ has: page.getByRole('textbox', { name, exact: true }) });
  const tokenOf = (page: Page) =>
    page.evaluate((id) => JSON.parse(localStorage.getItem(`codesign:board:${id}`) ?? '{}').token as string, boardPath.split('/').pop()!);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of pages) await page.screenshot({ path: path.join(ARTIFACTS, `notes-failure-${who}.png`) }).catch(() => {});
    console.error(`server output (last 4000 characters):\n${session.srv.output().slice(-4000)}`);
  });
  afterAll(() => {
    expect(errors).toEqual([]);
  });

  it('two people write in the same note at once and both end with the whole text', async () => {
    const open = async (who: string, viewport: { width: number; height: number }) => {
      const ctx = await session.browser.newContext({
        viewport,
        locale: 'en-GB',
        ...(viewport.width < 500 ? { hasTouch: true, isMobile: true } : {}),
      });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
      pages.push([who, page]);
      return page;
    };
    sam = await open('sam', { width: 1280, height: 800 });
    const { joinUrl, boardPath: p } = await createBoard(sam, session.srv.url, 'Day centre');
    boardPath = p;
    await addNote(sam, 'Shared goals', 'Transport:');
    rhian = await open('rhian', { width: 375, height: 812 });
    await rhian.goto(joinUrl);
    await rhian.getByLabel('Your name').fill('Rhian');
    await rhian.getByRole('radio', { name: 'I use the service' }).check();
    await rhian.getByRole('button', { name: 'Join the board' }).click();
    await rhian.waitForURL((u) => u.pathname === boardPath);
    await expect.poll(() => notesIn(rhian, 'goals'), { timeout: 10_000 }).toEqual(['Transport:']);

    // Sam types at the end; Rhian at the start, at the same time.
    await openSection(rhian, 'Shared goals');
    const samField = sam.getByRole('textbox', { name: 'Note 1 in Shared goals' });
    const rhianField = rhian.getByRole('textbox', { name: 'Note 1 in Shared goals' });
    await samField.click();
    await sam.keyboard.press('End');
    await rhianField.tap();
    await rhian.evaluate(() => (document.activeElement as HTMLTextAreaElement).setSelectionRange(0, 0));
    await Promise.all([sam.keyboard.type(' a bus on Tuesdays', { delay: 20 }), rhian.keyboard.type('Our ', { delay: 25 })]);
    const whole = 'Our Transport: a bus on Tuesdays';
    await expect.poll(() => samField.inputValue(), { timeout: 10_000 }).toBe(whole);
    await expect.poll(() => rhianField.inputValue(), { timeout: 10_000 }).toBe(whole);

    // Each sees that the other is writing in it, on the note.
    await expect.poll(() => card(sam, 'Note 1 in Shared goals').innerText(), { timeout: 10_000 }).toContain('Rhian is writing…');
    await expect.poll(() => card(rhian, 'Note 1 in Shared goals').innerText(), { timeout: 10_000 }).toContain('Sam is writing…');
    await sam.screenshot({ path: path.join(ARTIFACTS, 'notes-writing-1280.png') });
    await rhian.screenshot({ path: path.join(ARTIFACTS, 'notes-writing-375.png') });
    // Leaving the note: the mark goes.
    await rhian.evaluate(() => (document.activeElement as HTMLElement).blur());
    await expect.poll(() => card(sam, 'Note 1 in Shared goals').innerText(), { timeout: 10_000 }).not.toContain('Rhian is writing…');
  }, 60_000);

  it('a note deleted while Rhian types in it: she is told Sam deleted it, and one press restores it with her words', async () => {
    await addNote(sam, 'Shared goals', 'A lift that works');
    await expect.poll(() => notesIn(rhian, 'goals'), { timeout: 10_000 }).toHaveLength(2);
    const rhianField = rhian.getByRole('textbox', { name: 'Note 2 in Shared goals' });
    await rhianField.tap();
    await rhian.keyboard.press('End');
    await rhian.keyboard.type(' every day');
    await expect
      .poll(() => sam.getByRole('textbox', { name: 'Note 2 in Shared goals' }).inputValue(), { timeout: 10_000 })
      .toBe('A lift that works every day');
    await expect.poll(() => card(sam, 'Note 2 in Shared goals').innerText(), { timeout: 10_000 }).toContain('Rhian is writing…');

    // Sam deletes it from its menu.
    await card(sam, 'Note 2 in Shared goals').locator('[data-focus="menu"]').click();
    await chooseInMenu(sam, 'Delete note');
    await expect.poll(() => notesIn(sam, 'goals')).toHaveLength(1);
    // Sam's focus went somewhere sensible (the note that is left), and Sam can restore it too.
    await expect
      .poll(() => sam.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Actions for Note 1 in Shared goals');
    await sam.locator('.note-watch').getByText('Note deleted.').waitFor();

    // Rhian: who deleted it, and focus on the one action that helps.
    const notice = rhian.getByText('Sam deleted the note you were writing.');
    await notice.waitFor({ timeout: 10_000 });
    await expect.poll(() => rhian.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Restore the note');
    await rhian.screenshot({ path: path.join(ARTIFACTS, 'notes-deleted-under-you-375.png') });
    await rhian.keyboard.press('Enter');
    // Back, with everything she had typed, for everyone; focus back in its text, at the end.
    await expect
      .poll(() => notesIn(sam, 'goals'), { timeout: 10_000 })
      .toEqual(['Our Transport: a bus on Tuesdays', 'A lift that works every day']);
    await expect.poll(() => rhian.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Note 2 in Shared goals');
    expect(await rhian.evaluate(() => (document.activeElement as HTMLTextAreaElement).selectionStart)).toBe(
      'A lift that works every day'.length,
    );
    await rhian.keyboard.type('!');
    await expect
      .poll(() => sam.getByRole('textbox', { name: 'Note 2 in Shared goals' }).inputValue(), { timeout: 10_000 })
      .toBe('A lift that works every day!');
    expect(await notice.count()).toBe(0);
    // Sam's own "Restore" went away too: the note is back.
    await expect.poll(() => sam.locator('.note-watch').count()).toBe(0);
  }, 60_000);

  it('on an anonymous board it says “Someone”, and nobody is shown writing', async () => {
    const boardId = boardPath.split('/').pop()!;
    const facSocket = connectSession(session.srv.url, boardId, await tokenOf(sam));
    try {
      expect(await request(facSocket, 'board:anonymous', { anonymous: true })).toMatchObject({ ok: true });
    } finally {
      facSocket.close();
    }
    await rhian.getByText('Names are hidden on notes').waitFor({ timeout: 10_000 });
    const rhianField = rhian.getByRole('textbox', { name: 'Note 2 in Shared goals' });
    await rhianField.tap();
    await rhian.keyboard.type(' please');
    await sam.waitForTimeout(800);
    expect(await sam.getByText('Rhian is writing…').count()).toBe(0);
    await card(sam, 'Note 2 in Shared goals').locator('[data-focus="menu"]').click();
    await chooseInMenu(sam, 'Delete note');
    await rhian.getByText('Someone deleted the note you were writing.').waitFor({ timeout: 10_000 });
    expect(await rhian.getByText('Sam deleted').count()).toBe(0);
    // Dismissing it instead: focus goes to the section's "Add note".
    await rhian.getByRole('button', { name: 'Dismiss' }).tap();
    await expect.poll(() => rhian.evaluate(() => document.activeElement?.id)).toBe('add-note-goals');
    await expect.poll(() => notesIn(sam, 'goals')).toEqual(['Our Transport: a bus on Tuesdays']);
  }, 60_000);

  it('a note you delete yourself comes back with Restore', async () => {
    await card(sam, 'Note 1 in Shared goals').locator('[data-focus="menu"]').click();
    await chooseInMenu(sam, 'Delete note');
    await expect.poll(() => notesIn(sam, 'goals')).toEqual([]);
    // Nothing left in the section: focus goes to "Add note".
    await expect.poll(() => sam.evaluate(() => document.activeElement?.id)).toBe('add-note-goals');
    await sam.getByRole('button', { name: 'Restore the note' }).click();
    await expect.poll(() => notesIn(rhian, 'goals'), { timeout: 10_000 }).toEqual(['Our Transport: a bus on Tuesdays']);
  }, 60_000);
});
