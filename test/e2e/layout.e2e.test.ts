import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addNote as addNoteToDoc, listSections } from '../../shared/boardDoc.js';
import { connectDoc, connectSession, request, type DocClient } from '../support/clients.js';
import { ARTIFACTS, closeTool, createBoard, e2eSession, openSection, openTool, setLang } from './browserSupport.js';

/**
 * The board is the page, at every size: at 1280×800 the facilitator and a participant see notes
 * of every section in the first screen, side by side; a three-line note is at most 120 pixels
 * tall; at 1024 the sections still fit, at 768 one shows at a time with the section switcher;
 * on a 360-pixel phone the header takes at most about a fifth of the screen, the first note is in
 * the first screen, and nothing scrolls sideways in English or Welsh in any state (anonymous,
 * vote open, results, easy read, larger text). High contrast keeps the current step readable;
 * the start-vote dialog's buttons stay in view on a short screen; the join page honours a Welsh
 * browser. Screenshots of each go to test-artifacts/layout-*.png.
 */

const NOTES: Record<string, string[]> = {
  assets: ['The community bus on Tuesdays', 'My daughter helps with forms', 'The library has a quiet room'],
  goals: ['Shorter waiting times for the first appointment and a clear letter', 'Someone to call when I am worried', 'A named contact'],
  plan: ['Evening meetings so working carers can come', 'Ask the surgery about text reminders'],
  'get-going': ['Try a drop-in session in March', 'Book the church hall'],
  celebrate: ['Share what worked at the carers forum', 'A thank-you tea for volunteers'],
};

/** The box of every section and of its first note, and how far the page scrolls sideways. */
function layoutOf(page: Page) {
  return page.evaluate(() => {
    const sections = [...document.querySelectorAll<HTMLElement>('section.section')].map((s) => {
      const r = s.getBoundingClientRect();
      const first = s.querySelector('.note')?.getBoundingClientRect() ?? null;
      return {
        id: s.id,
        left: r.left,
        right: r.right,
        top: r.top,
        width: r.width,
        first: first && { top: first.top, bottom: first.bottom, height: first.height },
      };
    });
    return {
      sections,
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      height: window.innerHeight,
      width: window.innerWidth,
    };
  });
}

/** Heights of notes whose text runs to exactly three lines. */
function threeLineNoteHeights(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.note')].flatMap((n) => {
      const t = n.querySelector('textarea');
      if (!t) return [];
      const cs = getComputedStyle(t);
      const lines = Math.round((t.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)) / parseFloat(cs.lineHeight));
      return lines === 3 ? [Math.round(n.getBoundingClientRect().height)] : [];
    }),
  );
}

/** The contrast ratio between an element's text colour and the first background behind it. */
function contrastOf(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const fg = parse(getComputedStyle(el).color);
    let bg = [255, 255, 255];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) {
        bg = c.slice(0, 3);
        break;
      }
    }
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return { ratio: (a + 0.05) / (b + 0.05), fg: fg.join(','), bg: bg.join(',') };
  }, selector);
}

describe('the board is the page, at every size', () => {
  const session = e2eSession();
  const contexts = session.contexts;
  const errors: string[] = [];
  const pages: Array<[string, Page]> = [];
  let fac: Page;
  let part: Page;
  let phone: Page;
  let joinUrl = '';
  let boardPath = '';
  let docClient: DocClient | undefined;

  const open = async (who: string, viewport: { width: number; height: number }, locale = 'en-GB') => {
    const ctx = await session.browser.newContext({ viewport, locale, ...(viewport.width < 500 ? { hasTouch: true, isMobile: true } : {}) });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
    pages.push([who, page]);
    return page;
  };
  const join = async (page: Page, name: string) => {
    await page.goto(joinUrl);
    await page.getByLabel(/^(Your name|Eich enw)$/).fill(name);
    await page.getByRole('radio', { name: /^(I use the service|Rydw i’n defnyddio’r gwasanaeth)/ }).check();
    await page.getByRole('button', { name: /^(Join the board|Ymuno â’r bwrdd)$/ }).click();
    await page.waitForURL((u) => u.pathname === boardPath);
    await page.locator('.note').first().waitFor({ state: 'attached', timeout: 10_000 });
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `layout-${name}.png`) });
  const tokenOf = (page: Page) =>
    page.evaluate((id) => JSON.parse(localStorage.getItem(`codesign:board:${id}`) ?? '{}').token as string, boardPath.split('/').pop()!);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [who, page] of pages) await page.screenshot({ path: path.join(ARTIFACTS, `layout-failure-${who}.png`) }).catch(() => {});
  });
  afterAll(() => {
    docClient?.destroy();
    expect(errors).toEqual([]);
  });

  it('at 1280×800 the facilitator and a participant see notes of every section in the first screen, side by side', async () => {
    fac = await open('facilitator', { width: 1280, height: 800 });
    ({ joinUrl, boardPath } = await createBoard(fac, session.srv.url, 'Improving the memory clinic'));
    // An empty section says so once, not "No notes" and "No notes yet…" together.
    const empty = await fac.evaluate(() =>
      [...document.querySelectorAll('section.section')].map((s) => (s as HTMLElement).innerText.match(/No notes/g)?.length ?? 0),
    );
    expect(empty).toEqual([1, 1, 1, 1, 1]);
    // The notes arrive as another person's would (a real client over the doc channel).
    const boardId = boardPath.split('/').pop()!;
    docClient = connectDoc(session.srv.url, boardId, await tokenOf(fac));
    await docClient.synced;
    const doc = docClient.doc;
    expect(listSections(doc).map((s) => s.id)).toEqual(Object.keys(NOTES));
    for (const [sectionId, texts] of Object.entries(NOTES)) {
      for (const text of texts) addNoteToDoc(doc, { sectionId, text, author: 'someone-else' });
    }
    await expect.poll(() => fac.locator('.note').count(), { timeout: 10_000 }).toBe(12);
    part = await open('participant', { width: 1280, height: 800 });
    await join(part, 'Megan');

    for (const [who, page] of [
      ['facilitator', fac],
      ['participant', part],
    ] as const) {
      await page.mouse.move(0, 0);
      const l = await layoutOf(page);
      expect(l.sideways, who).toBeLessThanOrEqual(0);
      expect(l.sections, who).toHaveLength(5);
      for (const s of l.sections) {
        // Every section is on screen, side by side, and its first note is in the first screen.
        expect(s.right, `${who} ${s.id}`).toBeLessThanOrEqual(l.width);
        expect(s.width, `${who} ${s.id}`).toBeGreaterThan(180);
        expect(s.first, `${who} ${s.id}`).not.toBeNull();
        expect(s.first!.bottom, `${who} ${s.id}`).toBeLessThanOrEqual(l.height);
      }
      expect(new Set(l.sections.map((s) => Math.round(s.top))).size, who).toBe(1);
      // Sticky notes are compact: a three-line note is at most 120 pixels tall.
      const heights = await threeLineNoteHeights(page);
      expect(heights.length, who).toBeGreaterThan(0);
      for (const h of heights) expect(h, who).toBeLessThanOrEqual(120);
      await shot(page, `${who}-1280-en`);
      await setLang(page, 'cy');
      expect((await layoutOf(page)).sideways, `${who} cy`).toBeLessThanOrEqual(0);
      await shot(page, `${who}-1280-cy`);
      await setLang(page, 'en');
    }
    // No drawer is open at first: the board is the page.
    expect(await fac.locator('.drawer:not([hidden])').count()).toBe(0);
  }, 90_000);

  it('at 1024 the sections still fit side by side; at 768 one shows at a time with a section switcher', async () => {
    await part.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(async () => (await layoutOf(part)).sections.every((s) => s.right <= 1024 && s.width > 150)).toBe(true);
    expect((await layoutOf(part)).sideways).toBeLessThanOrEqual(0);
    expect(await part.getByRole('tablist').count()).toBe(0);
    for (const lang of ['en', 'cy'] as const) {
      await setLang(part, lang);
      expect((await layoutOf(part)).sideways, lang).toBeLessThanOrEqual(0);
      await shot(part, `participant-1024-${lang}`);
    }
    await setLang(part, 'en');

    await part.setViewportSize({ width: 768, height: 1024 });
    const tabs = part.getByRole('tablist', { name: 'Sections' });
    await tabs.waitFor();
    expect(await tabs.getByRole('tab').count()).toBe(5);
    // Left and Right move between sections (tabs pattern), and show each.
    await tabs.getByRole('tab', { selected: true }).focus();
    await part.keyboard.press('ArrowRight');
    await expect.poll(() => part.evaluate(() => document.activeElement?.getAttribute('aria-selected'))).toBe('true');
    await part.getByRole('region', { name: 'Shared goals' }).waitFor();
    await part.keyboard.press('End');
    await part.getByRole('region', { name: 'Celebrate, value, share' }).waitFor();
    await part.keyboard.press('Home');
    await part.getByRole('region', { name: 'Map our assets' }).waitFor();
    for (const lang of ['en', 'cy'] as const) {
      await setLang(part, lang);
      expect((await layoutOf(part)).sideways, lang).toBeLessThanOrEqual(0);
      await shot(part, `participant-768-${lang}`);
    }
    await setLang(part, 'en');
    await part.setViewportSize({ width: 1280, height: 800 });
  }, 90_000);

  it('on a 360-pixel phone the header is about a fifth of the screen and the first note is in the first screen', async () => {
    phone = await open('phone', { width: 360, height: 740 });
    await join(phone, 'Rhian');
    for (const lang of ['en', 'cy'] as const) {
      await setLang(phone, lang);
      const m = await phone.evaluate(() => {
        const bars = document.querySelector('.board-bars')!.getBoundingClientRect();
        const panel = [...document.querySelectorAll('.section-panel')].find((p) => !p.hasAttribute('hidden'))!;
        const note = panel.querySelector('.note')!.getBoundingClientRect();
        return { header: bars.bottom, noteTop: note.top, noteBottom: note.bottom, height: window.innerHeight };
      });
      expect(m.header, lang).toBeLessThanOrEqual(m.height / 5 + 8);
      expect(m.noteBottom, lang).toBeLessThanOrEqual(m.height);
      expect((await layoutOf(phone)).sideways, lang).toBeLessThanOrEqual(0);
      await shot(phone, `phone-360-${lang}`);
    }
    await setLang(phone, 'en');
    // The section switcher works by touch.
    await phone.getByRole('tab', { name: /^3 Plan together/ }).tap();
    await phone.getByRole('region', { name: 'Plan together' }).getByRole('textbox').first().waitFor();
    await shot(phone, 'phone-360-section-3');
  }, 60_000);

  it('at 360 pixels nothing scrolls sideways in either language: anonymous, vote open, results, easy read, larger text', async () => {
    const sideways = async (state: string) => {
      const found: string[] = [];
      for (const lang of ['en', 'cy'] as const) {
        await setLang(phone, lang);
        await phone.waitForTimeout(150);
        const over = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (over > 0) found.push(`${state} (${lang}): ${over}px`);
        await shot(phone, `phone-360-${state}-${lang}`);
      }
      await setLang(phone, 'en');
      return found;
    };
    const found: string[] = [];
    const boardId = boardPath.split('/').pop()!;
    const facSocket = connectSession(session.srv.url, boardId, await tokenOf(fac));
    try {
      // Anonymous (the Welsh "Mae enwau wedi'u cuddio ar nodiadau" used to widen the page).
      expect(await request(facSocket, 'board:anonymous', { anonymous: true })).toMatchObject({ ok: true });
      await phone.locator('.session-bar__anon').waitFor();
      found.push(...(await sideways('anonymous')));
      // A vote open, with the dots bar at the bottom.
      const opened = await request<{ ok: boolean; data?: { roundId: string } }>(facSocket, 'vote:open', {
        title: 'Which ideas matter most to us?',
        sectionIds: Object.keys(NOTES),
        budget: 3,
      });
      expect(opened.ok).toBe(true);
      await phone.locator('.vote-dock').waitFor({ timeout: 10_000 });
      await phone
        .getByRole('button', { name: /^Add a dot to:/ })
        .first()
        .tap();
      found.push(...(await sideways('vote-open')));
      // Results on the notes and in the voting drawer.
      expect(await request(facSocket, 'vote:close', { roundId: opened.data!.roundId })).toMatchObject({ ok: true });
      await phone.locator('.section-panel:not([hidden]) .note-result').first().waitFor({ timeout: 10_000 });
      found.push(...(await sideways('results')));
      await openTool(phone, 'vote');
      found.push(...(await sideways('results-drawer')));
      await closeTool(phone, 'vote');
      expect(await request(facSocket, 'board:anonymous', { anonymous: false })).toMatchObject({ ok: true });
    } finally {
      facSocket.close();
    }
    // Easy read.
    await phone.locator('#board-menu').tap();
    await phone.locator('[role="menu"] [data-key="easy"]').tap();
    await phone.locator('.section-panel:not([hidden]) .section-symbol').first().waitFor();
    found.push(...(await sideways('easy-read')));
    await phone.locator('#board-menu').tap();
    await phone.locator('[role="menu"] [data-key="easy"]').tap();
    // Larger text and high contrast.
    await phone.evaluate(() => localStorage.setItem('codesign:display', JSON.stringify({ largeText: true, highContrast: true })));
    await phone.reload();
    await phone.locator('.section-panel:not([hidden]) .note').first().waitFor();
    found.push(...(await sideways('large-text-high-contrast')));
    await openTool(phone, 'people');
    found.push(...(await sideways('large-text-people')));
    await closeTool(phone, 'people');
    expect(found).toEqual([]);
  }, 120_000);

  it('high contrast: the current step is never black on black', async () => {
    const boardId = boardPath.split('/').pop()!;
    const facSocket = connectSession(session.srv.url, boardId, await tokenOf(fac));
    try {
      expect(await request(facSocket, 'step:set', { step: 'goals' })).toMatchObject({ ok: true });
    } finally {
      facSocket.close();
    }
    // The phone already has high contrast and larger text (the step before).
    await phone.locator('.section-tab--current').waitFor({ timeout: 10_000 });
    await openSection(phone, 'Map our assets');
    for (const sel of ['.section-tab--current', '.section-tab--selected']) {
      const c = await contrastOf(phone, sel);
      expect(c, sel).not.toBeNull();
      expect(c!.ratio, `${sel} ${JSON.stringify(c)}`).toBeGreaterThanOrEqual(4.5);
    }
    await shot(phone, 'phone-360-high-contrast-current-step');
    await fac.evaluate(() => localStorage.setItem('codesign:display', JSON.stringify({ highContrast: true })));
    await fac.reload();
    await fac.locator('.session-chip--step').waitFor();
    for (const sel of ['.session-chip--step', '.section--current .section__current']) {
      const c = await contrastOf(fac, sel);
      expect(c!.ratio, `${sel} ${JSON.stringify(c)}`).toBeGreaterThanOrEqual(4.5);
    }
    const tools = await openTool(fac, 'facilitate');
    const badge = await contrastOf(fac, '.ftools__step--current .badge--current');
    expect(badge!.ratio, JSON.stringify(badge)).toBeGreaterThanOrEqual(4.5);
    await tools.screenshot({ path: path.join(ARTIFACTS, 'layout-high-contrast-facilitator-tools.png') });
    await shot(fac, 'facilitator-1280-high-contrast');
    await closeTool(fac, 'facilitate');
  }, 60_000);

  it('the start-vote dialog keeps its buttons in view on a short screen, with larger text', async () => {
    await fac.evaluate(() => localStorage.setItem('codesign:display', JSON.stringify({ largeText: true })));
    for (const height of [900, 600]) {
      await fac.setViewportSize({ width: 1280, height });
      await fac.reload();
      await fac.locator('.note').first().waitFor({ state: 'attached' });
      const voting = await openTool(fac, 'vote');
      await voting.getByRole('button', { name: 'Start a vote' }).click();
      const dialog = fac.getByRole('dialog', { name: 'Start a vote' });
      await dialog.waitFor();
      const box = await dialog.getByRole('button', { name: 'Start the vote' }).boundingBox();
      expect(box, `${height}`).not.toBeNull();
      expect(box!.y + box!.height, `${height}`).toBeLessThanOrEqual(height);
      expect(box!.y, `${height}`).toBeGreaterThanOrEqual(0);
      await shot(fac, `start-vote-1280x${height}-large-text`);
      await fac.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    }
    await fac.evaluate(() => localStorage.removeItem('codesign:display'));
    await fac.setViewportSize({ width: 1280, height: 800 });
    await fac.reload();
  }, 60_000);

  it('the join page honours a Welsh browser language', async () => {
    const welsh = await open('welsh-browser', { width: 360, height: 740 }, 'cy-GB');
    await welsh.goto(joinUrl);
    await welsh.getByRole('button', { name: 'Ymuno â’r bwrdd' }).waitFor();
    expect(await welsh.evaluate(() => document.documentElement.lang)).toBe('cy');
    await shot(welsh, 'join-360-welsh-browser');
  }, 30_000);
});
