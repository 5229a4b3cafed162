import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connectSession, request } from '../support/clients.js';
import { ARTIFACTS, addNote, closeTool, e2eSession, openSection, openTool, createBoard } from './browserSupport.js';

/**
 * End to end, the agreed plan: a facilitator creates a board and adds notes; a participant turns
 * a note into an action and fills in who, by when and status; the facilitator sees it live,
 * makes a share-back link, and a third person with only that link reads the plan (and cannot
 * change anything); the facilitator downloads the plan as a PDF. The action plan and the agreed
 * plan are drawers opened from the toolbar; a note's actions are in its menu. One session in
 * steps that each report on their own. Screenshots go to test-artifacts/.
 */

/** The note card whose text field is "Note <n> in <section>". */
function noteCard(page: Page, number: number, section: string) {
  return page.locator('li[data-note-id]').filter({ has: page.getByRole('textbox', { name: `Note ${number} in ${section}`, exact: true }) });
}

const value = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true, includeHidden: true }).inputValue();

/** The participant token this browser keeps for the board. */
function tokenOf(page: Page, boardId: string): Promise<string> {
  return page.evaluate((id) => JSON.parse(localStorage.getItem(`codesign:board:${id}`) ?? '{}').token as string, boardId);
}

describe('the agreed plan in a browser', () => {
  const session = e2eSession();
  const contexts = session.contexts;
  const title = 'Carers’ support group plan';
  const note1 = 'Evening meetings so working carers can come';
  const note2 = 'A named contact at the surgery';
  const who = 'Carers’ forum with Siân';
  const due = 'end of March';
  const errors: string[] = [];
  const seen: Array<[string, Page]> = [];
  let fac: Page;
  let part: Page;
  let viewer: Page;
  let boardId = '';
  let viewUrl = '';

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [w, page] of seen) {
      await page.screenshot({ path: path.join(ARTIFACTS, `plan-failure-${w}.png`), fullPage: true }).catch(() => {});
    }
    console.error(`server output (last 4000 characters):\n${session.srv.output().slice(-4000)}`);
  });

  it('a facilitator makes a board with two notes; the action plan starts empty; a participant joins on a phone', async () => {
    const facCtx = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(facCtx);
    fac = await facCtx.newPage();
    seen.push(['facilitator', fac]);
    fac.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
    const { joinUrl } = await createBoard(fac, session.srv.url, title);
    boardId = new URL(fac.url()).pathname.split('/').pop()!;

    await addNote(fac, 'Shared goals', note1);
    await addNote(fac, 'Shared goals', note2);

    // The action plan is one button away for everyone, empty to begin with.
    const facPlan = await openTool(fac, 'actions');
    await facPlan.getByText('No actions yet').waitFor();

    const partCtx = await session.browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB', hasTouch: true });
    contexts.push(partCtx);
    part = await partCtx.newPage();
    seen.push(['participant', part]);
    part.on('pageerror', (e) => errors.push(`participant: ${e.message}`));
    await part.goto(joinUrl);
    await part.getByLabel('Your name').fill('Megan');
    await part.getByRole('radio', { name: 'Family member or carer' }).check();
    await part.getByRole('button', { name: 'Join the board' }).click();
    await part.waitForURL((url) => url.pathname === `/board/${boardId}`);
    await expect.poll(() => value(part, 'Note 1 in Shared goals'), { timeout: 10_000 }).toBe(note1);
    // Facilitator tools are not for participants.
    expect(await part.getByRole('button', { name: 'Share the plan with everyone', includeHidden: true }).count()).toBe(0);
    expect(await part.getByRole('button', { name: 'Download the plan', includeHidden: true }).count()).toBe(0);
  }, 60_000);

  it('the participant turns a note into an action from its menu and fills in who, by when and status; the facilitator sees it live', async () => {
    await openSection(part, 'Shared goals');
    const card = noteCard(part, 1, 'Shared goals');
    await card.locator('[data-focus="menu"]').click();
    await part.getByRole('menuitem', { name: 'Turn into an action' }).click();
    // Focus goes to the new action's "Who" (its drawer opens), and the action starts with the note's words.
    await expect.poll(() => part.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^action-who-/);
    const partPlan = part.getByRole('region', { name: 'Action plan' });
    expect(await partPlan.getByRole('textbox', { name: 'What will happen – action 1' }).inputValue()).toBe(note1);
    await part.keyboard.type(who);
    await partPlan.getByRole('textbox', { name: 'By when – action 1' }).fill(due);
    await partPlan.getByRole('combobox', { name: 'Status – action 1' }).selectOption({ label: 'In progress' });
    // It links back to the note it came from.
    await partPlan.getByRole('link', { name: `Go to the note: “${note1}”` }).waitFor();
    // The note's menu now says it is already an action.
    await closeTool(part, 'actions');
    await card.locator('[data-focus="menu"]').click();
    await part
      .getByRole('menuitem', { name: /Turn into another action/ })
      .getByText('Already in action 1')
      .waitFor();
    await part.keyboard.press('Escape');

    await expect.poll(() => value(fac, 'What will happen – action 1'), { timeout: 10_000 }).toBe(note1);
    await expect.poll(() => value(fac, 'Who – action 1'), { timeout: 10_000 }).toBe(who);
    await expect.poll(() => value(fac, 'By when – action 1'), { timeout: 10_000 }).toBe(due);
    await expect.poll(() => fac.getByRole('combobox', { name: 'Status – action 1' }).inputValue(), { timeout: 10_000 }).toBe('in-progress');
    // Someone else's action is announced to the facilitator's screen reader.
    await expect
      .poll(() => fac.locator('[aria-live="polite"]').allTextContents())
      .toContainEqual(expect.stringContaining('Someone added an action'));
    // The toolbar counts the actions.
    await expect.poll(() => fac.locator('#tool-actions .badge').innerText()).toBe('1');

    // The facilitator edits the text; the participant sees it.
    const facWhat = fac.getByRole('textbox', { name: 'What will happen – action 1' });
    await facWhat.click();
    await facWhat.press('End');
    await fac.keyboard.type(' (try Tuesdays)');
    await expect.poll(() => value(part, 'What will happen – action 1'), { timeout: 10_000 }).toBe(`${note1} (try Tuesdays)`);
  }, 60_000);

  it('an action added by hand, deleted after a confirmation, brought back by Undo, then deleted', async () => {
    const partPlan = await openTool(part, 'actions');
    await partPlan.getByRole('button', { name: 'Add an action' }).click();
    await expect.poll(() => part.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^action-what-/);
    await part.keyboard.type('Draft a leaflet');
    await expect.poll(() => value(fac, 'What will happen – action 2'), { timeout: 10_000 }).toBe('Draft a leaflet');
    const actionCount = (page: Page) =>
      page
        .getByRole('region', { name: 'Action plan', includeHidden: true })
        .getByRole('listitem', { includeHidden: true })
        .filter({ has: page.locator('h3') })
        .count();
    // By keyboard: Delete asks first, with focus on "No, keep it"; Shift+Tab, Enter deletes.
    await partPlan.getByRole('button', { name: 'Delete action – action 2' }).focus();
    await part.keyboard.press('Enter');
    await partPlan.getByText('Delete action 2? You can undo this afterwards.').waitFor();
    await expect.poll(() => part.evaluate(() => document.activeElement?.textContent ?? '')).toBe('No, keep it');
    await part.keyboard.press('Shift+Tab');
    await part.keyboard.press('Enter');
    await expect.poll(() => actionCount(fac), { timeout: 10_000 }).toBe(1);
    // Focus lands on the action that is left, not on the page.
    await expect.poll(() => part.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^action-delete-/);
    // Undo (in the session bar; the drawer covers the phone's screen, so it closes first) brings it back, for everyone.
    await closeTool(part, 'actions');
    await part.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => value(fac, 'What will happen – action 2'), { timeout: 10_000 }).toBe('Draft a leaflet');
    await openTool(part, 'actions');
    await partPlan.getByRole('button', { name: 'Delete action – action 2' }).click();
    await partPlan.getByRole('button', { name: 'Yes, delete the action' }).click();
    await expect.poll(() => actionCount(fac), { timeout: 10_000 }).toBe(1);
  }, 60_000);

  it('a priority becomes an action from the shared priority list', async () => {
    await noteCard(fac, 2, 'Shared goals').locator('[data-focus="menu"]').click();
    await fac.getByRole('menuitem', { name: 'Add to priorities' }).click();
    const facPriorities = await openTool(fac, 'priorities');
    await facPriorities.getByRole('button', { name: `Turn into an action: ${note2}` }).click();
    await expect.poll(() => fac.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^action-who-/);
    await expect.poll(() => value(part, 'What will happen – action 2'), { timeout: 10_000 }).toBe(note2);
  }, 60_000);

  it('a vote round ending in a tie; screenshots of the board with its action plan', async () => {
    const noteIds = await fac.locator('li[data-note-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-note-id')!));
    const sectionId = await fac
      .getByRole('region', { name: 'Shared goals', exact: true })
      .evaluate((el) => el.closest('section')!.id.replace(/^section-/, ''));
    const facSocket = connectSession(session.srv.url, boardId, await tokenOf(fac, boardId));
    const partSocket = connectSession(session.srv.url, boardId, await tokenOf(part, boardId));
    try {
      type Ack = { ok: boolean; data?: { roundId: string } };
      const opened = await request<Ack>(facSocket, 'vote:open', { title: 'What first?', sectionIds: [sectionId], budget: 3 });
      expect(opened.ok).toBe(true);
      const roundId = opened.data!.roundId;
      for (const [socket, dots] of [
        [facSocket, [2, 1]],
        [partSocket, [1, 2]],
      ] as const) {
        for (const [i, n] of dots.entries()) {
          expect((await request<Ack>(socket, 'vote:set', { roundId, noteId: noteIds[i], dots: n })).ok).toBe(true);
        }
      }
      expect((await request<Ack>(facSocket, 'vote:close', { roundId })).ok).toBe(true);
    } finally {
      facSocket.disconnect();
      partSocket.disconnect();
    }

    await fac.mouse.move(0, 0);
    await fac.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await openTool(fac, 'actions');
    await fac.screenshot({ path: path.join(ARTIFACTS, 'plan-board-1280.png') });
    await fac.screenshot({ path: path.join(ARTIFACTS, 'plan-board-1280-full.png'), fullPage: true });
    const priorities = await openTool(fac, 'priorities');
    await priorities.screenshot({ path: path.join(ARTIFACTS, 'plan-board-priorities.png') });
    await part.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await openTool(part, 'actions');
    await part.screenshot({ path: path.join(ARTIFACTS, 'plan-board-375.png'), fullPage: true });
    await closeTool(part, 'actions');
  }, 60_000);

  it('the participant opens the plan view; the facilitator shares the plan back', async () => {
    const planDrawer = await openTool(part, 'plan');
    await planDrawer.getByRole('link', { name: 'See the plan' }).click();
    await part.waitForURL((url) => url.pathname === `/plan/${boardId}`);
    await part.getByRole('heading', { level: 1, name: title }).waitFor();
    await part.getByRole('link', { name: 'Back to the board' }).waitFor();
    await part
      .getByRole('table', { name: /The action plan/ })
      .getByText(who)
      .waitFor();

    const facPlanDrawer = await openTool(fac, 'plan');
    await facPlanDrawer.getByRole('button', { name: 'Share the plan with everyone' }).click();
    const linkBox = fac.getByRole('textbox', { name: 'Link to the plan' });
    await linkBox.waitFor();
    viewUrl = await linkBox.inputValue();
    expect(viewUrl).toMatch(new RegExp(`/plan/${boardId}#view=.+`));
    await fac.getByText('This link is read-only').waitFor();
  }, 60_000);

  it('someone with only the link reads the plan, and cannot change anything', async () => {
    const viewCtx = await session.browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'en-GB' });
    contexts.push(viewCtx);
    viewer = await viewCtx.newPage();
    seen.push(['viewer', viewer]);
    viewer.on('pageerror', (e) => errors.push(`viewer: ${e.message}`));
    const planRequests: Array<Record<string, string>> = [];
    viewer.on('request', (r) => {
      if (r.url().includes('/api/')) planRequests.push(r.headers());
    });
    await viewer.goto(viewUrl);
    await viewer.getByRole('heading', { level: 1, name: title }).waitFor();
    const actionTable = viewer.getByRole('table', { name: /The action plan/ });
    await actionTable.getByText(`${note1} (try Tuesdays)`).waitFor();
    await actionTable.getByText(who).waitFor();
    await actionTable.getByText(due).waitFor();
    await actionTable.getByText('In progress').waitFor();
    const notes = viewer.getByRole('region', { name: 'Everyone’s notes, step by step' });
    await notes.getByText(note1, { exact: true }).waitFor();
    await notes.getByText(note2, { exact: true }).waitFor();
    await viewer.getByRole('region', { name: 'Who took part' }).getByText('Megan').waitFor();
    // The second action has nobody yet, and says so.
    await actionTable.getByRole('row').filter({ hasText: note2 }).getByText('Not decided yet').first().waitFor();
    // The vote: both notes tied for first place, split by group.
    const tallies = viewer.getByRole('table', { name: /Results of “What first\?”/ });
    expect(await tallies.getByRole('cell', { name: '=1 (tie)' }).count()).toBe(2);
    await tallies.getByText('Families and carers 2, Staff and professionals 1').waitFor();
    await viewer.getByRole('region', { name: 'Priorities' }).getByRole('link', { name: note2 }).waitFor();
    // Read-only: nothing to type into, no board to go back to, no facilitator tools.
    expect(await viewer.locator('textarea, input, select, [contenteditable="true"]').count()).toBe(0);
    expect(await viewer.getByRole('link', { name: 'Back to the board' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /Download|Share/ }).count()).toBe(0);
    // The view key went as a header, never in a URL.
    expect(planRequests.length).toBeGreaterThan(0);
    expect(planRequests.every((h) => typeof h['x-view-key'] === 'string' && !h.authorization)).toBe(true);
    // Links inside the plan move focus, and keep the key in the address (for Refresh and reload).
    await viewer.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Vote results' }).click();
    await expect.poll(() => viewer.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Vote results');
    expect(new URL(viewer.url()).hash).toMatch(/^#view=/);
    // Refresh picks up later changes.
    await openTool(fac, 'actions');
    await fac.getByRole('combobox', { name: 'Status – action 1' }).selectOption({ label: 'Done' });
    await expect
      .poll(
        async () => {
          await viewer.getByRole('button', { name: 'Refresh' }).click();
          return actionTable.getByText('Done', { exact: true }).count();
        },
        { timeout: 10_000 },
      )
      .toBe(1);

    await viewer.screenshot({ path: path.join(ARTIFACTS, 'plan-view-en.png'), fullPage: true });
    await viewer.getByRole('button', { name: 'Cymraeg' }).click();
    await viewer.getByRole('heading', { level: 2, name: 'Cynllun gweithredu' }).waitFor();
    await viewer
      .getByRole('table', { name: /Y cynllun gweithredu/ })
      .getByText('Wedi’i wneud')
      .waitFor();
    expect(await viewer.evaluate(() => document.documentElement.lang)).toBe('cy');
    await viewer.screenshot({ path: path.join(ARTIFACTS, 'plan-view-cy.png'), fullPage: true });
    await viewer.setViewportSize({ width: 360, height: 800 });
    await viewer.screenshot({ path: path.join(ARTIFACTS, 'plan-view-cy-360.png'), fullPage: true });
    // Printed (A4): the print stylesheet leaves out the page's controls.
    await viewer.setViewportSize({ width: 1024, height: 900 });
    const pdf = await viewer.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'plan-view-cy-print.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('the facilitator downloads the plan as a PDF; a new share link retires the old one', async () => {
    await openTool(fac, 'plan');
    const downloadForm = fac.getByRole('form', { name: 'Download the plan' });
    await downloadForm.getByRole('radio', { name: 'PDF' }).check();
    await downloadForm.getByRole('radio', { name: 'Both languages' }).check();
    const [download] = await Promise.all([
      fac.waitForEvent('download'),
      downloadForm.getByRole('button', { name: 'Download the plan' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await downloadForm.getByText(`Downloaded “${download.suggestedFilename()}”`).waitFor();
    await fac.screenshot({ path: path.join(ARTIFACTS, 'plan-board-tools-1280.png') });
    // A new share-back link replaces the old one: the old one now says so, plainly.
    const linkBox = fac.getByRole('textbox', { name: 'Link to the plan' });
    await fac.getByRole('button', { name: 'Make a new link' }).click();
    await expect.poll(() => linkBox.inputValue(), { timeout: 10_000 }).not.toBe(viewUrl);
    await viewer.getByRole('button', { name: 'English' }).click();
    await viewer.reload();
    await viewer.getByRole('heading', { level: 1, name: 'The plan cannot be shown' }).waitFor();
    await viewer.getByText('This link to the plan does not work any more').waitFor();

    // The same on the board, in Welsh.
    await fac.getByRole('button', { name: 'Cymraeg' }).click();
    const facPlanCy = await openTool(fac, 'actions');
    await fac.getByRole('region', { name: 'Cynllun gweithredu' }).getByRole('textbox', { name: 'Pwy – cam gweithredu 1' }).waitFor();
    await facPlanCy.screenshot({ path: path.join(ARTIFACTS, 'plan-board-actions-cy.png') });
    const agreedCy = await openTool(fac, 'plan');
    await fac.getByRole('region', { name: 'Y cynllun y cytunwyd arno' }).waitFor();
    await agreedCy.screenshot({ path: path.join(ARTIFACTS, 'plan-board-tools-cy.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
