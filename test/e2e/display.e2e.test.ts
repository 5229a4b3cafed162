import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, addNote, axe, closeTool, createBoard, e2eSession, openTool, setLang, type AxeFinding } from './browserSupport.js';

/**
 * Display settings (larger text, high contrast, reduce motion), remembered on the device and
 * clean under axe in English and Welsh; announcements that say who did what (or "Someone" on
 * an anonymous board); and on a 360-pixel phone, the connection status never covers "Raise
 * hand". Screenshots go to test-artifacts/display-*.png.
 */
describe('display settings, named announcements, the phone layout', () => {
  const session = e2eSession();
  const contexts = session.contexts;

  const html = (page: Page) =>
    page.evaluate(() => ({
      text: document.documentElement.dataset.text ?? null,
      contrast: document.documentElement.dataset.contrast ?? null,
      fontSize: getComputedStyle(document.documentElement).fontSize,
    }));
  const live = (page: Page) => page.locator('[aria-live="polite"]').allTextContents();
  /** The boxes of the connection status and "Raise hand" (or "Codi llaw"), and whether they overlap. */
  const overlap = (page: Page) =>
    page.evaluate(() => {
      const conn = document.querySelector('.conn__text')!.getBoundingClientRect();
      const hand = [...document.querySelectorAll('.session-bar__actions button')][0]!.getBoundingClientRect();
      const hit = conn.left < hand.right && hand.left < conn.right && conn.top < hand.bottom && hand.top < conn.bottom;
      return { hit, conn: [conn.x, conn.y, conn.width, conn.height], hand: [hand.x, hand.y, hand.width, hand.height] };
    });

  it('remembers larger text and high contrast, passes axe, names who did what, and covers nothing on a phone', async () => {
    const findings: AxeFinding[] = [];
    const errors: string[] = [];
    const open = async (viewport: { width: number; height: number }) => {
      const ctx = await session.browser.newContext({
        viewport,
        locale: 'en-GB',
        bypassCSP: true,
        ...(viewport.width < 500 ? { hasTouch: true, isMobile: true } : {}),
      });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      return page;
    };
    const fac = await open({ width: 1280, height: 900 });
    const rhian = await open({ width: 360, height: 740 });

    // --- Display settings from the header, on the home page ---
    await fac.goto(session.srv.url + '/');
    expect((await html(fac)).fontSize).toBe('18px');
    await fac.getByRole('button', { name: 'Display', exact: true }).click();
    const dialog = fac.getByRole('dialog', { name: 'Display settings' });
    await dialog.waitFor();
    await dialog.getByRole('checkbox', { name: /Larger text/ }).check();
    await dialog.getByRole('checkbox', { name: /High contrast/ }).check();
    expect(await html(fac)).toEqual({ text: 'large', contrast: 'high', fontSize: '22.5px' });
    await fac.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await fac.evaluate(() => document.activeElement?.textContent)).toContain('Display');

    // Remembered on the device: still on after a reload and on the board.
    await fac.reload();
    expect(await html(fac)).toEqual({ text: 'large', contrast: 'high', fontSize: '22.5px' });
    const { joinUrl } = await createBoard(fac, session.srv.url, 'Display board');
    expect(await html(fac)).toEqual({ text: 'large', contrast: 'high', fontSize: '22.5px' });
    await fac.getByRole('button', { name: 'Display', exact: true }).click();
    expect(await dialog.getByRole('checkbox', { name: /Larger text/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /High contrast/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /Reduce motion/ }).isChecked()).toBe(false);
    await fac.keyboard.press('Escape');
    await addNote(fac, 'Shared goals', 'Shorter waiting times');

    // --- Rhian joins on a phone, with the same settings chosen on her phone ---
    await rhian.goto(joinUrl);
    await rhian.evaluate(() => localStorage.setItem('codesign:display', JSON.stringify({ largeText: true, highContrast: true })));
    await rhian.reload();
    await rhian.getByLabel('Your name').fill('Rhian');
    await rhian.getByRole('radio', { name: 'I use the service' }).check();
    await rhian.getByRole('button', { name: 'Join the board' }).click();
    await rhian.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await rhian.getByRole('textbox', { name: 'Note 1 in Shared goals', includeHidden: true }).waitFor({ state: 'attached' });
    expect((await html(rhian)).contrast).toBe('high');

    // --- Who did what, politely: by name, never your own ---
    await (await openTool(fac, 'people')).getByText('Rhian').first().waitFor();
    await closeTool(fac, 'people');
    await addNote(rhian, 'Shared goals', 'A lift that works');
    await expect.poll(() => live(fac), { timeout: 10_000 }).toContainEqual(expect.stringContaining('Rhian added a note to Shared goals'));
    expect((await live(rhian)).join(' ')).not.toContain('Rhian added');

    // A burst of notes is one sentence, not a flood.
    await fac.waitForTimeout(2200);
    await addNote(rhian, 'Map our assets', 'The day centre');
    await addNote(rhian, 'Map our assets', 'My daughter');
    await addNote(rhian, 'Map our assets', 'The bus pass');
    await expect
      .poll(() => live(fac), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(/Rhian added (2|3) notes to Map our assets/));

    // Anonymous: "Someone".
    await (await openTool(fac, 'facilitate')).getByRole('checkbox', { name: 'Hide names on notes (anonymous)' }).check();
    await closeTool(fac, 'facilitate');
    await rhian.getByText('Names are hidden on notes').waitFor();
    await fac.waitForTimeout(2200);
    await addNote(rhian, 'Shared goals', 'Being listened to');
    await expect.poll(() => live(fac), { timeout: 10_000 }).toContainEqual(expect.stringContaining('Someone added a note to Shared goals'));
    expect((await live(fac)).join(' ')).not.toContain('Rhian added a note to Shared goals');

    // --- axe and screenshots with high contrast and larger text, English and Welsh ---
    await rhian.keyboard.press('Escape');
    for (const lang of ['en', 'cy'] as const) {
      for (const [page, width] of [
        [fac, 1280],
        [rhian, 360],
      ] as const) {
        await setLang(page, lang);
        findings.push(...(await axe(page, `board high contrast + large (${lang}, ${width}px)`)));
        await page.screenshot({ path: path.join(ARTIFACTS, `display-board-${width}-${lang}.png`) });
      }
      // On the phone, the connection status does not cover "Raise hand".
      expect(
        await rhian.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        `${lang}: no sideways scrolling at 360px`,
      ).toBeLessThanOrEqual(0);
      const o = await overlap(rhian);
      expect(o.hit, `${lang}: ${JSON.stringify(o)}`).toBe(false);
    }
    // The display dialog itself.
    await fac.getByRole('button', { name: 'Dangos', exact: true }).click();
    await fac.getByRole('dialog', { name: 'Gosodiadau dangos' }).waitFor();
    findings.push(...(await axe(fac, 'display dialog (cy, 1280px)')));
    await fac.screenshot({ path: path.join(ARTIFACTS, 'display-dialog-1280-cy.png') });
    await fac.keyboard.press('Escape');
    await setLang(fac, 'en');

    // With the voting dots bar at the bottom, too.
    await (await openTool(fac, 'vote')).getByRole('button', { name: 'Start a vote' }).click();
    const start = fac.getByRole('dialog', { name: 'Start a vote' });
    await start.getByRole('button', { name: 'Start the vote' }).click();
    await rhian.locator('.vote-dock').waitFor({ timeout: 10_000 });
    for (const lang of ['cy', 'en'] as const) {
      await setLang(rhian, lang);
      await rhian.evaluate(() => window.scrollTo(0, 0));
      expect(
        await rhian.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        `vote, ${lang}: no sideways scrolling`,
      ).toBeLessThanOrEqual(0);
      const o = await overlap(rhian);
      expect(o.hit, `vote, ${lang}: ${JSON.stringify(o)}`).toBe(false);
      findings.push(...(await axe(rhian, `vote high contrast + large (${lang}, 360px)`)));
      await rhian.screenshot({ path: path.join(ARTIFACTS, `display-vote-360-${lang}.png`) });
    }

    const report = findings.map((f) => `${f.view}: ${f.id} (${f.impact}) ${f.help}\n    ${f.targets.join('\n    ')}`);
    if (report.length) console.error(report.join('\n'));
    expect(report).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
