import { describe } from 'vitest';
import { axe, createBoard, e2eSession, e2eTest, setLang } from './browserSupport.js';

/**
 * A person refused by a rate limit is told, in their language, how long to wait. The server
 * allows one board per address a minute here (explicitly small), so the second try is refused.
 */
describe('a rate-limited person in a browser', () => {
  const session = e2eSession({ env: { RATE_BOARD_CREATE: '1/60' } });
  const it = e2eTest(session, 'ratelimit');

  it('sees how long to wait, in English and in Welsh', async ({ pages, expect }) => {
    const page = await pages.open({ width: 1280, height: 900 });
    await createBoard(page, session.srv.url, 'First board');
    await page.goto(`${session.srv.url}/`);
    await page.getByLabel('Name of the board').fill('Second board');
    await page.getByRole('radio', { name: /Co-production: what should we do\?/ }).check();
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByLabel('Your name').fill('Sam');
    await page.getByRole('radio', { name: 'Staff or professional' }).check();
    await page.getByRole('button', { name: 'Create the board' }).click();
    const english = page.getByText(/^Too many requests in a short time\. Please try again in \d+ seconds\.$/);
    await english.waitFor();
    expect(await axe(page, 'rate-limited create (en)')).toEqual([]);

    await setLang(page, 'cy');
    await page.getByRole('button', { name: 'Creu’r bwrdd' }).click();
    await page.getByText(/^Gormod o geisiadau mewn amser byr\. Rhowch gynnig arall arni ymhen (\d+ )?eiliad\.$/).waitFor();
    expect(page.url()).toBe(`${session.srv.url}/`);
  });
});
