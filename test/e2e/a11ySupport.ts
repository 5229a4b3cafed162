import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Shared helpers for the inclusion end-to-end tests (accessibility, keyboard, pseudo-locale). */
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

export function checkPrerequisites(): void {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}.`);
  if (!fs.existsSync(path.join(ROOT, 'dist/client/index.html'))) {
    throw new Error('The client is not built (dist/client/index.html is missing). Run `npx vite build` first.');
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface AxeFinding {
  view: string;
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page as it is now; returns the violations. */
export async function axe(page: Page, view: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  // Let transitions finish so colours are measured at rest.
  await page.waitForTimeout(250);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 6).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(1, 2).join(' ') ?? ''}`),
    }));
  });
  return violations.map((v) => ({ view, ...v }));
}

/** Switches the interface language with the on-screen switch (or the stored choice and a reload). */
export async function setLang(page: Page, lang: 'en' | 'cy'): Promise<void> {
  const button = page.locator(`.lang-switch__button[lang="${lang}"]`).first();
  if ((await button.count()) > 0) {
    // A programmatic click: the switch may sit behind an open modal dialog.
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.evaluate((b) => (b as HTMLElement).click());
  } else {
    await page.evaluate((l) => localStorage.setItem('codesign:lang', l), lang);
    await page.reload();
  }
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

export async function createBoard(page: Page, url: string, title: string): Promise<{ joinUrl: string; boardPath: string }> {
  await page.goto(url + '/');
  await page.getByLabel('Name of the board').fill(title);
  await page.getByRole('radio', { name: /Co-production: what should we do\?/ }).check();
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByLabel('Your name').fill('Sam');
  await page.getByRole('radio', { name: 'Staff or professional' }).check();
  await page.getByRole('button', { name: 'Create the board' }).click();
  await page.waitForURL(/\/board\/[^/]+$/);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  const joinUrl = await page.getByLabel('Join link').inputValue();
  return { joinUrl, boardPath: new URL(page.url()).pathname };
}

export async function addNote(page: Page, section: string, text: string) {
  await page.getByRole('region', { name: section, exact: true }).getByRole('button', { name: 'Add note' }).click();
  await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
  await page.keyboard.type(text);
}
