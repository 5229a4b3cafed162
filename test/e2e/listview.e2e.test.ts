import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ARTIFACTS,
  addNote,
  axe,
  createBoard,
  e2eSession,
  focused,
  openTool,
  setLang,
  tabUntil,
  type AxeFinding,
} from './browserSupport.js';

/**
 * The list view (the board as headed lists in reading order, no drag and drop) and easy-read
 * mode (plainer labels, section symbols with words, a simpler vote): both per person and
 * remembered; usable by keyboard; no axe violations in English or Welsh, wide or narrow.
 * Screenshots go to test-artifacts/listview-*.png.
 */
const SECTIONS = ['Map our assets', 'Shared goals', 'Plan together', 'Get going!', 'Celebrate, value, share'];

async function outline(page: Page): Promise<string[]> {
  return page
    .locator('.list-view')
    .evaluate((root) =>
      [...root.querySelectorAll('h2, h3')].map((h) => `${h.tagName.toLowerCase()} ${(h.textContent ?? '').replace(/\s+/g, ' ').trim()}`),
    );
}

/** The view choices are in the toolbar's "More" menu (the phone's one menu): Board view, List view, Easy read. */
async function chooseView(page: Page, key: 'board' | 'list' | 'easy'): Promise<void> {
  const button = (await page.locator('#tool-more').isVisible()) ? page.locator('#tool-more') : page.locator('#board-menu');
  await button.click();
  await page.locator(`[role="menu"] [data-key="${key}"]`).click();
  await page.locator('[role="menu"]').waitFor({ state: 'detached' });
}

/** Whether a view choice is on (its menu item is checked). */
async function viewIsOn(page: Page, key: 'board' | 'list' | 'easy'): Promise<boolean> {
  const button = (await page.locator('#tool-more').isVisible()) ? page.locator('#tool-more') : page.locator('#board-menu');
  await button.click();
  const on = (await page.locator(`[role="menu"] [data-key="${key}"]`).getAttribute('aria-checked')) === 'true';
  await page.keyboard.press('Escape');
  await page.locator('[role="menu"]').waitFor({ state: 'detached' });
  return on;
}

async function listedNotes(page: Page): Promise<string[]> {
  return page.locator('.list-view .list-note__text').allInnerTexts();
}

describe('list view and easy-read mode', () => {
  const session = e2eSession();
  const contexts = session.contexts;

  it('shows every note in order, works by keyboard, is remembered, and passes axe', async () => {
    const errors: string[] = [];
    const findings: AxeFinding[] = [];
    const overflows: string[] = [];
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
    const check = async (page: Page, view: string, width: number) => {
      for (const lang of ['en', 'cy'] as const) {
        await setLang(page, lang);
        findings.push(...(await axe(page, `${view} (${lang}, ${width}px)`)));
        // Nothing wider than the screen (no sideways scrolling), in either language.
        const wide = await page.evaluate(() => {
          const max = document.documentElement.clientWidth;
          return [...document.querySelectorAll('main *')]
            .filter((e) => e.getBoundingClientRect().right > max + 1 && e.getClientRects().length > 0)
            .slice(0, 3)
            .map(
              (e) =>
                `${e.tagName.toLowerCase()}.${(e.className as unknown as string).toString().split(' ')[0]} ${Math.round(e.getBoundingClientRect().right)}`,
            );
        });
        if (wide.length) overflows.push(`${view} (${lang}, ${width}px): ${wide.join(', ')}`);
        await page.screenshot({ path: path.join(ARTIFACTS, `listview-${view}-${width}-${lang}.png`), fullPage: true });
      }
      await setLang(page, 'en');
    };

    const fac = await open({ width: 1280, height: 900 });
    const { joinUrl, boardPath } = await createBoard(fac, session.srv.url, 'Improving the memory clinic');
    await addNote(fac, 'Shared goals', 'Shorter waiting times');
    await addNote(fac, 'Shared goals', 'Someone to call when I am worried');
    await addNote(fac, 'Map our assets', 'The community bus');
    // A group in "Shared goals", with one note in it.
    await fac.locator('#add-group-goals').click();
    await fac.getByRole('textbox', { name: 'Group name' }).fill('Quick wins');
    await fac.keyboard.press('Enter');
    await fac.getByRole('heading', { level: 3, name: 'Quick wins' }).waitFor();
    await addNote(fac, 'Shared goals', 'A named contact');
    const lastCard = fac.locator('.note', { has: fac.getByRole('textbox', { name: 'Note 3 in Shared goals' }) });
    await lastCard.locator('[data-focus="menu"]').click();
    await fac.getByRole('menuitemradio', { name: 'Quick wins' }).click();
    await fac.locator('#section-goals .note-group').filter({ hasText: 'Quick wins' }).locator('textarea').waitFor();

    // Into the list view (the toolbar's "More" menu).
    await chooseView(fac, 'list');
    await fac.locator('.list-view').waitFor();
    expect(await viewIsOn(fac, 'list')).toBe(true);
    expect(await fac.locator('.sections').count()).toBe(0);
    expect(await outline(fac)).toEqual([
      'h2 Map our assets',
      'h2 Shared goals',
      'h3 Quick wins',
      'h2 Plan together',
      'h2 Get going!',
      'h2 Celebrate, value, share',
    ]);
    expect(await listedNotes(fac)).toEqual([
      'The community bus',
      'Shorter waiting times',
      'Someone to call when I am worried',
      'A named contact',
    ]);
    // Each section's prompt sits under its heading; each note says its colour; mine say "You".
    const first = fac.locator('.list-note').first();
    expect(await first.innerText()).toMatch(/Yellow|Blue|Green|Pink|Orange|Purple/);
    expect(await first.locator('.note__you').innerText()).toBe('You');
    expect(await fac.locator('#section-assets .list-section__prompt').innerText()).toContain('What do we know');
    // No drag and drop here.
    expect(await fac.locator('.list-view [aria-roledescription]').count()).toBe(0);

    // Edit by keyboard: Tab to "Edit", Enter, type, Escape back to the button.
    await fac.locator('#main').focus();
    await tabUntil(fac, /^Edit note 1 in Map our assets$/);
    await fac.keyboard.press('Enter');
    await fac.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    expect((await focused(fac)).name).toBe('Note 1 in Map our assets');
    await fac.keyboard.press('End');
    await fac.keyboard.type(' on Tuesdays');
    await fac.keyboard.press('Escape');
    // Focus comes back to the Edit button once it is rendered again (body also "contains" Edit).
    await fac.waitForFunction(() => document.activeElement?.tagName === 'BUTTON' && !!document.activeElement.textContent?.includes('Edit'));
    expect((await focused(fac)).name).toBe('Edit note 1 in Map our assets');
    expect((await listedNotes(fac))[0]).toBe('The community bus on Tuesdays');

    // Move by keyboard: Options on note 2 of "Shared goals", then "Map our assets".
    await tabUntil(fac, /^Options note 2 in Shared goals$/);
    await fac.keyboard.press('Enter');
    await tabUntil(fac, 'Map our assets');
    await fac.keyboard.press('Enter');
    await fac.getByText('Note moved to Map our assets').first().waitFor({ state: 'attached' });
    await expect
      .poll(() => listedNotes(fac))
      .toEqual(['The community bus on Tuesdays', 'Someone to call when I am worried', 'Shorter waiting times', 'A named contact']);
    await fac.waitForFunction(() => document.activeElement?.textContent?.includes('Options'));
    expect((await focused(fac)).name).toMatch(/^Options note 2 in Map our assets/);
    await fac.keyboard.press('Escape'); // nothing to close; harmless

    // The choice survives a reload.
    await fac.reload();
    await fac.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await fac.locator('.list-view .list-note').first().waitFor();
    expect(await viewIsOn(fac, 'list')).toBe(true);
    await check(fac, 'list', 1280);

    // A participant on a phone.
    const part = await open({ width: 360, height: 740 });
    await part.goto(joinUrl);
    await part.getByLabel('Your name').fill('Megan');
    await part.getByRole('radio', { name: 'I use the service' }).check();
    await part.getByRole('button', { name: 'Join the board' }).click();
    await part.waitForURL((u) => u.pathname === boardPath);
    await part.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await chooseView(part, 'list');
    await part.locator('.list-view .list-note').first().waitFor();
    expect(await listedNotes(part)).toHaveLength(4);
    const overflow = await part.evaluate(() => {
      const max = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > max + 1 && e.getClientRects().length > 0)
        .slice(0, 4)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}.${(e.className as unknown as string).toString().split(' ')[0]} ${Math.round(e.getBoundingClientRect().right)}`,
        );
    });
    expect(overflow).toEqual([]);
    await check(part, 'list', 360);

    // Easy read: plainer labels, a symbol with words for each section.
    await chooseView(part, 'easy');
    expect(await viewIsOn(part, 'easy')).toBe(true);
    await part.getByRole('button', { name: 'Write' }).first().waitFor();
    expect(await part.getByRole('button', { name: 'Write' }).count()).toBe(SECTIONS.length);
    expect(await part.getByRole('button', { name: 'Add note' }).count()).toBe(0);
    const symbol = part.locator('#section-assets .section-symbol');
    expect(await symbol.innerText()).toBe('What we have');
    expect(await symbol.locator('svg').getAttribute('aria-hidden')).toBe('true');
    expect(await part.locator('#section-goals .section-symbol').innerText()).toBe('What we want');
    expect(await part.locator('.section-symbol').count()).toBe(SECTIONS.length);
    await check(part, 'easy-list', 360);
    await setLang(part, 'cy');
    expect(await symbol.innerText()).toBe('Beth sydd gennym');
    expect(await part.getByRole('button', { name: 'Ysgrifennu' }).count()).toBe(SECTIONS.length);
    await setLang(part, 'en');

    // Remembered after a reload; and in board view too.
    await part.reload();
    await part.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await part.locator('.list-view .section-symbol').first().waitFor();
    await chooseView(part, 'board');
    await part.locator('.sections .section-symbol').first().waitFor();
    // One section shows at a time on the phone; every section has its "Write".
    expect(await part.getByRole('button', { name: 'Write', includeHidden: true }).count()).toBe(SECTIONS.length);
    await check(part, 'easy-board', 360);

    // The facilitator in easy read too, and a vote: a big "dots left" and big + / − buttons.
    await chooseView(fac, 'easy');
    await fac.locator('.list-view .section-symbol').first().waitFor();
    await check(fac, 'easy-list', 1280);
    await (await openTool(fac, 'vote')).getByRole('button', { name: 'Start a vote' }).click();
    const dialog = fac.getByRole('dialog', { name: 'Start a vote' });
    await dialog.getByRole('button', { name: 'Start the vote' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await part.getByRole('region', { name: 'Your dots' }).waitFor({ timeout: 10_000 });
    await chooseView(part, 'list');
    await part.getByRole('button', { name: 'Add a dot to: Shorter waiting times' }).click();
    await expect.poll(() => part.locator('.vote-dock__left strong').innerText()).toMatch(/^You have \d+ dots? left$/);
    await check(part, 'easy-vote', 360);
    await fac.getByRole('region', { name: 'Your dots' }).waitFor();
    await check(fac, 'easy-vote', 1280);

    const report = findings.flatMap((f) => [`${f.view}: ${f.id} (${f.impact}) ${f.help}`, ...f.targets.map((t) => `    ${t}`)]);
    if (report.length) console.error(report.join('\n'));
    expect(report).toEqual([]);
    expect(overflows).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
