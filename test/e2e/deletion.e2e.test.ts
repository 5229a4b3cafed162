import path from 'node:path';
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { addNote } from '../../shared/boardDoc.js';
import { ARTIFACTS, axe, boardByApi, e2eSession, e2eTest, joinByApi, openBoardAs, openTool, writeDoc } from './browserSupport.js';

/**
 * Deleting a board from the facilitator's tools: the confirmation names the board and offers the
 * plan's download first; afterwards the facilitator is on the start page with a message, and a
 * participant who had the board open is told, and their device no longer holds the board (the
 * offline copy in IndexedDB and the stored token). Screenshots go to test-artifacts/deletion-*.png.
 */
describe('deleting a board in a browser', () => {
  const session = e2eSession();
  const it = e2eTest(session, 'deletion');
  const WIDE = { width: 1280, height: 900 };
  const PHONE = { width: 360, height: 740 };

  /** The IndexedDB databases this page's origin holds. */
  const databases = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));

  it('the facilitator deletes the board after a confirmation; the participant is told and keeps nothing of it', async ({
    pages,
    expect,
  }) => {
    const board = await boardByApi(session.srv.url, 'Day centre lunches');
    const megan = await joinByApi(board, 'Megan');
    await writeDoc(session.srv.url, board.boardId, megan.token, (doc) =>
      addNote(doc, { sectionId: 'goals', text: 'Hot meals on Fridays', author: megan.authorKey }),
    );
    const [fac, part] = [await pages.open(WIDE), await pages.open(PHONE)];
    await openBoardAs(fac, board, board.facilitator);
    await openBoardAs(part, board, megan);
    await part.getByRole('textbox', { name: /Note 1 in Shared goals/, includeHidden: true }).waitFor({ state: 'attached' });
    await expect.poll(() => databases(part)).toContain(`codesign-${board.boardId}`);

    await openTool(fac, 'facilitate');
    const tools = fac.locator('#drawer-facilitate');
    await expect.poll(() => tools.getByText(/This board will be deleted on .* if nobody uses it before then/).count()).toBe(1);
    await tools.getByRole('button', { name: 'Delete this board…' }).click();
    const dialog = fac.getByRole('dialog', { name: 'Delete “Day centre lunches”?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('It cannot be undone.');
    expect(await dialog.innerText()).toContain('To keep the agreed plan, download it first.');
    expect(await dialog.getByRole('button', { name: /Download/ }).count()).toBeGreaterThan(0);
    expect(await axe(fac, 'delete-confirmation (en, 1280px)')).toEqual([]);
    await fac.screenshot({ path: path.join(ARTIFACTS, 'deletion-confirm-1280.png') });

    // Cancel keeps the board and puts focus back on the button.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await fac.evaluate(() => document.activeElement?.textContent)).toBe('Delete this board…');
    expect((await fetch(`${session.srv.url}/api/boards/${board.boardId}`, { headers: { 'x-board-key': board.joinKey } })).status).toBe(200);

    await tools.getByRole('button', { name: 'Delete this board…' }).click();
    await dialog.getByRole('button', { name: 'Delete the board for everyone' }).click();
    await fac.waitForURL((u) => u.pathname === '/');
    await fac.getByText('“Day centre lunches” has been deleted. Nothing of it is kept.').waitFor();

    // The participant, on a phone, is told; their device no longer holds the board.
    await part.getByRole('heading', { name: 'This board has been deleted' }).waitFor();
    expect(await part.getByText('The facilitator has deleted this board. Nothing of it is kept.').count()).toBe(1);
    await expect.poll(() => databases(part)).not.toContain(`codesign-${board.boardId}`);
    expect(await part.evaluate((id) => localStorage.getItem(`codesign:board:${id}`), board.boardId)).toBeNull();
    expect(await axe(part, 'board-deleted (en, 360px)')).toEqual([]);
    expect(await part.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await part.screenshot({ path: path.join(ARTIFACTS, 'deletion-told-360.png') });

    expect((await fetch(`${session.srv.url}/api/boards/${board.boardId}`, { headers: { 'x-board-key': board.joinKey } })).status).toBe(404);
  });
});
