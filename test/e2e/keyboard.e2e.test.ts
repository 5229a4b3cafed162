import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { addAction } from '../../shared/actionPlan.js';
import { addGroup, addNote, moveNote, seedPriorities, setNoteGroup } from '../../shared/boardDoc.js';
import {
  type ApiBoard,
  arrowUntil,
  boardByApi,
  callAs,
  chooseInMenu,
  e2eSession,
  e2eTest,
  focused,
  type Joined,
  joinByApi,
  openBoardAs,
  startVoteByApi,
  tabUntil,
  writeDoc,
} from './browserSupport.js';

/**
 * The whole journey with the keyboard alone (no mouse, no clicks; locator.focus() only to start
 * on a page): create a board, join from a second browser, add and edit a note, move it to another
 * section, group it, vote, reorder the priorities, add an action and download the export. The
 * drawers (invite, voting, priorities, action plan, the agreed plan) are opened from the toolbar
 * with Enter and the note's actions are in its menu. Every element focused on the way shows a
 * visible focus indicator, and focus never gets stuck.
 *
 * One test per stage, so one failure does not hide the rest: each starts from the state the
 * stages before it leave (made through the API and the document channel, see journeyUpTo), and
 * does its own stage with the keyboard only, from the top of a freshly opened board (or from a
 * note, focused to start).
 */
describe.concurrent('keyboard only', () => {
  const session = e2eSession();
  const it = e2eTest(session, 'keyboard');

  const textOf = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true, includeHidden: true }).inputValue();
  const notesIn = (page: Page, sectionId: string) =>
    page.locator(`#section-${sectionId} textarea`).evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
  const priorities = (page: Page) => page.locator('.priority__link').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  const desktop = { width: 1280, height: 900 };

  const GROUP = /^(I use the service|Family member or carer|Staff or professional|Community member|Prefer not to say)/;

  /** The journey's stages, in order: journeyUpTo(stage) leaves the board as that stage does. */
  const STAGES = ['created', 'written', 'moved', 'grouped', 'voted', 'prioritised', 'planned'] as const;
  type Stage = (typeof STAGES)[number];
  interface Journey {
    board: ApiBoard;
    fac: Joined;
    rhian: Joined;
  }
  /**
   * The state the journey has reached after `stage`: the facilitator's note "A friendly welcome"
   * in Shared goals and Rhian joined ('created'); her note "Bus pass for carers" in Shared goals
   * ('written'), moved to Plan together ('moved'), in the group "Getting there" ('grouped'); a
   * vote with her three dots cast, one and two ('voted'); the vote closed and the priorities
   * reordered to "A friendly welcome", "Bus pass for carers" ('prioritised'); the action "Ask the
   * council about bus passes" ('planned').
   */
  async function journeyUpTo(stage: Stage): Promise<Journey> {
    const reached = (s: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
    const board = await boardByApi(session.srv.url, 'Day centre, keyboard only');
    const { url, boardId, facilitator: fac } = board;
    const rhian = await joinByApi(board, 'Rhian', 'service-user');
    const welcome = await writeDoc(url, boardId, fac.token, (doc) =>
      addNote(doc, { sectionId: 'goals', text: 'A friendly welcome', author: fac.authorKey }),
    );
    if (!reached('written')) return { board, fac, rhian };
    const bus = await writeDoc(url, boardId, rhian.token, (doc) => {
      const id = addNote(doc, { sectionId: 'goals', text: 'Bus pass for carers', author: rhian.authorKey });
      if (reached('moved')) moveNote(doc, id, 'plan');
      if (reached('grouped')) setNoteGroup(doc, id, addGroup(doc, 'plan', 'Getting there'));
      return id;
    });
    if (!reached('voted')) return { board, fac, rhian };
    const round = await startVoteByApi(board);
    for (const [noteId, dots] of [
      [welcome, 1],
      [bus, 2],
    ] as const) {
      await callAs(url, boardId, rhian.token, 'vote:set', { roundId: round.roundId, noteId, dots });
    }
    if (!reached('prioritised')) return { board, fac, rhian };
    await callAs(url, boardId, fac.token, 'vote:close', { roundId: round.roundId });
    await writeDoc(url, boardId, rhian.token, (doc) => seedPriorities(doc, [welcome, bus]));
    if (!reached('planned')) return { board, fac, rhian };
    await writeDoc(url, boardId, rhian.token, (doc) => addAction(doc, { what: 'Ask the council about bus passes' }));
    return { board, fac, rhian };
  }

  it('creates a board, opens and closes "Invite people", and adds a note, by keyboard', async ({ pages, expect }) => {
    const fac = await pages.open(desktop, { acceptDownloads: true });
    await fac.goto(session.srv.url + '/');
    await fac.getByLabel('Name of the board').focus();
    await fac.keyboard.type('Day centre, keyboard only');
    await tabUntil(fac, (f) => f.role === 'radio');
    await arrowUntil(fac, /Co-production: what should we do\?/);
    await tabUntil(fac, (f) => f.role === 'radio' && /English|Cymraeg/.test(f.name));
    await arrowUntil(fac, /^English/);
    await tabUntil(fac, 'Your name');
    await fac.keyboard.type('Sam');
    await tabUntil(fac, (f) => f.role === 'radio' && GROUP.test(f.name));
    await arrowUntil(fac, /^Staff or professional/);
    await tabUntil(fac, 'Create the board');
    await fac.keyboard.press('Enter');
    await fac.waitForURL(/\/board\/[^/]+$/);
    await fac.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    // "Invite people" opens its drawer; focus goes to its heading; Escape closes it again.
    await tabUntil(fac, 'Invite people');
    await fac.keyboard.press('Enter');
    await expect.poll(async () => (await focused(fac)).name).toBe('Invite people');
    expect(await fac.getByLabel('Join link').inputValue()).toMatch(/\/join\/[^/]+#key=/);
    await fac.keyboard.press('Escape');
    await expect.poll(async () => (await focused(fac)).id).toBe('tool-invite');

    // The facilitator adds a note too.
    await tabUntil(fac, 'add-note-goals');
    await fac.keyboard.press('Enter');
    await expect.poll(async () => (await focused(fac)).tag).toBe('TEXTAREA');
    await fac.keyboard.type('A friendly welcome');
    await expect.poll(() => notesIn(fac, 'goals')).toEqual(['A friendly welcome']);
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('joins from the link in a second browser, by keyboard, and sees the notes already there', async ({ pages, expect }) => {
    const { board } = await journeyUpTo('created');
    const part = await pages.open(desktop, { acceptDownloads: true });
    await part.goto(board.joinUrl);
    await part.getByLabel('Your name').focus();
    await part.keyboard.type('Rhian');
    await tabUntil(part, (f) => f.role === 'radio' && GROUP.test(f.name));
    await arrowUntil(part, /^I use the service/);
    await tabUntil(part, 'Join the board');
    await part.keyboard.press('Enter');
    await part.waitForURL(/\/board\/[^/]+$/);
    await part.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await expect.poll(() => notesIn(part, 'goals'), { timeout: 10_000 }).toEqual(['A friendly welcome']);
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('adds a note, then comes back and edits it, by keyboard', async ({ pages, expect }) => {
    const { board, rhian } = await journeyUpTo('created');
    const part = await pages.open(desktop, { acceptDownloads: true });
    await openBoardAs(part, board, rhian);
    await expect.poll(() => notesIn(part, 'goals'), { timeout: 10_000 }).toEqual(['A friendly welcome']);
    await tabUntil(part, 'add-note-goals');
    await part.keyboard.press('Enter');
    await expect.poll(async () => (await focused(part)).tag).toBe('TEXTAREA');
    await part.keyboard.type('Bus pass');
    await part.keyboard.press('Tab');
    await tabUntil(part, 'Note 2 in Shared goals', { back: true });
    await part.keyboard.press('End');
    await part.keyboard.type(' for carers');
    await expect.poll(() => textOf(part, 'Note 2 in Shared goals')).toBe('Bus pass for carers');
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it("moves a note to another section through the note's menu, by keyboard", async ({ pages, expect }) => {
    const { board, fac, rhian } = await journeyUpTo('written');
    const [facPage, part] = [await pages.open(desktop, { acceptDownloads: true }), await pages.open(desktop, { acceptDownloads: true })];
    await openBoardAs(facPage, board, fac);
    await openBoardAs(part, board, rhian);
    const note = part.getByRole('textbox', { name: 'Note 2 in Shared goals', exact: true });
    await note.focus();
    await tabUntil(part, 'Actions for Note 2 in Shared goals');
    await part.keyboard.press('Enter');
    await chooseInMenu(part, 'Plan together');
    await expect.poll(() => notesIn(part, 'plan')).toEqual(['Bus pass for carers']);
    await expect.poll(() => notesIn(facPage, 'plan'), { timeout: 10_000 }).toEqual(['Bus pass for carers']);
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('makes a group in a section and puts a note in it, by keyboard', async ({ pages, expect }) => {
    const { board, rhian } = await journeyUpTo('moved');
    const part = await pages.open(desktop, { acceptDownloads: true });
    await openBoardAs(part, board, rhian);
    await part.getByRole('textbox', { name: 'Note 1 in Plan together', exact: true }).focus();
    await tabUntil(part, 'add-group-plan', { back: true });
    await part.keyboard.press('Enter');
    await expect.poll(async () => (await focused(part)).tag).toBe('INPUT');
    await part.keyboard.press('Control+A');
    await part.keyboard.type('Getting there');
    await part.keyboard.press('Enter');
    await tabUntil(part, 'Actions for Note 1 in Plan together');
    await part.keyboard.press('Enter');
    await chooseInMenu(part, 'Getting there');
    await expect
      .poll(() => part.locator('#section-plan .note-group').filter({ hasText: 'Getting there' }).locator('textarea').count(), {
        timeout: 5000,
      })
      .toBe(1);
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('the facilitator starts a vote from the toolbar and a participant spends her dots, by keyboard', async ({ pages, expect }) => {
    const { board, fac, rhian } = await journeyUpTo('grouped');
    const [facPage, part] = [await pages.open(desktop, { acceptDownloads: true }), await pages.open(desktop, { acceptDownloads: true })];
    await openBoardAs(facPage, board, fac);
    await openBoardAs(part, board, rhian);
    await tabUntil(facPage, 'tool-vote');
    await facPage.keyboard.press('Enter');
    await tabUntil(facPage, 'start-vote');
    await facPage.keyboard.press('Enter');
    await facPage.getByRole('dialog', { name: 'Start a vote' }).waitFor();
    await tabUntil(facPage, 'Start the vote');
    await facPage.keyboard.press('Enter');
    await facPage.getByRole('dialog', { name: 'Start a vote' }).waitFor({ state: 'hidden' });

    await part.getByRole('region', { name: 'Your dots' }).waitFor({ timeout: 10_000 });
    await part.getByRole('textbox', { name: 'Note 1 in Plan together', exact: true }).focus();
    await tabUntil(part, 'Add a dot to: A friendly welcome', { back: true, maxPresses: 300 });
    await part.keyboard.press('Enter');
    await tabUntil(part, 'Add a dot to: Bus pass for carers', { maxPresses: 300 });
    await part.keyboard.press('Enter');
    await part.keyboard.press('Enter');
    await expect.poll(() => part.getByRole('region', { name: 'Your dots' }).innerText()).toContain('You have 0 of 3 dots left');
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('the facilitator closes the vote; a participant uses the results and reorders the priorities, by keyboard', async ({
    pages,
    expect,
  }) => {
    const { board, fac, rhian } = await journeyUpTo('voted');
    const [facPage, part] = [await pages.open(desktop, { acceptDownloads: true }), await pages.open(desktop, { acceptDownloads: true })];
    await openBoardAs(facPage, board, fac);
    await openBoardAs(part, board, rhian);
    // Both have heard of the vote and its voter before starting.
    for (const page of [facPage, part]) {
      await page.getByRole('region', { name: 'Your dots' }).filter({ hasText: '1 person has voted' }).waitFor({ timeout: 10_000 });
    }
    // The facilitator opens the Vote drawer from the toolbar (unless it opened with the vote).
    if (!(await facPage.locator('#drawer-vote').isVisible())) {
      await tabUntil(facPage, 'tool-vote');
      await facPage.keyboard.press('Enter');
    }
    await tabUntil(facPage, 'Close the vote and show results', { maxPresses: 300 });
    await facPage.keyboard.press('Enter');
    // Focus moves to "No, keep it open" (once it is drawn): tabbing on before it lands would race it.
    await expect.poll(async () => (await focused(facPage)).name).toBe('No, keep it open');
    await tabUntil(facPage, 'Yes, close the vote');
    await facPage.keyboard.press('Enter');
    await part.getByRole('region', { name: 'Your dots' }).waitFor({ state: 'detached', timeout: 10_000 });

    await tabUntil(part, 'tool-vote');
    await part.keyboard.press('Enter');
    await tabUntil(part, 'Use these results', { maxPresses: 300 });
    await part.keyboard.press('Enter');
    await expect.poll(() => priorities(part), { timeout: 10_000 }).toEqual(['Bus pass for carers', 'A friendly welcome']);
    await tabUntil(part, 'Move up: A friendly welcome');
    await part.keyboard.press('Enter');
    await expect.poll(() => priorities(facPage), { timeout: 10_000 }).toEqual(['A friendly welcome', 'Bus pass for carers']);
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it('adds an action in the Action plan drawer, by keyboard', async ({ pages, expect }) => {
    const { board, fac, rhian } = await journeyUpTo('prioritised');
    const [facPage, part] = [await pages.open(desktop, { acceptDownloads: true }), await pages.open(desktop, { acceptDownloads: true })];
    await openBoardAs(facPage, board, fac);
    await openBoardAs(part, board, rhian);
    await tabUntil(part, 'tool-actions');
    await part.keyboard.press('Enter');
    await tabUntil(part, 'action-add', { maxPresses: 300 });
    await part.keyboard.press('Enter');
    await expect.poll(async () => (await focused(part)).name).toBe('What will happen – action 1');
    await part.keyboard.type('Ask the council about bus passes');
    await expect.poll(() => textOf(facPage, 'What will happen – action 1'), { timeout: 10_000 }).toBe('Ask the council about bus passes');
    expect(pages.errors).toEqual([]);
  }, 60_000);

  it("the facilitator downloads the export from the agreed plan's drawer, by keyboard", async ({ pages, expect }) => {
    const { board, fac } = await journeyUpTo('planned');
    const facPage = await pages.open(desktop, { acceptDownloads: true });
    await openBoardAs(facPage, board, fac);
    await tabUntil(facPage, 'tool-plan');
    await facPage.keyboard.press('Enter');
    await tabUntil(facPage, 'Download the plan', { maxPresses: 400 });
    const download = facPage.waitForEvent('download');
    await facPage.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.\w+$/);
    expect(pages.errors).toEqual([]);
  }, 60_000);
});
