import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, updateAction } from '../../shared/actionPlan.js';
import { actionsOf, addGroup, addNote, groupsOf, notesOf, prioritiesOf, setNoteGroup } from '../../shared/boardDoc.js';
import { PlanModel } from '../../shared/planModel.js';
import { DOC_CLOSE, type AckResult } from '../../shared/session.js';
import { TEMPLATES } from '../../shared/templates.js';
import type { ClosedRound, VoteRound } from '../../shared/votes.js';
import { connectDoc, connectSession, createBoard, join, request, tryUpgrade, waitFor, type DocClient } from '../support/clients.js';
import { docxText, forbiddenIn, openDocx, pdfText, stringsIn } from '../support/exportFiles.js';
import { startServer, type RunningServer } from '../support/server.js';

const ok = <T>(r: AckResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};

const INJECTION = {
  formula: '=HYPERLINK("http://evil.example","click")',
  plus: '+44 1234 cmd',
  minus: '-2+3',
  at: '@SUM(A1:A9)',
  tab: '\tTabbed',
  cr: '\rReturned',
  markdown: '**bold** <script>alert(1)</script> [link](http://evil.example) # not a heading | pipe',
};

let srv: RunningServer;
let doc: DocClient;
const fixture = {} as {
  boardId: string;
  facToken: string;
  participantToken: string;
  joinKey: string;
  notes: Record<string, string>;
  rounds: ClosedRound[];
  viewKey: string;
};
const outDir = path.resolve(import.meta.dirname, '../../test-artifacts');

beforeAll(async () => {
  srv = await startServer();
  const b = await createBoard(srv.url, { title: 'Gwasanaeth dydd: ŵyr ac ŷd', template: 'coproduction', language: 'cy' });
  const fac = await join(srv.url, b.boardId, b.facilitatorKey, 'Alun Ŵyn', 'staff');
  const rhian = await join(srv.url, b.boardId, b.joinKey, 'Rhian', 'service-user');
  const siân = await join(srv.url, b.boardId, b.joinKey, 'Siân', 'family-carer');
  Object.assign(fixture, { boardId: b.boardId, facToken: fac.token, participantToken: rhian.token, joinKey: b.joinKey });

  doc = connectDoc(srv.url, b.boardId, fac.token);
  await doc.synced;
  const d = doc.doc;
  const notes = {
    transport: addNote(d, { sectionId: 'goals', text: 'Cludiant i’r ganolfan — â ê î ô û ŵ ŷ', author: rhian.authorKey }),
    welsh: addNote(d, { sectionId: 'goals', text: 'Staff sy’n siarad Cymraeg', author: siân.authorKey }),
    evenings: addNote(d, { sectionId: 'goals', text: 'Sesiynau gyda’r nos', author: fac.authorKey }),
    drivers: addNote(d, { sectionId: 'assets', text: 'Gyrwyr gwirfoddol', author: rhian.authorKey }),
    ...Object.fromEntries(
      Object.entries(INJECTION).map(([k, text]) => [k, addNote(d, { sectionId: 'celebrate', text, author: siân.authorKey })]),
    ),
  };
  const group = addGroup(d, 'goals', 'Mynd o le i le');
  setNoteGroup(d, notes.transport, group);
  setNoteGroup(d, notes.evenings, group);
  fixture.notes = notes;

  const s = connectSession(srv.url, b.boardId, fac.token);
  const r = connectSession(srv.url, b.boardId, rhian.token);
  const si = connectSession(srv.url, b.boardId, siân.token);
  await Promise.all([s, r, si].map((x) => new Promise<void>((res) => x.once('connect', () => res()))));
  await waitFor(() => notesOf(d).size === 11, 'notes created');
  // Wait until the server has every note (it relays only what it has stored).
  const watcher = connectDoc(srv.url, b.boardId, rhian.token);
  await watcher.synced;
  await waitFor(() => notesOf(watcher.doc).size === 11, 'server has the notes');
  watcher.destroy();

  const round = async (title: string, votes: [typeof s, string, number][]) => {
    const opened = ok(await request<AckResult<VoteRound>>(s, 'vote:open', { title, sectionIds: ['goals'], budget: 3 }));
    for (const [who, noteId, dots] of votes) ok(await request(who, 'vote:set', { roundId: opened.roundId, noteId, dots }));
    return ok(await request<AckResult<ClosedRound>>(s, 'vote:close', { roundId: opened.roundId }));
  };
  fixture.rounds = [
    await round('Beth sydd bwysicaf?', [
      [r, notes.transport, 2],
      [si, notes.welsh, 3],
      [s, notes.transport, 1],
    ]),
    await round('Ail rownd', [
      [r, notes.evenings, 1],
      [si, notes.evenings, 1],
      [s, notes.welsh, 2],
    ]),
  ];

  d.transact(() => prioritiesOf(d).push([notes.transport, notes.welsh, notes.evenings]));
  const a1 = addAction(d, {
    what: 'Trefnu bws cymunedol',
    who: 'Fforwm gofalwyr gyda Siân',
    due: '2027-03-31',
    noteIds: [notes.transport],
  });
  updateAction(d, a1, { status: 'in-progress' });
  addAction(d, { what: 'Recriwtio staff Cymraeg', who: 'Tîm AD', due: 'Gwanwyn', noteIds: [notes.welsh] });
  addAction(d, { what: INJECTION.formula, who: '@team', due: '' });
  const again = connectDoc(srv.url, b.boardId, rhian.token);
  await again.synced;
  await waitFor(() => prioritiesOf(again.doc).length === 3, 'priorities stored');
  again.destroy();

  fixture.viewKey = ok(await request<AckResult<{ viewKey: string }>>(s, 'shareback:create')).viewKey;
  for (const x of [s, r, si]) x.close();
  fs.mkdirSync(outDir, { recursive: true });
});
afterAll(async () => {
  doc?.destroy();
  await srv?.stop();
});

async function exportAs(format: string, lang = 'cy', token: string | null = fixture.facToken, boardId = fixture.boardId) {
  return fetch(`${srv.url}/api/boards/${boardId}/export?format=${format}&lang=${lang}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}
async function exportToFile(format: string, lang = 'cy', token = fixture.facToken, boardId = fixture.boardId) {
  const res = await exportAs(format, lang, token, boardId);
  expect(res.status).toBe(200);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-')), `plan.${format}`);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return { file, res };
}
const totalsOf = (round: ClosedRound) => round.results.tallies.map((t) => t.total);

describe('export of the agreed plan', () => {
  it('JSON: validates against the versioned schema and holds every priority, action and vote total', async () => {
    const res = await exportAs('json');
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="Gwasanaeth-dydd-wyr-ac-yd\.json"/);
    const plan = PlanModel.parse(await res.json());
    expect(plan.version).toBe(1);
    expect(plan.priorities.map((p) => p.noteId)).toEqual([fixture.notes.transport, fixture.notes.welsh, fixture.notes.evenings]);
    expect(plan.actions.map((a) => [a.what, a.status])).toEqual([
      ['Trefnu bws cymunedol', 'in-progress'],
      ['Recriwtio staff Cymraeg', 'not-started'],
      [INJECTION.formula, 'not-started'],
    ]);
    expect(plan.rounds.map((r) => r.tallies.map((t) => t.total))).toEqual(fixture.rounds.map(totalsOf));
    expect(plan.rounds[0].tallies[0]).toMatchObject({ noteId: fixture.notes.transport, total: 3, rank: 1, tied: true });
    const goals = plan.sections.find((s) => s.id === 'goals')!;
    expect(goals.groups.map((g) => [g.title, g.notes.map((n) => n.id)])).toEqual([
      ['Mynd o le i le', [fixture.notes.transport, fixture.notes.evenings]],
    ]);
    expect(goals.ungrouped.map((n) => n.id)).toEqual([fixture.notes.welsh]);
    expect(plan.participants.people?.map((p) => p.name)).toEqual(['Alun Ŵyn', 'Rhian', 'Siân']);
    expect(plan.balance?.dotsCast).toMatchObject({ 'service-user': 3, 'family-carer': 4, staff: 3 });
    expect(plan.log.counts['vote-closed']).toBe(2);
  });

  it('CSV: one row per note with section, group, text, votes, rank and action; formula payloads neutralised', async () => {
    const res = await exportAs('csv', 'cy');
    const text = await res.text();
    const rows = parseCsv(text, { bom: true, relax_quotes: true }) as string[][];
    expect(rows[0]).toEqual(['Cam', 'Grŵp', 'Nodyn', 'Pleidleisiau', 'Safle blaenoriaeth', 'Camau gweithredu']);
    expect(rows).toHaveLength(1 + 11);
    const byText = new Map(rows.slice(1).map((r) => [r[2]!, r]));
    expect(byText.get('Cludiant i’r ganolfan — â ê î ô û ŵ ŷ')).toEqual([
      'Nodau cyffredin',
      'Mynd o le i le',
      'Cludiant i’r ganolfan — â ê î ô û ŵ ŷ',
      '3',
      '1',
      'Trefnu bws cymunedol',
    ]);
    expect(byText.get('Staff sy’n siarad Cymraeg')).toEqual([
      'Nodau cyffredin',
      '',
      'Staff sy’n siarad Cymraeg',
      '5',
      '2',
      'Recriwtio staff Cymraeg',
    ]);
    for (const payload of [INJECTION.formula, INJECTION.plus, INJECTION.minus, INJECTION.at, INJECTION.tab, INJECTION.cr]) {
      expect(byText.get(`'${payload}`)?.[2]).toBe(`'${payload}`);
    }
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('Markdown: structure intact, participant text comes out as text', async () => {
    const md = await (await exportAs('md', 'en')).text();
    const tokens = marked.lexer(md);
    const headings = tokens.filter((t) => t.type === 'heading').map((t) => (t as { text: string }).text);
    expect(headings).toContain('Priorities');
    expect(headings).toContain('Action plan');
    expect(headings).toContain('Beth sydd bwysicaf?');
    expect(headings).not.toContain('not a heading');
    const html = marked.parse(md) as string;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="http://evil.example"');
    expect(html).not.toContain('<strong>bold</strong>');
    expect(html).toContain('**bold** &lt;script&gt;alert(1)&lt;/script&gt; [link](http://evil.example) # not a heading | pipe');
    const priorities = tokens.find((t) => t.type === 'table') as { rows: { text: string }[][] };
    expect(priorities.rows.map((r) => r[1].text)).toEqual([
      'Cludiant i’r ganolfan — â ê î ô û ŵ ŷ',
      'Staff sy’n siarad Cymraeg',
      'Sesiynau gyda’r nos',
    ]);
    for (const total of fixture.rounds.flatMap(totalsOf)) expect(md).toContain(`| ${total} |`);
  });

  it('DOCX: a real Word document with the plan, tables and page numbers', async () => {
    const { file } = await exportToFile('docx', 'cy');
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
    const text = xml.replace(/<[^>]+>/g, ' ');
    for (const needle of [
      'Blaenoriaethau',
      'Cynllun gweithredu',
      'Trefnu bws cymunedol',
      'Fforwm gofalwyr gyda Siân',
      'Cludiant i’r ganolfan — â ê î ô û ŵ ŷ',
      'Beth sydd bwysicaf?',
      'Cydbwysedd lleisiau',
    ]) {
      expect(text).toContain(needle);
    }
    expect(xml).toContain('<w:tbl>');
    const footers =
      execFileSync('unzip', ['-l', file])
        .toString()
        .match(/word\/footer\d*\.xml/g) ?? [];
    expect(footers.length).toBeGreaterThan(0);
    const footer = execFileSync('unzip', ['-p', file, footers[0]!]).toString();
    expect(footer).toContain('PAGE');
    expect(footer).toContain('Tudalen');
  });

  it('PDF: text of every priority, action and total, Welsh letters intact, page numbers; first pages rendered', async () => {
    for (const lang of ['cy', 'en', 'both']) {
      const { file } = await exportToFile('pdf', lang);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
      for (const needle of [
        'Cludiant i’r ganolfan — â ê î ô û ŵ ŷ',
        'Trefnu bws cymunedol',
        'Recriwtio staff Cymraeg',
        'Gwasanaeth dydd: ŵyr ac ŷd',
      ]) {
        expect(text).toContain(needle);
      }
      expect(text).toContain(lang === 'en' ? 'Page 1 of' : 'Tudalen 1 o');
      if (lang === 'both') expect(text).toContain('Priorities / Blaenoriaethau');
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, path.join(outDir, `plan-${lang}`)]);
    }
    expect(fs.readdirSync(outDir).filter((f) => f.startsWith('plan-cy') && f.endsWith('.png')).length).toBeGreaterThan(0);
  });

  it('refuses export to a participant, to nobody, to a removed facilitator and for a bad format', async () => {
    expect((await exportAs('pdf', 'cy', fixture.participantToken)).status).toBe(403);
    expect((await exportAs('pdf', 'cy', null)).status).toBe(401);
    expect((await exportAs('pdf', 'cy', 'made-up')).status).toBe(401);
    expect((await exportAs('exe')).status).toBe(400);
    expect((await exportAs('pdf', 'fr')).status).toBe(400);
  });

  it('share-back: the view link shows the plan and nothing else, and cannot edit', async () => {
    const view = await fetch(`${srv.url}/api/boards/${fixture.boardId}/plan`, { headers: { 'x-view-key': fixture.viewKey } });
    expect(view.status).toBe(200);
    expect(PlanModel.parse(await view.json()).priorities).toHaveLength(3);
    expect((await fetch(`${srv.url}/api/boards/${fixture.boardId}/plan`, { headers: { 'x-view-key': 'wrong' } })).status).toBe(403);
    expect((await fetch(`${srv.url}/api/boards/${fixture.boardId}/plan`)).status).toBe(401);
    // The view key is not a join key, not a token, and not an export credential.
    const joinWithIt = await fetch(`${srv.url}/api/boards/${fixture.boardId}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: fixture.viewKey, name: 'Viewer', group: 'community' }),
    });
    expect(joinWithIt.status).toBe(403);
    expect((await tryUpgrade(`${srv.url.replace('http', 'ws')}/yjs/${fixture.boardId}?token=${fixture.viewKey}`)).status).toBe(401);
    expect((await exportAs('json', 'cy', fixture.viewKey)).status).toBe(401);
    // A participant may read the plan with their own token.
    expect(
      (await fetch(`${srv.url}/api/boards/${fixture.boardId}/plan`, { headers: { authorization: `Bearer ${fixture.participantToken}` } }))
        .status,
    ).toBe(200);
  });
});

/* ---------- Hostile participant text and hostile ids ---------- */

/** Waits until a fresh client sees what `check` looks for, i.e. the server has stored it. */
async function serverHas(boardId: string, token: string, check: (d: Y.Doc) => boolean, what: string) {
  const watcher = connectDoc(srv.url, boardId, token);
  try {
    await watcher.synced;
    await waitFor(() => check(watcher.doc), what);
  } finally {
    watcher.destroy();
  }
}

describe('export of participant text with characters XML 1.0 forbids', () => {
  // C0 controls (not tab, LF, CR), U+FFFE/U+FFFF, non-characters in the BMP and in other planes, lone surrogates.
  const PAYLOADS: [string, string][] = [
    ['u0000', '\u0000'],
    ['u0001', '\u0001'],
    ['u0008', '\u0008'],
    ['u000b', '\u000b'],
    ['u000c', '\u000c'],
    ['u000e', '\u000e'],
    ['u001f', '\u001f'],
    ['ufdd0', '\ufdd0'],
    ['ufdef', '\ufdef'],
    ['ufffe', '\ufffe'],
    ['uffff', '\uffff'],
    ['u1fffe', '\u{1fffe}'],
    ['u1ffff', '\u{1ffff}'],
    ['u8fffe', '\u{8fffe}'],
    ['u10ffff', '\u{10ffff}'],
    // Low before high, so that where they are joined below they stay lone (high then low is a pair).
    ['udfff', '\udfff'],
    ['ud800', '\ud800'],
  ];
  // Lone surrogates never reach the plan through the real server: the y-websocket wire is UTF-8
  // (one arrives as U+FFFD), and so is the store (a name or title sent over HTTP or socket.io is
  // read back with U+FFFD). So the exact checks use the rest, lone surrogates go in one note each
  // and in one name, checked for what is left, and test/unit/planText.test.ts puts them straight
  // into the plan model.
  const payloadsWhere = (keep: (key: string) => boolean) =>
    PAYLOADS.filter(([key]) => keep(key))
      .map(([, c]) => c)
      .join('');
  const WIRE = payloadsWhere((key) => !key.startsWith('ud'));
  /** Valid text that must come out exactly as written: Welsh letters, emoji (astral, ZWJ and tag sequences), maths letters. */
  const VALID = 'Ŵyn ac ŷd â ê î ô û ŵ ŷ Â Ê Î Ô Û Ŵ Ŷ 😀 👩‍👧 🏴󠁧󠁢󠁷󠁬󠁳󠁿 𝔘𝔫𝔦';
  const WELSH = 'Ŵyn ac ŷd â ê î ô û ŵ ŷ Â Ê Î Ô Û Ŵ Ŷ';
  const expected = (key: string) => `${key}before${key.startsWith('ud') ? '\ufffd' : ''}after`;
  const ASSETS = TEMPLATES.coproduction.sections[0]!;
  const b = {} as { boardId: string; facToken: string };

  beforeAll(async () => {
    // Board titles, names and vote titles with these characters are refused at the door (400, see
    // httpApi.test.ts); what participants write on the board carries them.
    const board = await createBoard(srv.url, { title: 'Bwrdd ŷd', template: 'coproduction', language: 'en' });
    const fac = await join(srv.url, board.boardId, board.facilitatorKey, 'Alun Ŵyn', 'staff');
    await join(srv.url, board.boardId, board.joinKey, 'Rhian Jones', 'service-user');
    Object.assign(b, { boardId: board.boardId, facToken: fac.token });

    const client = connectDoc(srv.url, board.boardId, fac.token);
    await client.synced;
    const d = client.doc;
    const ids = PAYLOADS.map(([key, c]) => addNote(d, { sectionId: 'goals', text: `${key}before${c}after`, author: fac.authorKey }));
    const valid = addNote(d, { sectionId: 'goals', text: VALID, author: fac.authorKey });
    const group = addGroup(d, 'goals', `group${WIRE}title`);
    setNoteGroup(d, ids[0]!, group);
    d.transact(() => prioritiesOf(d).push([ids[10]!, valid]));
    addAction(d, { what: `what${WIRE}text`, who: `who${WIRE}text`, due: `due${WIRE}text`, noteIds: [ids[9]!, valid] });
    // Section titles and prompts are not sent: they are server-only now, set from the template when
    // the board is created, and the server refuses any client write to them (4422, see
    // hostileClients.test.ts). Every format with these payloads in a section's title and prompt (a
    // doc stored before that guard) is checked without the server in test/unit/planExport.test.ts.
    await serverHas(
      board.boardId,
      fac.token,
      (w) => notesOf(w).size === PAYLOADS.length + 1 && actionsOf(w).size === 1 && prioritiesOf(w).length === 2,
      'server has the notes',
    );

    const s = connectSession(srv.url, board.boardId, fac.token);
    await new Promise<void>((res) => s.once('connect', () => res()));
    const opened = ok(await request<AckResult<VoteRound>>(s, 'vote:open', { title: 'roundtitle', sectionIds: ['goals'], budget: 3 }));
    ok(await request(s, 'vote:set', { roundId: opened.roundId, noteId: ids[10]!, dots: 2 }));
    ok(await request(s, 'vote:close', { roundId: opened.roundId }));
    s.close();
    client.destroy();
  });

  const exportB = (format: string, lang = 'en') => exportAs(format, lang, b.facToken, b.boardId);

  it('JSON: parses, validates, and holds no forbidden character anywhere; the text around it and valid text intact', async () => {
    const res = await exportB('json');
    expect(res.status).toBe(200);
    const json: unknown = JSON.parse(await res.text());
    expect(stringsIn(json).flatMap(forbiddenIn)).toEqual([]);
    const plan = PlanModel.parse(json);
    const goals = plan.sections.find((s) => s.id === 'goals')!;
    const texts = [...goals.groups.flatMap((g) => g.notes), ...goals.ungrouped].map((n) => n.text);
    expect(texts).toEqual([...PAYLOADS.map(([key]) => expected(key)), VALID]);
    expect(goals.groups.map((g) => g.title)).toEqual(['grouptitle']);
    expect(plan.board.title).toBe('Bwrdd ŷd');
    expect(plan.participants.people?.map((p) => p.name)).toEqual(['Alun Ŵyn', expect.stringMatching(/^Rhian\ufffd* Jones$/)]);
    expect(plan.actions.map((a) => [a.what, a.who, a.due, a.notes.map((n) => n.text)])).toEqual([
      ['whattext', 'whotext', 'duetext', [expected('ufffe'), VALID]],
    ]);
    expect(plan.priorities.map((p) => p.text)).toEqual([expected('uffff'), VALID]);
    expect(plan.rounds.map((r) => r.title)).toEqual(['roundtitle']);
    expect(plan.rounds[0]!.tallies[0]!.text).toBe(expected('uffff'));
    // The sections are the template's, as the server wrote them.
    expect(plan.sections.map((x) => [x.id, x.title, x.prompt])).toEqual(
      TEMPLATES.coproduction.sections.map((x) => [x.id, x.title, x.prompt]),
    );
  });

  it('DOCX: every XML part parses (xmllint), no forbidden character, the text around it and valid text intact', async () => {
    for (const lang of ['en', 'cy'] as const) {
      const { file } = await exportToFile('docx', lang, b.facToken, b.boardId);
      const text = docxText(openDocx(file));
      expect(forbiddenIn(text)).toEqual([]);
      for (const [key] of PAYLOADS) expect(text).toContain(expected(key));
      expect(text).toContain(`${VALID} — ${lang === 'en' ? 'by' : 'gan'} Alun Ŵyn`);
      for (const needle of ['grouptitle', 'whattext', 'whotext', 'duetext', 'roundtitle', 'Bwrdd ŷd', ASSETS.title[lang]])
        expect(text).toContain(needle);
    }
  });

  it('PDF: pdftotext reads the text around every payload, and the Welsh letters', async () => {
    const { file } = await exportToFile('pdf', 'en', b.facToken, b.boardId);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    for (const [key] of PAYLOADS) expect(text).toContain(expected(key));
    for (const needle of [WELSH, 'grouptitle', 'whattext', 'whotext', 'duetext', 'roundtitle', 'Bwrdd ŷd', ASSETS.title.en, 'Alun Ŵyn'])
      expect(text).toContain(needle);
  });

  it('CSV: parses, no forbidden character in any cell, the text around it and valid text intact', async () => {
    const res = await exportB('csv');
    const rows = parseCsv(await res.text(), { bom: true }) as string[][];
    expect(rows.flat().flatMap(forbiddenIn)).toEqual([]);
    expect(rows.slice(1).map((r) => r[2])).toEqual(expect.arrayContaining([...PAYLOADS.map(([key]) => expected(key)), VALID]));
    expect(rows).toHaveLength(1 + PAYLOADS.length + 1);
    const byText = new Map(rows.slice(1).map((r) => [r[2]!, r]));
    expect(byText.get(expected('u0000'))?.[1]).toBe('grouptitle');
    expect(byText.get(VALID)?.slice(3)).toEqual(['0', '2', 'whattext']);
  });

  it('Markdown: no forbidden character, the text around it and valid text intact', async () => {
    const md = await (await exportB('md')).text();
    expect(forbiddenIn(md)).toEqual([]);
    for (const [key] of PAYLOADS) expect(md).toContain(`- ${expected(key)}`);
    expect(md).toContain(`- ${VALID} — _by Alun Ŵyn_`);
    expect(
      marked
        .lexer(md)
        .filter((t) => t.type === 'heading')
        .map((t) => (t as { text: string }).text),
    ).toEqual(expect.arrayContaining(['Bwrdd ŷd', 'grouptitle', 'roundtitle', ASSETS.title.en]));
  });
});

// A section title or prompt that is not text, and note, group and action ids such as `__proto__`,
// can no longer be written through the server (server/yjs/updateGuard.ts refuses the update, see
// test/integration/hostileClients.test.ts). What every format does with a doc that holds them
// anyway (a board stored before the guard) is tested without the server, in test/unit/planExport.test.ts.

describe('a board someone tries to give the ids constructor, __proto__, toString, hasOwnProperty, valueOf', () => {
  const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
  const b = {} as { boardId: string; facToken: string; ordinary: string };
  const BEFORE = {} as { json: string };
  const refusals: { what: string; code: number; reason: string }[] = [];
  const attempted: string[] = [];

  beforeAll(async () => {
    BEFORE.json = await (await exportAs('json')).text();
    const board = await createBoard(srv.url, { title: 'Prototype ids', template: 'coproduction', language: 'en' });
    const fac = await join(srv.url, board.boardId, board.facilitatorKey, 'Alun', 'staff');
    Object.assign(b, { boardId: board.boardId, facToken: fac.token });
    const honest = connectDoc(srv.url, board.boardId, fac.token);
    await honest.synced;
    b.ordinary = addNote(honest.doc, { sectionId: 'goals', text: 'ordinary note', author: fac.authorKey });
    await serverHas(board.boardId, fac.token, (w) => notesOf(w).has(b.ordinary), 'server has the ordinary note');
    honest.destroy();

    // Written with a raw Y.Doc, as a hostile client would: ids (map keys and id fields) of its own
    // choosing. Every text written says "hostile", so the exports can be searched for any of it.
    const map = (fields: Record<string, unknown>) => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(fields)) m.set(k, v);
      return m;
    };
    const text = (s: string) => {
      const t = new Y.Text();
      t.insert(0, s);
      return t;
    };
    const note = (id: string, extra: Record<string, unknown> = {}) =>
      map({
        id,
        sectionId: 'goals',
        text: text(`hostile note ${id}`),
        colour: 'yellow',
        author: fac.authorKey,
        createdAt: 1000,
        order: 'a0',
        ...extra,
      });
    const action = (id: string, noteIds: string[]) =>
      map({
        id,
        what: text(`hostile action ${id}`),
        who: 'hostile who',
        due: '',
        status: 'not-started',
        noteIds,
        createdAt: 1000,
        order: 'a0',
      });
    const attempts: [string, (d: Y.Doc) => void][] = [
      ...HOSTILE.map((id): [string, (d: Y.Doc) => void] => [
        `group ${id}`,
        (d) => groupsOf(d).set(id, map({ id, sectionId: 'goals', title: `hostile group ${id}`, createdAt: 1000 })),
      ]),
      ...HOSTILE.map((id): [string, (d: Y.Doc) => void] => [`note ${id}`, (d) => notesOf(d).set(id, note(id))]),
      ...HOSTILE.map((id): [string, (d: Y.Doc) => void] => [`action ${id}`, (d) => actionsOf(d).set(id, action(id, [b.ordinary]))]),
      // Valid keys, hostile ids in the fields that point at other entries.
      ['a note in group __proto__', (d) => notesOf(d).set('HostileNote00001', note('HostileNote00001', { groupId: '__proto__' }))],
      [
        'an action from notes __proto__ and constructor',
        (d) => actionsOf(d).set('HostileAction001', action('HostileAction001', ['__proto__', 'constructor', b.ordinary])),
      ],
      ['priorities naming constructor and __proto__', (d) => prioritiesOf(d).push(['constructor', '__proto__', b.ordinary])],
    ];
    // One connection per attempt: the server closes the connection that sent a refused update.
    for (const [what, write] of attempts) {
      attempted.push(what);
      const client = connectDoc(srv.url, board.boardId, fac.token);
      await client.synced;
      const closed = new Promise<{ code: number; reason: string }>((resolve) => {
        client.provider.on('connection-close', (event) => resolve({ code: event?.code ?? -1, reason: String(event?.reason ?? '') }));
        setTimeout(() => resolve({ code: -1, reason: 'still open after 5 s' }), 5000);
      });
      client.doc.transact(() => write(client.doc));
      refusals.push({ what, ...(await closed) });
      client.destroy();
    }

    const s = connectSession(srv.url, board.boardId, fac.token);
    await new Promise<void>((res) => s.once('connect', () => res()));
    const opened = ok(await request<AckResult<VoteRound>>(s, 'vote:open', { title: 'Round', sectionIds: ['goals'], budget: 3 }));
    ok(await request(s, 'vote:set', { roundId: opened.roundId, noteId: b.ordinary, dots: 2 }));
    ok(await request(s, 'vote:close', { roundId: opened.roundId }));
    s.close();
  });

  const exportB = (format: string, lang = 'en') => exportAs(format, lang, b.facToken, b.boardId);

  it('the server refuses every such write and closes the connection with 4422 invalid-change', () => {
    expect(attempted).toHaveLength(3 * HOSTILE.length + 3);
    expect(refusals).toEqual(attempted.map((what) => ({ what, ...DOC_CLOSE.invalidChange })));
  });

  it('exports of that board hold none of it: JSON, CSV, Markdown, DOCX and PDF', async () => {
    const json: unknown = await (await exportB('json')).json();
    const plan = PlanModel.parse(json);
    const goals = plan.sections.find((s) => s.id === 'goals')!;
    expect(plan.sections.flatMap((s) => [...s.groups.map((g) => g.id), ...s.ungrouped.map((n) => n.id)])).toEqual([b.ordinary]);
    expect(goals.ungrouped).toMatchObject([
      { id: b.ordinary, text: 'ordinary note', groupTitle: null, votes: 2, priorityRank: null, actionIds: [] },
    ]);
    expect([plan.actions, plan.priorities]).toEqual([[], []]);
    expect(plan.rounds.map((r) => r.tallies.map((t) => [t.noteId, t.total]))).toEqual([[[b.ordinary, 2]]]);
    const strings = stringsIn(json);
    for (const id of HOSTILE) expect(strings, id).not.toContain(id);
    expect(strings.filter((x) => x.includes('hostile'))).toEqual([]);

    const rows = parseCsv(await (await exportB('csv')).text(), { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r.slice(1))).toEqual([['', 'ordinary note', '2', '', '']]);
    const md = await (await exportB('md')).text();
    const docx = docxText(openDocx((await exportToFile('docx', 'en', b.facToken, b.boardId)).file));
    const pdf = pdfText((await exportToFile('pdf', 'en', b.facToken, b.boardId)).file);
    for (const [format, text] of [
      ['csv', rows.flat().join('\n')],
      ['md', md],
      ['docx', docx],
      ['pdf', pdf],
    ]) {
      expect([format, text!.includes('ordinary note'), text!.includes('hostile')]).toEqual([format, true, false]);
    }
  });

  it('leaves the server unharmed: another board exports exactly as before', async () => {
    const after = JSON.parse(await (await exportAs('json')).text()) as { board: { exportedAt: number } };
    const before = JSON.parse(BEFORE.json) as { board: { exportedAt: number } };
    after.board.exportedAt = before.board.exportedAt;
    expect(after).toEqual(before);
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  });
});
