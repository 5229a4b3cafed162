import path from 'node:path';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, axe, boardByApi, e2eSession, e2eTest, openBoardAs, pseudoLeaks, setLang } from './browserSupport.js';

/**
 * The privacy notice (/privacy) and the accessibility statement (/accessibility), in English and
 * Welsh, on a 1280-pixel screen and a 360-pixel phone: axe-core finds nothing, nothing scrolls
 * sideways on the phone, the headings are in order, the page names itself (<html lang>, title),
 * and the home page, the join page and the board's menu lead to them. The operator's name and
 * contact come from OPERATOR_NAME and OPERATOR_CONTACT. Screenshots: test-artifacts/info-*.png.
 */
const OPERATOR = 'Bwrdd Iechyd Prifysgol Enghraifft';
const CONTACT = 'preifatrwydd@example.wales, 029 2000 0000';

const PAGES = {
  privacy: { en: 'Privacy notice', cy: 'Hysbysiad preifatrwydd' },
  accessibility: { en: 'Accessibility statement', cy: 'Datganiad hygyrchedd' },
} as const;
type PageName = keyof typeof PAGES;
const WIDTHS = [1280, 360] as const;

/** The main content's headings, in document order, with their levels. */
function headings(page: Page): Promise<Array<{ level: number; text: string }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')].map((h) => ({
      level: Number(h.tagName[1]),
      text: h.textContent?.trim() ?? '',
    })),
  );
}

describe.concurrent('the privacy notice and the accessibility statement', () => {
  const session = e2eSession({ env: { OPERATOR_NAME: OPERATOR, OPERATOR_CONTACT: CONTACT, RETENTION_DAYS: '90' } });
  const it = e2eTest(session, 'infoPages');

  for (const name of Object.keys(PAGES) as PageName[]) {
    it(`${name}: English and Welsh, 1280 and 360 pixels`, async ({ pages }) => {
      const problems: string[] = [];
      for (const width of WIDTHS) {
        const page = await pages.open({ width, height: width > 500 ? 900 : 740 });
        await page.goto(`${session.srv.url}/${name}`);
        for (const lang of ['en', 'cy'] as const) {
          await setLang(page, lang);
          const h1 = page.getByRole('heading', { level: 1, name: PAGES[name][lang] });
          await h1.waitFor();
          const where = `${name} (${lang}, ${width}px)`;
          expect(await page.title()).toBe(`${PAGES[name][lang]} – ${lang === 'cy' ? 'Bwrdd cyd-ddylunio' : 'Co-design board'}`);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);

          // One h1, then h2 sections, never skipping a level.
          const hs = await headings(page);
          expect(hs.filter((h) => h.level === 1)).toHaveLength(1);
          expect(hs.filter((h) => h.level === 2).length).toBeGreaterThanOrEqual(6);
          for (const [i, h] of hs.entries())
            if (i > 0 && h.level > hs[i - 1].level + 1) problems.push(`${where}: "${h.text}" skips a level`);
          // Every section is in the contents, and its link leads to it.
          const sections = hs.filter((h) => h.level === 2).slice(1);
          const contents = page.getByRole('navigation', { name: lang === 'cy' ? 'Ar y dudalen hon' : 'On this page' });
          expect(await contents.getByRole('link').allTextContents()).toEqual(sections.map((s) => s.text));
          // Landmarks as on the other simple pages: a skip link to main, a banner, a footer with the two pages.
          await page
            .getByRole('link', { name: lang === 'cy' ? 'Neidio i’r prif gynnwys' : 'Skip to main content' })
            .waitFor({ state: 'attached' });
          expect(await page.locator('main#main').count()).toBe(1);
          const footer = page.getByRole('navigation', { name: lang === 'cy' ? 'Am y bwrdd hwn' : 'About this board' });
          expect(await footer.locator('[aria-current="page"]').textContent()).toBe(PAGES[name][lang]);
          // The operator, as configured, named and reachable.
          const main = page.locator('main');
          expect(await main.textContent()).toContain(OPERATOR);
          if (name === 'privacy') {
            await main.getByRole('link', { name: 'preifatrwydd@example.wales' }).waitFor();
            expect(await main.getByRole('link', { name: '029 2000 0000' }).getAttribute('href')).toBe('tel:02920000000');
            expect(await main.textContent()).toContain(lang === 'cy' ? '90 diwrnod' : '90 days');
          } else {
            expect(await main.textContent()).toContain(lang === 'cy' ? 'Statws cydymffurfio' : 'Compliance status');
            expect(await main.textContent()).toContain('2 ' + (lang === 'cy' ? 'Rhagfyr' : 'December') + ' 2026');
          }
          // Lines kept readable: no paragraph or list item wider than 70 of its own characters.
          const tooWide = await main.evaluate((m) =>
            [...m.querySelectorAll('p, li')].flatMap((e) => {
              const probe = document.createElement('span');
              probe.textContent = '0'.repeat(70);
              probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
              e.append(probe);
              const limit = probe.getBoundingClientRect().width;
              probe.remove();
              const width = e.getBoundingClientRect().width;
              return width > limit + 1 ? [`${e.textContent?.slice(0, 40)}: ${Math.round(width)} > ${Math.round(limit)}px`] : [];
            }),
          );
          problems.push(...tooWide.map((w) => `${where}: ${w}`));

          for (const f of await axe(page, where))
            problems.push(`${f.view}: ${f.id} (${f.impact}) ${f.help}\n    ${f.targets.join('\n    ')}`);
          if (width < 500) {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            if (overflow > 0) problems.push(`${where}: ${overflow}px sideways scrolling`);
          }
          await page.screenshot({ path: path.join(ARTIFACTS, `info-${name}-${width}-${lang}.png`), fullPage: width < 500 });
        }
      }
      expect(problems).toEqual([]);
      expect(pages.errors).toEqual([]);
    }, 120_000);
  }

  it('every word on both pages comes through the translation layer (the pseudo-language)', async ({ pages }) => {
    const page = await pages.open({ width: 1280, height: 900 });
    await page.addInitScript(() => localStorage.setItem('codesign:lang', 'zz'));
    for (const name of Object.keys(PAGES) as PageName[]) {
      await page.goto(`${session.srv.url}/${name}`);
      await page.getByRole('heading', { level: 1, name: `⟦${PAGES[name].en}⟧` }).waitFor();
      // The operator's name and contact are configuration, not interface text.
      expect(await pseudoLeaks(page, [OPERATOR, ...CONTACT.split(', ')])).toEqual([]);
    }
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('the home page and the join page link to both, in both languages', async ({ pages }) => {
    const board = await boardByApi(session.srv.url, 'Improving the memory clinic');
    const page = await pages.open({ width: 360, height: 740 });
    for (const start of [`${session.srv.url}/`, board.joinUrl]) {
      for (const lang of ['en', 'cy'] as const) {
        for (const name of Object.keys(PAGES) as PageName[]) {
          // The language is chosen as a returning person's is (the stored choice), not with the
          // switch: the switch is covered by the other e2e suites, and under load it can be
          // redrawn between finding it and pressing it.
          await page.goto(start);
          await page.evaluate((l) => localStorage.setItem('codesign:lang', l), lang);
          await page.reload();
          await page.waitForFunction((l) => document.documentElement.lang === l, lang);
          const footer = page.getByRole('contentinfo');
          await footer.waitFor();
          await footer.getByRole('link', { name: PAGES[name][lang] }).click();
          await page.waitForURL((u) => u.pathname === `/${name}`);
          await page.getByRole('heading', { level: 1, name: PAGES[name][lang] }).waitFor();
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        }
      }
    }
    await page.evaluate(() => localStorage.setItem('codesign:lang', 'en'));
    await page.goto(board.joinUrl);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByLabel('Your name').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'info-join-footer-360-en.png'), fullPage: true });
    expect(pages.errors).toEqual([]);
  }, 120_000);

  it('the board’s menu opens them in a new tab, and the board stays open', async ({ pages }) => {
    const board = await boardByApi(session.srv.url, 'Improving the day centre');
    for (const width of WIDTHS) {
      const page = await pages.open({ width, height: width > 500 ? 900 : 740 });
      await openBoardAs(page, board, board.facilitator);
      for (const name of Object.keys(PAGES) as PageName[]) {
        const menu = (await page.locator('#tool-more').isVisible()) ? page.locator('#tool-more') : page.locator('#board-menu');
        await menu.click();
        const item = page.locator(`[role="menu"] [data-key="${name}"]`);
        expect(await item.textContent()).toContain('Opens in a new tab');
        const [tab] = await Promise.all([page.context().waitForEvent('page'), item.click()]);
        await tab.getByRole('heading', { level: 1, name: PAGES[name].en }).waitFor();
        expect(new URL(tab.url()).pathname).toBe(`/${name}`);
        await tab.close();
        expect(new URL(page.url()).pathname).toBe(board.boardPath);
      }
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    }
    expect(pages.errors).toEqual([]);
  }, 120_000);
});

describe('without an operator configured', () => {
  const session = e2eSession({ env: { RETENTION_DAYS: '0' } });
  const it = e2eTest(session, 'infoPagesDefault');

  it('says “the organisation that gave you the link”, and that boards are kept until deleted', async ({ pages }) => {
    const page = await pages.open({ width: 1280, height: 900 });
    await page.goto(`${session.srv.url}/privacy`);
    const main = page.locator('main');
    await main.getByRole('heading', { level: 1, name: 'Privacy notice' }).waitFor();
    const text = (await main.textContent()) ?? '';
    expect(text).toContain('This board is run by the organisation that gave you the link.');
    expect(text).toContain('Boards are kept until a facilitator deletes them.');
    expect(text).not.toContain('deleted automatically');
    expect(text).toContain('Ask the facilitator of your session, or the person who sent you the link, how to contact them.');
    await setLang(page, 'cy');
    await main.getByRole('heading', { level: 1, name: 'Hysbysiad preifatrwydd' }).waitFor();
    expect(await main.textContent()).toContain('Y sefydliad a roddodd y ddolen i chi sy’n rhedeg y bwrdd hwn.');
    expect(pages.errors).toEqual([]);
  }, 60_000);
});
