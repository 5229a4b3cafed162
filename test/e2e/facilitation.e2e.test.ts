import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { connectSession, request } from '../support/clients.js';
import { ARTIFACTS, ROOT, createBoard, e2eSession } from './browserSupport.js';

/**
 * Facilitation end to end, in Chromium against the real server and the built client: the
 * facilitator runs a timer, moves the group between steps, locks and unlocks editing, hides
 * names, shares and takes back the role, makes a new join link and removes someone; the
 * participant sees the timer count down, follows the step, reads while locked, raises a hand and
 * asks for a break. Everyone can open the log and the balance of voice. Screenshots of the
 * balance of voice (English and Welsh) and the facilitator's tools (1280px and 375px) go to
 * test-artifacts/.
 */

/** The built client; E2E_CLIENT_DIR points elsewhere (a build that nobody else is rewriting). */
const CLIENT_DIR = process.env.E2E_CLIENT_DIR ?? path.join(ROOT, 'dist/client');


/** mm:ss → seconds. */
function seconds(clock: string): number {
  const m = /^(\d+):(\d{2})$/.exec(clock.trim());
  if (!m) throw new Error(`not a clock: "${clock}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

async function liveText(page: Page): Promise<string[]> {
  return page.locator('[aria-live="polite"]').allTextContents();
}

/** Whether an element's top edge is inside the viewport. */
function topInView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.top >= -2 && r.top < window.innerHeight - 40;
  }, selector);
}

describe('facilitation in a browser', () => {
  const session = e2eSession();
  const contexts = session.contexts;

  it('steers the session without extra power, and everyone sees it', async () => {
    const title = 'Improving the day centre';
    const partText = 'More time to talk before the plan is written';
    const errors: string[] = [];
    const seen: Array<[string, Page]> = [];
    try {
      // --- The facilitator creates a board (desktop) ---
      const facCtx = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      contexts.push(facCtx);
      const fac = await facCtx.newPage();
      seen.push(['facilitator', fac]);
      fac.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
      const { joinUrl } = await createBoard(fac, session.srv.url, title);
      const tools = fac.getByRole('region', { name: 'Facilitator tools' });
      await tools.waitFor();

      // --- A participant joins on a phone ---
      const partCtx = await session.browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB', hasTouch: true });
      contexts.push(partCtx);
      const part = await partCtx.newPage();
      seen.push(['participant', part]);
      part.on('pageerror', (e) => errors.push(`participant: ${e.message}`));
      await part.goto(joinUrl);
      await part.getByLabel('Your name').fill('Megan');
      await part.getByRole('radio', { name: 'I use the service' }).check();
      await part.getByRole('button', { name: 'Join the board' }).click();
      await part.waitForURL(/\/board\/[^/]+$/);
      await part.getByRole('heading', { name: 'Shared goals' }).waitFor();
      await part.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      // Participants have no facilitator tools, but do have the session bar.
      expect(await part.getByRole('region', { name: 'Facilitator tools' }).count()).toBe(0);
      await part.getByRole('button', { name: 'Raise hand' }).waitFor();

      // The participant writes a note; the facilitator sees it with her name (not anonymous).
      await part.getByRole('region', { name: 'Shared goals', exact: true }).getByRole('button', { name: 'Add note' }).click();
      await expect.poll(() => part.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
      await part.keyboard.type(partText);
      const facNote = fac.getByRole('region', { name: 'Shared goals', exact: true }).getByRole('listitem').filter({ hasText: 'Megan' });
      await expect.poll(() => facNote.count(), { timeout: 10_000 }).toBe(1);
      await part.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

      // --- Timer: set 2 minutes and start; the participant sees it counting down ---
      await tools.getByLabel('Minutes').fill('2');
      await tools.getByRole('button', { name: 'Set timer' }).click();
      const partClock = part.getByRole('timer');
      await expect.poll(() => partClock.textContent(), { timeout: 10_000 }).toBe('02:00');
      await tools.getByRole('button', { name: 'Start' }).click();
      await expect.poll(async () => seconds((await partClock.textContent()) ?? ''), { timeout: 10_000 }).toBeLessThan(120);
      const first = seconds((await partClock.textContent()) ?? '');
      await part.waitForTimeout(2200);
      const later = seconds((await partClock.textContent()) ?? '');
      expect(later).toBeLessThan(first);
      expect(later).toBeGreaterThan(100);
      await part.getByText('Running').first().waitFor();
      // Add a minute, then pause: both show the same paused time.
      await tools.getByRole('button', { name: '+ 1 minute' }).click();
      await expect.poll(async () => seconds((await partClock.textContent()) ?? ''), { timeout: 10_000 }).toBeGreaterThan(150);
      await tools.getByRole('button', { name: 'Pause' }).click();
      await part.getByText('Paused').first().waitFor();
      const pausedAt = (await partClock.textContent()) ?? '';
      await part.waitForTimeout(1200);
      expect(await partClock.textContent()).toBe(pausedAt);
      expect(await fac.getByRole('timer').textContent()).toBe(pausedAt);

      // --- Steps: the facilitator moves the group to the last step; the participant follows ---
      await tools.getByRole('button', { name: 'Go to this step: Celebrate, value, share' }).click();
      await expect
        .poll(() => part.locator('#section-celebrate').getAttribute('aria-current'), { timeout: 10_000 })
        .toBe('step');
      await expect.poll(() => topInView(part, '#section-celebrate'), { timeout: 10_000 }).toBe(true);
      await expect
        .poll(() => liveText(part))
        .toContainEqual(expect.stringContaining('The group has moved to step 5 of 5: Celebrate, value, share.'));
      expect(await part.locator('#section-goals').getAttribute('aria-current')).toBeNull();
      await tools.getByRole('listitem').filter({ hasText: 'Celebrate, value, share' }).getByText('Current step').waitFor();
      // The facilitator's focus moves to the new "Current step" mark, not to the page.
      await expect.poll(() => fac.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Current step');
      // The participant's session bar has scrolled away: a small copy of the timer stays in view.
      await expect.poll(() => part.locator('.mini-timer').textContent()).toContain(pausedAt);

      // With "Follow the facilitator" off, the view stays where it is (and the choice is remembered).
      await part.evaluate(() => window.scrollTo(0, 0));
      await part.getByRole('checkbox', { name: /Follow the facilitator/ }).uncheck();
      expect(await part.evaluate(() => localStorage.getItem('codesign:follow-facilitator'))).toBe('off');
      const scrolledTo = await part.evaluate(() => window.scrollY);
      await tools.getByRole('button', { name: 'Go to this step: Plan together' }).click();
      await expect.poll(() => part.locator('#section-plan').getAttribute('aria-current'), { timeout: 10_000 }).toBe('step');
      await part.waitForTimeout(600);
      expect(await part.evaluate(() => window.scrollY)).toBe(scrolledTo);
      expect(await topInView(part, '#section-plan')).toBe(false);
      await part.getByRole('checkbox', { name: /Follow the facilitator/ }).check();

      // --- Lock: the participant reads only, with a banner; the facilitator can still edit ---
      await tools.getByRole('button', { name: 'Lock editing' }).click();
      await part.getByText('The facilitator has paused editing. You can still read everything.').waitFor({ timeout: 10_000 });
      const partGoals = part.getByRole('region', { name: 'Shared goals', exact: true });
      await expect.poll(() => partGoals.getByRole('button', { name: 'Add note' }).isDisabled()).toBe(true);
      expect(await partGoals.getByRole('button', { name: 'Add group' }).isDisabled()).toBe(true);
      expect(await partGoals.getByRole('textbox').first().getAttribute('readonly')).not.toBeNull();
      expect(await partGoals.getByRole('button', { name: 'Options' }).first().isDisabled()).toBe(true);
      expect(await partGoals.getByRole('button', { name: 'Move up' }).first().isDisabled()).toBe(true);
      expect(await part.getByRole('button', { name: 'Undo', exact: true }).getAttribute('aria-disabled')).toBe('true');
      // The facilitator keeps editing, and sees that editing is locked for participants.
      await fac.getByText('Editing is locked for participants. Facilitators can still edit.').first().waitFor();
      expect(await fac.getByRole('region', { name: 'Shared goals', exact: true }).getByRole('button', { name: 'Add note' }).isDisabled()).toBe(false);
      await part.screenshot({ path: path.join(ARTIFACTS, 'facilitation-locked-375.png') });
      expect(await part.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

      await tools.getByRole('button', { name: 'Unlock editing' }).click();
      await expect.poll(() => partGoals.getByRole('button', { name: 'Add note' }).isDisabled(), { timeout: 10_000 }).toBe(false);
      expect(await part.getByText('The facilitator has paused editing.').count()).toBe(0);
      expect(await partGoals.getByRole('textbox').first().getAttribute('readonly')).toBeNull();

      // --- Raised hand: the facilitator sees it in the queue, and marks it done ---
      await part.getByRole('button', { name: 'Raise hand' }).click();
      await part.getByText('Your hand is up. You are number 1 in the queue.').waitFor();
      const handQueue = tools.getByRole('list').filter({ has: fac.getByRole('button', { name: 'Done: Megan' }) });
      await handQueue.getByText('Megan').waitFor({ timeout: 10_000 });
      await expect.poll(() => liveText(fac)).toContainEqual(expect.stringContaining('Megan raised a hand.'));
      await tools.getByText('1 hand raised').waitFor();

      // --- A break request without a name ---
      await part.getByRole('button', { name: 'I need a break' }).click();
      await part.getByRole('checkbox', { name: 'Don’t show my name' }).check();
      await part.getByRole('button', { name: 'Tell the facilitator' }).click();
      await part.getByText('The facilitator has been told.').waitFor();
      await tools.getByText('Someone (name not shown)').waitFor({ timeout: 10_000 });

      // --- Screenshots of the facilitator tools: 1280px, then 375px ---
      await fac.mouse.move(0, 0);
      await fac.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      await fac.screenshot({ path: path.join(ARTIFACTS, 'facilitation-board-1280.png') });
      await tools.screenshot({ path: path.join(ARTIFACTS, 'facilitator-bar-1280.png') });
      await fac.setViewportSize({ width: 375, height: 812 });
      await fac.evaluate(() => window.scrollTo(0, 0));
      await tools.screenshot({ path: path.join(ARTIFACTS, 'facilitator-bar-375.png') });
      const overflow = await fac.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await fac.setViewportSize({ width: 1280, height: 900 });

      await tools.getByRole('button', { name: 'Done: Megan' }).click();
      await part.getByRole('button', { name: 'Raise hand' }).waitFor({ timeout: 10_000 });
      await tools.getByRole('button', { name: 'Done: Someone (name not shown)' }).click();
      await tools.getByText('No break requests.').waitFor();

      // --- Anonymous: no names on notes, but "You" stays on your own ---
      await tools.getByRole('checkbox', { name: 'Hide names on notes (anonymous)' }).check();
      await expect.poll(() => facNote.count(), { timeout: 10_000 }).toBe(0);
      const partOwn = partGoals.getByRole('listitem').filter({ has: part.locator('textarea') }).first();
      await expect.poll(() => partOwn.getByText('You', { exact: true }).count()).toBe(1);
      await part.getByText('Names are hidden on notes').waitFor();
      await tools.getByRole('checkbox', { name: 'Hide names on notes (anonymous)' }).uncheck();
      await expect.poll(() => facNote.count(), { timeout: 10_000 }).toBe(1);

      // --- The log: anyone can open it, and it says what the facilitator did ---
      await part.getByRole('button', { name: 'What the facilitator did' }).click();
      const partLog = part.getByRole('dialog', { name: 'What the facilitator did' });
      await partLog.waitFor();
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
      // Focus goes back to the button that opened it.
      expect(await part.evaluate(() => document.activeElement?.textContent?.trim())).toBe('What the facilitator did');

      // --- Balance of voice: anyone can open it; screenshots in English and Welsh ---
      await fac.getByRole('button', { name: 'Balance of voice' }).click();
      const balance = fac.getByRole('dialog', { name: 'Balance of voice' });
      const table = balance.getByRole('table', { name: 'Balance of voice by group' });
      await table.waitFor({ timeout: 10_000 });
      const row = (group: string) => table.getByRole('row', { name: new RegExp(`^${group}`) });
      await expect.poll(() => row('Uses the service').getByRole('cell').allTextContents()).toEqual(['1', '1', expect.any(String), '0', '0']);
      await expect.poll(() => row('Staff').getByRole('cell').first().textContent()).toBe('1');
      await balance.getByText('The same figures as bars').waitFor();
      await fac.mouse.move(0, 0);
      await fac.screenshot({ path: path.join(ARTIFACTS, 'balance-1280-en.png') });
      await fac.getByRole('button', { name: 'Close' }).click();

      await part.getByRole('button', { name: 'Balance of voice' }).click();
      const partBalance = part.getByRole('dialog', { name: 'Balance of voice' });
      await partBalance.getByRole('table').waitFor({ timeout: 10_000 });
      await part.screenshot({ path: path.join(ARTIFACTS, 'balance-375-en.png') });
      await part.getByRole('button', { name: 'Close' }).click();

      await fac.getByRole('button', { name: 'Cymraeg' }).click();
      await fac.getByRole('heading', { name: 'Nodau cyffredin' }).waitFor();
      await fac.getByRole('button', { name: 'Cydbwysedd lleisiau' }).click();
      const balanceCy = fac.getByRole('dialog', { name: 'Cydbwysedd lleisiau' });
      await balanceCy.getByRole('table', { name: 'Cydbwysedd lleisiau fesul grŵp' }).waitFor({ timeout: 10_000 });
      await fac.mouse.move(0, 0);
      await fac.screenshot({ path: path.join(ARTIFACTS, 'balance-1280-cy.png') });
      await fac.getByRole('button', { name: 'Cau' }).click();
      const toolsCy = fac.getByRole('region', { name: 'Offer yr hwylusydd' });
      await fac.evaluate(() => window.scrollTo(0, 0));
      await toolsCy.screenshot({ path: path.join(ARTIFACTS, 'facilitator-bar-1280-cy.png') });
      await fac.getByRole('button', { name: 'English' }).click();
      await tools.waitFor();

      // --- A new join link: confirm, then the box shows it ---
      await tools.getByRole('button', { name: 'Make a new join link' }).click();
      await tools.getByRole('button', { name: 'Yes, make a new link' }).click();
      await expect.poll(() => fac.getByLabel('Join link').inputValue(), { timeout: 10_000 }).not.toBe(joinUrl);
      expect(await fac.getByLabel('Join link').inputValue()).toMatch(/\/join\/[^/#]+#key=.+/);

      // --- The end of the timer: a calm cue and a polite announcement. The form takes whole
      // minutes, so a two-second timer is set through the facilitator's own session. ---
      const boardId = new URL(fac.url()).pathname.split('/').pop()!;
      const facToken = await fac.evaluate((id) => JSON.parse(localStorage.getItem(`codesign:board:${id}`) ?? '{}').token as string, boardId);
      // The participant turns the (gentle, off by default) sound on for themselves.
      await part.getByRole('checkbox', { name: 'Sound at the end' }).check();
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
      expect(await partClock.textContent()).toBe('00:00');
      await part.getByText('Time is up', { exact: true }).first().waitFor();
      await expect.poll(() => liveText(part)).toContainEqual(expect.stringContaining('Time is up.'));
      await part.getByRole('region', { name: 'Session' }).screenshot({ path: path.join(ARTIFACTS, 'facilitation-timer-ended-375.png') });

      // --- Co-facilitation: the role is shared live, and taken back ---
      const facPresence = fac.getByRole('region', { name: /people here/ });
      await facPresence.getByRole('button', { name: 'Options for Megan' }).click();
      await facPresence.getByRole('button', { name: 'Make co-facilitator' }).waitFor();
      await facPresence.screenshot({ path: path.join(ARTIFACTS, 'facilitation-presence-options-1280.png') });
      await facPresence.getByRole('button', { name: 'Make co-facilitator' }).click();
      const partTools = part.getByRole('region', { name: 'Facilitator tools' });
      await partTools.waitFor({ timeout: 10_000 });
      await expect.poll(() => liveText(part)).toContainEqual(expect.stringContaining('You are now a co-facilitator.'));
      await facPresence.getByRole('button', { name: 'Options for Megan' }).click();
      await facPresence.getByRole('button', { name: 'Take back facilitator role' }).click();
      await expect.poll(() => partTools.count(), { timeout: 10_000 }).toBe(0);

      // --- Removal: the participant sees a full page, and this device forgets the token ---
      await facPresence.getByRole('button', { name: 'Options for Megan' }).click();
      await facPresence.getByRole('button', { name: 'Remove from board' }).click();
      await facPresence.getByRole('button', { name: 'Yes, remove' }).click();
      await part.getByRole('heading', { level: 1, name: 'The facilitator has removed you from this board' }).waitFor({ timeout: 10_000 });
      expect(await part.evaluate((id) => localStorage.getItem(`codesign:board:${id}`), boardId)).toBeNull();
      await expect.poll(() => facPresence.getByText('Megan').count(), { timeout: 10_000 }).toBe(0);
      await fac.getByRole('button', { name: 'What the facilitator did' }).click();
      const facLog = fac.getByRole('dialog', { name: 'What the facilitator did' });
      await facLog.getByText('Removed Megan from the board.').waitFor();
      await facLog.getByText('Made Megan a co-facilitator.').waitFor();
      await facLog.getByText('Made a new join link. The old link stopped working.').waitFor();
      await part.screenshot({ path: path.join(ARTIFACTS, 'facilitation-removed-375.png') });
    } catch (error) {
      for (const [who, page] of seen) {
        await page.screenshot({ path: path.join(ARTIFACTS, `facilitation-failure-${who}.png`), fullPage: true }).catch(() => {});
      }
      console.error(`server output (last 4000 characters):\n${session.srv.output().slice(-4000)}`);
      throw error;
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
