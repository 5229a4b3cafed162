import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connectSession, request } from '../support/clients.js';
import { ARTIFACTS, addNote, closeTool, e2eSession, joinLinkOf, openSection, openTool, createBoard } from './browserSupport.js';

/**
 * Facilitation end to end, in Chromium against the real server and the built client: the
 * facilitator runs a timer, moves the group between steps, locks and unlocks editing, hides
 * names, shares and takes back the role, makes a new join link and removes someone; the
 * participant (on a phone) sees the timer count down, follows the step (or, while typing, is
 * offered "Go to step N"), reads while locked, raises a hand and asks for a break, which reach
 * the facilitator wherever they are on the board. Everyone can open the log and the balance of
 * voice. One session, in steps that each report on their own. Screenshots go to test-artifacts/.
 */

/** mm:ss → seconds. */
function seconds(clock: string): number {
  const m = /^(\d+):(\d{2})$/.exec(clock.trim());
  if (!m) throw new Error(`not a clock: "${clock}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

async function liveText(page: Page): Promise<string[]> {
  return page.locator('[aria-live="polite"]').allTextContents();
}

/** Whether an element is on screen (its top edge inside the viewport, and it has a size). */
function topInView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= -2 && r.top < window.innerHeight - 40;
  }, selector);
}

/** Whether an element is entirely inside the viewport (not covered by being scrolled away). */
function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  }, selector);
}

/** Turns one of the phone menu's check items (Follow the facilitator, Sound at the end) on or off. */
async function setMenuCheck(page: Page, key: string, on: boolean): Promise<void> {
  const button = (await page.locator('#tool-more').isVisible()) ? page.locator('#tool-more') : page.locator('#board-menu');
  await button.click();
  const item = page.locator(`[role="menu"] [data-key="${key}"]`);
  if ((await item.getAttribute('aria-checked')) === String(on)) {
    await page.keyboard.press('Escape');
    return;
  }
  await item.click();
  await page.locator('[role="menu"]').waitFor({ state: 'detached' });
}

describe('facilitation in a browser', () => {
  const session = e2eSession();
  const contexts = session.contexts;
  const title = 'Improving the day centre';
  const partText = 'More time to talk before the plan is written';
  const errors: string[] = [];
  const seen: Array<[string, Page]> = [];
  let fac: Page;
  let part: Page;
  let joinUrl = '';
  let pausedAt = '';
  const tools = () => fac.getByRole('region', { name: 'Facilitator tools' });
  const facNote = () => fac.getByRole('region', { name: 'Shared goals', exact: true }).getByRole('listitem').filter({ hasText: 'Megan' });
  const partGoals = () => part.getByRole('region', { name: 'Shared goals', exact: true });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of seen) {
      await page.screenshot({ path: path.join(ARTIFACTS, `facilitation-failure-${who}.png`), fullPage: true }).catch(() => {});
    }
    console.error(`server output (last 4000 characters):\n${session.srv.output().slice(-4000)}`);
  });

  it('a facilitator creates a board; a participant joins on a phone with the session bar, not the tools', async () => {
    const facCtx = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(facCtx);
    fac = await facCtx.newPage();
    seen.push(['facilitator', fac]);
    fac.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
    await createBoard(fac, session.srv.url, title);
    // The facilitator's first screen is the board; the tools are one button away.
    expect(await tools().count()).toBe(0);
    await openTool(fac, 'facilitate');
    await tools().waitFor();
    joinUrl = await joinLinkOf(fac);

    const partCtx = await session.browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB', hasTouch: true });
    contexts.push(partCtx);
    part = await partCtx.newPage();
    seen.push(['participant', part]);
    part.on('pageerror', (e) => errors.push(`participant: ${e.message}`));
    await part.goto(joinUrl);
    await part.getByLabel('Your name').fill('Megan');
    await part.getByRole('radio', { name: 'I use the service' }).check();
    await part.getByRole('button', { name: 'Join the board' }).click();
    await part.waitForURL(/\/board\/[^/]+$/);
    await part.getByRole('tab', { name: /^2 Shared goals/ }).waitFor();
    await part.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    // Participants have no facilitator tools, but do have the session bar.
    expect(await part.getByRole('region', { name: 'Facilitator tools' }).count()).toBe(0);
    expect(await part.locator('[data-key="facilitate"], #tool-facilitate').count()).toBe(0);
    await part.getByRole('button', { name: 'Raise hand' }).waitFor();

    // The participant writes a note; the facilitator sees it with her name (not anonymous).
    await addNote(part, 'Shared goals', partText);
    await expect.poll(() => facNote().count(), { timeout: 10_000 }).toBe(1);
    await part.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }, 60_000);

  it('runs a timer that the participant sees counting down, paused, and with time added', async () => {
    await openTool(fac, 'facilitate');
    await tools().getByLabel('Minutes').fill('2');
    await tools().getByRole('button', { name: 'Set timer' }).click();
    const partClock = part.getByRole('timer');
    await expect.poll(() => partClock.textContent(), { timeout: 10_000 }).toBe('02:00');
    await tools().getByRole('button', { name: 'Start' }).click();
    await expect.poll(async () => seconds((await partClock.textContent()) ?? ''), { timeout: 10_000 }).toBeLessThan(120);
    const first = seconds((await partClock.textContent()) ?? '');
    await part.waitForTimeout(2200);
    const later = seconds((await partClock.textContent()) ?? '');
    expect(later).toBeLessThan(first);
    expect(later).toBeGreaterThan(100);
    await part.getByText('Running').first().waitFor({ state: 'attached' });
    // Add a minute, then pause: both show the same paused time.
    await tools().getByRole('button', { name: '+ 1 minute' }).click();
    await expect.poll(async () => seconds((await partClock.textContent()) ?? ''), { timeout: 10_000 }).toBeGreaterThan(150);
    await tools().getByRole('button', { name: 'Pause' }).click();
    await part.getByText('Paused').first().waitFor();
    pausedAt = (await partClock.textContent()) ?? '';
    await part.waitForTimeout(1200);
    expect(await partClock.textContent()).toBe(pausedAt);
    expect(await fac.getByRole('timer').textContent()).toBe(pausedAt);
  }, 60_000);

  it('moves the group between steps; the participant follows, or stays put with following off', async () => {
    await tools().getByRole('button', { name: 'Go to this step: Celebrate, value, share' }).click();
    await expect.poll(() => part.locator('#section-celebrate').getAttribute('aria-current'), { timeout: 10_000 }).toBe('step');
    await expect.poll(() => topInView(part, '#section-celebrate'), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => liveText(part))
      .toContainEqual(expect.stringContaining('The group has moved to step 5 of 5: Celebrate, value, share.'));
    expect(await part.locator('#section-goals').getAttribute('aria-current')).toBeNull();
    // The phone's section switcher marks the current step too.
    await expect
      .poll(() => part.getByRole('tab', { name: /^5 Celebrate, value, share.*Current step/ }).getAttribute('aria-selected'))
      .toBe('true');
    await tools().getByRole('listitem').filter({ hasText: 'Celebrate, value, share' }).getByText('Current step').waitFor();
    // The facilitator's focus moves to the new "Current step" mark, not to the page.
    await expect.poll(() => fac.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Current step');
    // The facilitator's own view shows the step in the slim bar, and its column is marked.
    await fac.locator('.session-chip--step').filter({ hasText: 'Celebrate, value, share' }).waitFor();
    expect(await fac.locator('#section-celebrate').getAttribute('aria-current')).toBe('step');
    // The timer stays in view in the participant's bar, wherever the page is.
    await part.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await inViewport(part, '[role="timer"]')).toBe(true);
    expect(await part.getByRole('timer').textContent()).toBe(pausedAt);

    // With "Follow the facilitator" off, the view stays where it is (and the choice is remembered).
    await part.evaluate(() => window.scrollTo(0, 0));
    await setMenuCheck(part, 'follow', false);
    expect(await part.evaluate(() => localStorage.getItem('codesign:follow-facilitator'))).toBe('off');
    const scrolledTo = await part.evaluate(() => window.scrollY);
    await tools().getByRole('button', { name: 'Go to this step: Plan together' }).click();
    await expect.poll(() => part.locator('#section-plan').getAttribute('aria-current'), { timeout: 10_000 }).toBe('step');
    await part.waitForTimeout(600);
    expect(await part.evaluate(() => window.scrollY)).toBe(scrolledTo);
    expect(await topInView(part, '#section-plan')).toBe(false);
    expect(await part.getByRole('tab', { name: /^5 Celebrate/ }).getAttribute('aria-selected')).toBe('true');
    await setMenuCheck(part, 'follow', true);
  }, 60_000);

  it('while the participant is typing, the step change is offered (“Go to step N”), not forced', async () => {
    await openSection(part, 'Shared goals');
    const field = partGoals().getByRole('textbox').first();
    await field.click();
    await part.keyboard.press('End');
    await tools().getByRole('button', { name: 'Go to this step: Map our assets' }).click();
    await expect.poll(() => part.locator('#section-assets').getAttribute('aria-current'), { timeout: 10_000 }).toBe('step');
    const go = part.getByRole('button', { name: 'Go to step 1' });
    await go.waitFor({ timeout: 10_000 });
    // Still in the note, still typing, in the same section.
    expect(await part.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await part.getByRole('tab', { name: /^2 Shared goals/ }).getAttribute('aria-selected')).toBe('true');
    await part.keyboard.type(' soon');
    await expect.poll(() => field.inputValue()).toBe(`${partText} soon`);
    await part.screenshot({ path: path.join(ARTIFACTS, 'facilitation-go-to-step-375.png') });
    // One tap: the step's section, with focus on its heading.
    await go.tap();
    await expect.poll(() => part.evaluate(() => document.activeElement?.id)).toBe('section-title-assets');
    expect(await part.getByRole('tab', { name: /^1 Map our assets/ }).getAttribute('aria-selected')).toBe('true');
    expect(await go.count()).toBe(0);
  }, 60_000);

  it('locks editing: the participant reads only, with a banner; the facilitator can still edit', async () => {
    await tools().getByRole('button', { name: 'Lock editing' }).click();
    await part.getByText('The facilitator has paused editing. You can still read everything.').waitFor({ timeout: 10_000 });
    await openSection(part, 'Shared goals');
    await expect.poll(() => partGoals().getByRole('button', { name: 'Add note' }).isDisabled()).toBe(true);
    expect(await partGoals().getByRole('button', { name: 'Add group' }).isDisabled()).toBe(true);
    expect(await partGoals().getByRole('textbox').first().getAttribute('readonly')).not.toBeNull();
    expect(
      await partGoals()
        .getByRole('button', { name: /^Actions for Note 1/ })
        .isDisabled(),
    ).toBe(true);
    expect(await partGoals().getByRole('button', { name: 'Drag to move this note' }).first().isDisabled()).toBe(true);
    expect(await part.getByRole('button', { name: 'Undo', exact: true }).getAttribute('aria-disabled')).toBe('true');
    // The facilitator keeps editing, and sees that editing is locked for participants.
    await fac.getByText('Editing is locked for participants. Facilitators can still edit.').first().waitFor();
    expect(
      await fac.getByRole('region', { name: 'Shared goals', exact: true }).getByRole('button', { name: 'Add note' }).isDisabled(),
    ).toBe(false);
    await part.screenshot({ path: path.join(ARTIFACTS, 'facilitation-locked-375.png') });
    expect(await part.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    await tools().getByRole('button', { name: 'Unlock editing' }).click();
    await expect.poll(() => partGoals().getByRole('button', { name: 'Add note' }).isDisabled(), { timeout: 10_000 }).toBe(false);
    expect(await part.getByText('The facilitator has paused editing.').count()).toBe(0);
    expect(await partGoals().getByRole('textbox').first().getAttribute('readonly')).toBeNull();
  }, 60_000);

  it('a raised hand and a break request reach the facilitator deep in the board, with the tools closed', async () => {
    // The facilitator is working in a long column, scrolled to its end, typing in a note.
    await closeTool(fac, 'facilitate');
    for (let i = 1; i <= 14; i++) await addNote(fac, 'Map our assets', `Asset number ${i}: something we can use`);
    await fac.locator('#section-assets .section__body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    expect(await fac.locator('#section-assets .section__body').evaluate((el) => el.scrollTop)).toBeGreaterThan(300);

    await part.getByRole('button', { name: 'Raise hand' }).tap();
    await part.getByText('Your hand is up. You are number 1 in the queue.').waitFor();
    // In the slim bar, in view, wherever the facilitator is; and said politely.
    const chip = fac.locator('[data-attention]');
    await chip.filter({ hasText: '1 hand raised' }).waitFor({ timeout: 10_000 });
    expect(await inViewport(fac, '[data-attention]')).toBe(true);
    await expect.poll(() => liveText(fac)).toContainEqual(expect.stringContaining('Megan raised a hand.'));
    expect(await fac.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA'); // nothing took their focus
    expect(await fac.locator('#tool-facilitate .badge').innerText()).toBe('1');

    // A break request without a name.
    await part.getByRole('button', { name: 'I need a break' }).tap();
    await part.getByRole('checkbox', { name: 'Don’t show my name' }).check();
    await part.getByRole('button', { name: 'Tell the facilitator' }).tap();
    await part.getByText('The facilitator has been told.').waitFor();
    await chip.filter({ hasText: '1 hand raised · 1 break request' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => liveText(fac)).toContainEqual(expect.stringContaining('Someone has asked for a break.'));
    await fac.screenshot({ path: path.join(ARTIFACTS, 'facilitation-attention-1280.png') });

    // The chip opens the facilitator tools at the queue.
    await chip.click();
    const handQueue = tools()
      .getByRole('list')
      .filter({ has: fac.getByRole('button', { name: 'Done: Megan' }) });
    await handQueue.getByText('Megan').waitFor({ timeout: 10_000 });
    await tools().getByText('Someone (name not shown)').waitFor({ timeout: 10_000 });

    // --- Screenshots of the facilitator tools: 1280px, then 375px ---
    await fac.mouse.move(0, 0);
    await fac.screenshot({ path: path.join(ARTIFACTS, 'facilitation-board-1280.png') });
    await tools().screenshot({ path: path.join(ARTIFACTS, 'facilitator-bar-1280.png') });
    await fac.setViewportSize({ width: 375, height: 812 });
    await tools().waitFor();
    await fac.screenshot({ path: path.join(ARTIFACTS, 'facilitator-bar-375.png') });
    const overflow = await fac.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await fac.setViewportSize({ width: 1280, height: 900 });
    await openTool(fac, 'facilitate');

    await tools().getByRole('button', { name: 'Done: Megan' }).click();
    await part.getByRole('button', { name: 'Raise hand' }).waitFor({ timeout: 10_000 });
    await tools().getByRole('button', { name: 'Done: Someone (name not shown)' }).click();
    await tools().getByText('No break requests.').waitFor();
    await expect.poll(() => chip.count()).toBe(0);
  }, 90_000);

  it('hides names on notes (anonymous), keeping “You” on your own', async () => {
    await tools().getByRole('checkbox', { name: 'Hide names on notes (anonymous)' }).check();
    await expect.poll(() => facNote().count(), { timeout: 10_000 }).toBe(0);
    await openSection(part, 'Shared goals');
    const partOwn = partGoals()
      .getByRole('listitem')
      .filter({ has: part.locator('textarea') })
      .first();
    await expect.poll(() => partOwn.getByText('You', { exact: true }).count()).toBe(1);
    await part.getByText('Names are hidden on notes').waitFor();
    // Nobody is shown writing either, while names are hidden.
    await partGoals().getByRole('textbox').first().focus();
    await fac.waitForTimeout(800);
    expect(await fac.getByText('Megan is writing…').count()).toBe(0);
    await part.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tools().getByRole('checkbox', { name: 'Hide names on notes (anonymous)' }).uncheck();
    await expect.poll(() => facNote().count(), { timeout: 10_000 }).toBe(1);
  }, 60_000);

  it('everyone can read the log of what the facilitator did', async () => {
    const partLog = await openTool(part, 'log');
    for (const sentence of [
      'Moved the group to the step “Celebrate, value, share”.',
      'Locked editing for participants.',
      'Unlocked editing for everyone.',
      'Hid names on notes.',
    ]) {
      await partLog.getByText(sentence).first().waitFor();
    }
    expect(await partLog.getByText('Sam').count()).toBeGreaterThan(0);
    await part.keyboard.press('Escape');
    await expect.poll(() => partLog.isVisible()).toBe(false);
    // Focus goes back to the button that opened it (the phone's menu).
    expect(await part.evaluate(() => document.activeElement?.id)).toBe('board-menu');
  }, 60_000);

  it('everyone can open the balance of voice, in English and Welsh', async () => {
    const balance = await openTool(fac, 'balance');
    const table = balance.getByRole('table', { name: 'Balance of voice by group' });
    await table.waitFor({ timeout: 10_000 });
    const row = (group: string) => table.getByRole('row', { name: new RegExp(`^${group}`) });
    await expect.poll(() => row('Uses the service').getByRole('cell').allTextContents()).toEqual(['1', '1', expect.any(String), '0', '0']);
    await expect.poll(() => row('Staff').getByRole('cell').first().textContent()).toBe('1');
    await balance.getByText('The same figures as bars').waitFor();
    await fac.mouse.move(0, 0);
    await fac.screenshot({ path: path.join(ARTIFACTS, 'balance-1280-en.png') });
    await closeTool(fac, 'balance');

    const partBalance = await openTool(part, 'balance');
    await partBalance.getByRole('table').waitFor({ timeout: 10_000 });
    await part.screenshot({ path: path.join(ARTIFACTS, 'balance-375-en.png') });
    await closeTool(part, 'balance');

    await fac.getByRole('button', { name: 'Cymraeg' }).click();
    await fac.getByRole('heading', { name: 'Nodau cyffredin' }).waitFor();
    const balanceCy = await openTool(fac, 'balance');
    await balanceCy.getByRole('table', { name: 'Cydbwysedd lleisiau fesul grŵp' }).waitFor({ timeout: 10_000 });
    expect(await fac.getByRole('region', { name: 'Cydbwysedd lleisiau', exact: true }).count()).toBe(1);
    await fac.mouse.move(0, 0);
    await fac.screenshot({ path: path.join(ARTIFACTS, 'balance-1280-cy.png') });
    await closeTool(fac, 'balance');
    await openTool(fac, 'facilitate');
    await fac.getByRole('region', { name: 'Offer yr hwylusydd' }).screenshot({ path: path.join(ARTIFACTS, 'facilitator-bar-1280-cy.png') });
    await fac.getByRole('button', { name: 'English' }).click();
    await tools().waitFor();
  }, 60_000);

  it('makes a new join link after a confirmation', async () => {
    const invite = await openTool(fac, 'invite');
    await invite.getByRole('button', { name: 'Make a new join link' }).click();
    await invite.getByRole('button', { name: 'Yes, make a new link' }).click();
    await expect.poll(() => invite.getByLabel('Join link').inputValue(), { timeout: 10_000 }).not.toBe(joinUrl);
    expect(await invite.getByLabel('Join link').inputValue()).toMatch(/\/join\/[^/#]+#key=.+/);
    await closeTool(fac, 'invite');
  }, 60_000);

  it('ends the timer with a calm cue and a polite announcement; “Time is up” covers nothing', async () => {
    // The form takes whole minutes, so a two-second timer is set through the facilitator's own session.
    const boardId = new URL(fac.url()).pathname.split('/').pop()!;
    const facToken = await fac.evaluate((id) => JSON.parse(localStorage.getItem(`codesign:board:${id}`) ?? '{}').token as string, boardId);
    // The participant turns the (gentle, off by default) sound on for themselves.
    await setMenuCheck(part, 'sound', true);
    expect(await part.evaluate(() => localStorage.getItem('codesign:timer-sound'))).toBe('on');
    const facSocket = connectSession(session.srv.url, boardId, facToken);
    try {
      expect(await request(facSocket, 'timer:set', { durationMs: 2000 })).toMatchObject({ ok: true });
      expect(await request(facSocket, 'timer:run', { running: true })).toMatchObject({ ok: true });
    } finally {
      facSocket.close();
    }
    await part.evaluate(() => window.scrollTo(0, 0));
    await part.locator('.session-timer--ended').waitFor({ timeout: 10_000 });
    expect(await part.getByRole('timer').textContent()).toBe('00:00');
    await part.getByText('Time is up', { exact: true }).first().waitFor();
    await expect.poll(() => liveText(part)).toContainEqual(expect.stringContaining('Time is up.'));
    await part.getByRole('region', { name: 'Session' }).screenshot({ path: path.join(ARTIFACTS, 'facilitation-timer-ended-375.png') });
    // It sits in the bar, in the flow: nothing floats over the notes.
    expect(await part.locator('.mini-timer').count()).toBe(0);
    const covers = await part.evaluate(() => {
      const t = document.querySelector('.session-timer')!.getBoundingClientRect();
      return [...document.querySelectorAll('.note')].some((n) => {
        const r = n.getBoundingClientRect();
        return r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom;
      });
    });
    expect(covers).toBe(false);
    // Clearing the timer takes it away for everyone.
    await openTool(fac, 'facilitate');
    await tools().getByRole('button', { name: 'Clear timer' }).click();
    await part.getByText('Time is up', { exact: true }).waitFor({ state: 'detached', timeout: 10_000 });
  }, 60_000);

  it('shares the facilitator role live, takes it back, and removes someone', async () => {
    const facPresence = await openTool(fac, 'people');
    await facPresence.getByRole('button', { name: 'Options for Megan' }).click();
    await facPresence.getByRole('button', { name: 'Make co-facilitator' }).waitFor();
    await facPresence.screenshot({ path: path.join(ARTIFACTS, 'facilitation-presence-options-1280.png') });
    await facPresence.getByRole('button', { name: 'Make co-facilitator' }).click();
    await expect.poll(() => liveText(part), { timeout: 10_000 }).toContainEqual(expect.stringContaining('You are now a co-facilitator.'));
    await expect.poll(() => part.locator('#board-menu').count(), { timeout: 10_000 }).toBe(1);
    await openTool(part, 'facilitate');
    await part.getByRole('region', { name: 'Facilitator tools' }).waitFor({ timeout: 10_000 });
    await facPresence.getByRole('button', { name: 'Options for Megan' }).click();
    await facPresence.getByRole('button', { name: 'Take back facilitator role' }).click();
    await expect.poll(() => part.getByRole('region', { name: 'Facilitator tools' }).count(), { timeout: 10_000 }).toBe(0);

    // Removal: the participant sees a full page, and this device forgets the token.
    const boardId = new URL(fac.url()).pathname.split('/').pop()!;
    await facPresence.getByRole('button', { name: 'Options for Megan' }).click();
    await facPresence.getByRole('button', { name: 'Remove from board' }).click();
    await facPresence.getByRole('button', { name: 'Yes, remove' }).click();
    await part.getByRole('heading', { level: 1, name: 'The facilitator has removed you from this board' }).waitFor({ timeout: 10_000 });
    expect(await part.evaluate((id) => localStorage.getItem(`codesign:board:${id}`), boardId)).toBeNull();
    await expect.poll(() => facPresence.getByText('Megan').count(), { timeout: 10_000 }).toBe(0);
    const facLog = await openTool(fac, 'log');
    await facLog.getByText('Removed Megan from the board.').waitFor();
    await facLog.getByText('Made Megan a co-facilitator.').waitFor();
    await facLog.getByText('Made a new join link. The old link stopped working.').waitFor();
    await part.screenshot({ path: path.join(ARTIFACTS, 'facilitation-removed-375.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
