import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  addNote,
  axe,
  closeTool,
  createBoard,
  e2eSession,
  openSection,
  openTool,
  setLang,
  type AxeFinding,
  type Tool,
} from './browserSupport.js';

/**
 * axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every view and state, in English and in
 * Welsh: home, join, the board (side by side, and one section at a time on a phone), a note's
 * menu, every drawer (facilitator tools, invite with the QR code, people, the log, balance of
 * voice, voting with the start-vote dialog, vote mode, results, priorities, the action plan,
 * the agreed plan with share and export), and the plan view. The facilitator is on a 1280-pixel
 * screen and the participant on a 360-pixel phone; at 360 pixels nothing may scroll sideways.
 * Any violation fails its step. Screenshots of each view go to test-artifacts/a11y-*.png.
 */
describe('accessibility (axe-core, WCAG 2.2 AA) in English and Welsh', () => {
  const session = e2eSession();
  const contexts = session.contexts;
  const errors: string[] = [];
  let fac: Page;
  let part: Page;
  let joinUrl = '';
  let boardId = '';

  /** Checks the view in English and Welsh (and screenshots both), leaving it in English; returns the violations. */
  const check = async (page: Page, view: string, width: number): Promise<string[]> => {
    const findings: AxeFinding[] = [];
    const wide: string[] = [];
    for (const lang of ['en', 'cy'] as const) {
      await setLang(page, lang);
      findings.push(...(await axe(page, `${view} (${lang}, ${width}px)`)));
      await page.screenshot({ path: path.join(ARTIFACTS, `a11y-${view}-${width}-${lang}.png`) });
      if (width <= 400) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) wide.push(`${view} (${lang}, ${width}px): ${overflow}px sideways scrolling`);
      }
    }
    await setLang(page, 'en');
    const report = findings.map((f) => `${f.view}: ${f.id} (${f.impact}) ${f.help}\n    ${f.targets.join('\n    ')}`);
    if (report.length) console.error(report.join('\n'));
    return [...findings.map((f) => `${f.view}: ${f.id}`), ...wide];
  };
  const open = async (viewport: { width: number; height: number }) => {
    const ctx = await session.browser.newContext({
      viewport,
      locale: 'en-GB',
      ...(viewport.width < 500 ? { hasTouch: true, isMobile: true } : {}),
    });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  };
  /** Opens a drawer, checks it, closes it again. */
  const checkTool = async (page: Page, tool: Tool, view: string, width: number) => {
    await openTool(page, tool);
    const found = await check(page, view, width);
    await closeTool(page, tool);
    return found;
  };

  afterAll(() => {
    expect(errors).toEqual([]);
  });

  it('the home and join pages', async () => {
    fac = await open({ width: 1280, height: 900 });
    part = await open({ width: 360, height: 740 });
    await fac.goto(session.srv.url + '/');
    const found = await check(fac, 'home', 1280);
    await part.goto(session.srv.url + '/');
    found.push(...(await check(part, 'home', 360)));

    ({ joinUrl, boardPath: boardId } = await createBoard(fac, session.srv.url, 'Improving the memory clinic'));
    boardId = boardId.split('/').pop()!;
    await addNote(fac, 'Shared goals', 'Shorter waiting times');
    await addNote(fac, 'Shared goals', 'Someone to call when I am worried');
    await addNote(fac, 'Map our assets', 'The community bus');

    await part.goto(joinUrl);
    await part.getByLabel('Your name').waitFor();
    found.push(...(await check(part, 'join', 360)));
    await part.getByLabel('Your name').fill('Megan');
    await part.getByRole('radio', { name: 'I use the service' }).check();
    await part.getByRole('button', { name: 'Join the board' }).click();
    await part.waitForURL((u) => u.pathname === `/board/${boardId}`);
    await part.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await part.getByRole('textbox', { name: 'Note 2 in Shared goals', includeHidden: true }).waitFor({ state: 'attached' });
    expect(found).toEqual([]);
  }, 90_000);

  it('the board: side by side, and one section at a time on a phone; a note’s menu', async () => {
    const found = await check(fac, 'board-facilitator', 1280);
    found.push(...(await check(part, 'board', 360)));
    await openSection(part, 'Shared goals');
    found.push(...(await check(part, 'board-section-2', 360)));
    // A note's menu, open.
    await fac.getByRole('region', { name: 'Shared goals', exact: true }).locator('[data-focus="menu"]').first().click();
    await fac.getByRole('menu').waitFor();
    found.push(...(await axe(fac, 'note menu (en, 1280px)')).map((f) => `${f.view}: ${f.id}`));
    await fac.screenshot({ path: path.join(ARTIFACTS, 'a11y-note-menu-1280-en.png') });
    await fac.keyboard.press('Escape');
    await part.getByRole('region', { name: 'Shared goals', exact: true }).locator('[data-focus="menu"]').first().tap();
    await part.getByRole('menu').waitFor();
    found.push(...(await axe(part, 'note menu (en, 360px)')).map((f) => `${f.view}: ${f.id}`));
    await part.screenshot({ path: path.join(ARTIFACTS, 'a11y-note-menu-360-en.png') });
    await part.keyboard.press('Escape');
    expect(found).toEqual([]);
  }, 90_000);

  it('the facilitator’s drawers: tools, invite and the QR code, people', async () => {
    const found = await checkTool(fac, 'facilitate', 'facilitator-tools', 1280);
    found.push(...(await checkTool(fac, 'people', 'people', 1280)));
    found.push(...(await checkTool(part, 'people', 'people', 360)));

    // The join link as a QR code: a dialog, closed by Escape, focus back on its button; the link
    // is short enough to type (no 90-character key).
    const invite = await openTool(fac, 'invite');
    found.push(...(await check(fac, 'invite', 1280)));
    await invite.getByRole('button', { name: 'Show QR code' }).focus();
    await fac.keyboard.press('Enter');
    const qr = fac.getByRole('dialog', { name: 'Join this board' });
    await qr.getByRole('img', { name: 'QR code for the join link' }).locator('svg').waitFor();
    expect(await qr.innerText()).not.toContain(joinUrl);
    found.push(...(await check(fac, 'join-qr', 1280)));
    await fac.keyboard.press('Escape');
    await qr.waitFor({ state: 'hidden' });
    expect(await fac.evaluate(() => document.activeElement?.id)).toBe('show-join-qr');
    await closeTool(fac, 'invite');
    expect(found).toEqual([]);
  }, 90_000);

  it('the log and balance of voice', async () => {
    const found = await checkTool(fac, 'balance', 'balance', 1280);
    found.push(...(await checkTool(part, 'balance', 'balance', 360)));
    found.push(...(await checkTool(part, 'log', 'log', 360)));
    found.push(...(await checkTool(fac, 'log', 'log', 1280)));
    expect(found).toEqual([]);
  }, 90_000);

  it('starting a vote, then vote mode', async () => {
    const voting = await openTool(fac, 'vote');
    const found = await check(fac, 'vote-drawer', 1280);
    await voting.getByRole('button', { name: 'Start a vote' }).click();
    const dialog = fac.getByRole('dialog', { name: 'Start a vote' });
    await dialog.waitFor();
    found.push(...(await check(fac, 'start-vote', 1280)));
    await dialog.getByRole('button', { name: 'Start the vote' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await part.getByRole('region', { name: 'Your dots' }).waitFor({ timeout: 10_000 });
    await openSection(part, 'Shared goals');
    await part.getByRole('button', { name: 'Add a dot to: Shorter waiting times' }).click();
    found.push(...(await check(part, 'vote', 360)));
    found.push(...(await check(fac, 'vote', 1280)));
    found.push(...(await checkTool(part, 'vote', 'vote-drawer', 360)));
    expect(found).toEqual([]);
  }, 90_000);

  it('results and priorities', async () => {
    const voting = await openTool(fac, 'vote');
    await voting.getByRole('button', { name: 'Close the vote and show results' }).click();
    await voting.getByRole('button', { name: 'Yes, close the vote' }).click();
    await voting.getByRole('button', { name: 'Use these results' }).click();
    await part.locator('.priority__link').first().waitFor({ state: 'attached', timeout: 10_000 });
    const found = await check(fac, 'results-priorities', 1280);
    found.push(...(await check(part, 'results-on-notes', 360)));
    found.push(...(await checkTool(part, 'vote', 'results', 360)));
    found.push(...(await checkTool(part, 'priorities', 'priorities', 360)));
    expect(found).toEqual([]);
  }, 90_000);

  it('the action plan, and the agreed plan with share and export', async () => {
    const actions = await openTool(fac, 'actions');
    await actions.getByRole('button', { name: 'Add an action' }).click();
    const found = await check(fac, 'actions', 1280);
    found.push(...(await checkTool(part, 'actions', 'actions', 360)));
    const plan = await openTool(fac, 'plan');
    await plan.getByRole('button', { name: 'Share the plan with everyone' }).click();
    await fac.getByRole('textbox', { name: 'Link to the plan' }).waitFor();
    found.push(...(await check(fac, 'share-export', 1280)));
    found.push(...(await checkTool(part, 'plan', 'plan-drawer', 360)));
    expect(found).toEqual([]);
  }, 90_000);

  it('the read-only plan view', async () => {
    await part.goto(`${session.srv.url}/plan/${boardId}`);
    await part.getByRole('heading', { level: 1, name: 'Improving the memory clinic' }).waitFor();
    const found = await check(part, 'plan', 360);
    await fac.goto(`${session.srv.url}/plan/${boardId}`);
    await fac.getByRole('heading', { level: 1, name: 'Improving the memory clinic' }).waitFor();
    found.push(...(await check(fac, 'plan', 1280)));
    expect(found).toEqual([]);
  }, 90_000);
});
