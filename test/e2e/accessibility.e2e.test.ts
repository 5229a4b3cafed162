import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, addNote, axe, createBoard, e2eSession, setLang, type AxeFinding } from './browserSupport.js';

/**
 * axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every view, in English and in Welsh:
 * home, join, board (with the facilitator tools), the balance-of-voice panel, the facilitator
 * log, vote mode, results and priorities, the share and export panel, and the plan view. The
 * facilitator is on a 1280-pixel screen and the participant on a 360-pixel phone. Any
 * violation fails the test. Screenshots of each view go to test-artifacts/a11y-*.png.
 */
describe('accessibility (axe-core, WCAG 2.2 AA) in English and Welsh', () => {
  const session = e2eSession();
  const contexts = session.contexts;

  it('has no axe violations on any view, in either language, wide or narrow', async () => {
    const findings: AxeFinding[] = [];
    const errors: string[] = [];
    /** Checks the view in English and Welsh (and screenshots both), leaving it in English. */
    const check = async (page: Page, view: string, width: number) => {
      for (const lang of ['en', 'cy'] as const) {
        await setLang(page, lang);
        findings.push(...(await axe(page, `${view} (${lang}, ${width}px)`)));
        await page.screenshot({ path: path.join(ARTIFACTS, `a11y-${view}-${width}-${lang}.png`) });
      }
      await setLang(page, 'en');
    };
    const open = async (viewport: { width: number; height: number }) => {
      const ctx = await session.browser.newContext({ viewport, locale: 'en-GB', bypassCSP: true, ...(viewport.width < 500 ? { hasTouch: true, isMobile: true } : {}) });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      return page;
    };

    const fac = await open({ width: 1280, height: 900 });
    const part = await open({ width: 360, height: 740 });

    await fac.goto(session.srv.url + '/');
    await check(fac, 'home', 1280);
    await part.goto(session.srv.url + '/');
    await check(part, 'home', 360);

    const { joinUrl, boardPath } = await createBoard(fac, session.srv.url, 'Improving the memory clinic');
    const boardId = boardPath.split('/').pop()!;
    await addNote(fac, 'Shared goals', 'Shorter waiting times');
    await addNote(fac, 'Shared goals', 'Someone to call when I am worried');
    await addNote(fac, 'Map our assets', 'The community bus');

    await part.goto(joinUrl);
    await part.getByLabel('Your name').waitFor();
    await check(part, 'join', 360);
    await part.getByLabel('Your name').fill('Megan');
    await part.getByRole('radio', { name: 'I use the service' }).check();
    await part.getByRole('button', { name: 'Join the board' }).click();
    await part.waitForURL((u) => u.pathname === boardPath);
    await part.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await part.getByRole('textbox', { name: 'Note 2 in Shared goals' }).waitFor();

    // The board, with the facilitator tools on the wide screen.
    await fac.getByRole('region', { name: 'Facilitator tools' }).waitFor();
    await check(fac, 'board-facilitator', 1280);
    await check(part, 'board', 360);

    // The join link as a QR code: a dialog, closed by Escape, focus back on its button.
    await fac.getByRole('button', { name: 'Show QR code' }).focus();
    await fac.keyboard.press('Enter');
    const qr = fac.getByRole('dialog', { name: 'Join this board' });
    await qr.getByRole('img', { name: 'QR code for the join link' }).locator('svg').waitFor();
    expect(await qr.innerText()).toContain(joinUrl);
    await check(fac, 'join-qr', 1280);
    await fac.keyboard.press('Escape');
    await qr.waitFor({ state: 'hidden' });
    expect(await fac.evaluate(() => document.activeElement?.id)).toBe('show-join-qr');

    // Balance of voice and the facilitator log (dialogs).
    await fac.getByRole('button', { name: 'Balance of voice' }).click();
    await fac.getByRole('dialog').waitFor();
    await check(fac, 'balance', 1280);
    await fac.keyboard.press('Escape');
    await fac.getByRole('dialog').waitFor({ state: 'hidden' });
    await part.getByRole('button', { name: 'What the facilitator did' }).click();
    await part.getByRole('dialog').waitFor();
    await check(part, 'log', 360);
    await part.keyboard.press('Escape');
    await part.getByRole('dialog').waitFor({ state: 'hidden' });

    // Starting a vote, then vote mode.
    await fac.getByRole('button', { name: 'Start a vote' }).click();
    const dialog = fac.getByRole('dialog', { name: 'Start a vote' });
    await dialog.waitFor();
    await check(fac, 'start-vote', 1280);
    await dialog.getByRole('button', { name: 'Start the vote' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await part.getByRole('region', { name: 'Your dots' }).waitFor({ timeout: 10_000 });
    await part.getByRole('button', { name: 'Add a dot to: Shorter waiting times' }).click();
    await check(part, 'vote', 360);
    await check(fac, 'vote', 1280);

    // Results and priorities.
    await fac.getByRole('button', { name: 'Close the vote and show results' }).click();
    await fac.getByRole('button', { name: 'Yes, close the vote' }).click();
    await fac.getByRole('button', { name: 'Use these results' }).click();
    await part.locator('.priority__link').first().waitFor({ timeout: 10_000 });
    await check(fac, 'results-priorities', 1280);
    await check(part, 'results-priorities', 360);

    // An action, then the share and export panel.
    await fac.getByRole('region', { name: 'Action plan' }).getByRole('button', { name: 'Add an action' }).click();
    await fac.getByRole('button', { name: 'Share the plan with everyone' }).click();
    await fac.getByRole('textbox', { name: 'Link to the plan' }).waitFor();
    await fac.locator('#plan, [id*="plan"]').first().scrollIntoViewIfNeeded().catch(() => {});
    await check(fac, 'share-export', 1280);

    // The read-only plan view.
    await part.goto(`${session.srv.url}/plan/${boardId}`);
    await part.getByRole('heading', { level: 1, name: 'Improving the memory clinic' }).waitFor();
    await check(part, 'plan', 360);
    await fac.goto(`${session.srv.url}/plan/${boardId}`);
    await fac.getByRole('heading', { level: 1, name: 'Improving the memory clinic' }).waitFor();
    await check(fac, 'plan', 1280);

    const report = findings.map((f) => `${f.view}: ${f.id} (${f.impact}) ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');
    if (report) console.error(report);
    expect(findings.map((f) => `${f.view}: ${f.id}`)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
