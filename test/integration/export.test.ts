import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAction, updateAction } from '../../shared/actionPlan.js';
import { addGroup, addNote, notesOf, prioritiesOf, setNoteGroup } from '../../shared/boardDoc.js';
import { PlanModel } from '../../shared/planModel.js';
import type { AckResult } from '../../shared/session.js';
import type { ClosedRound, VoteRound } from '../../shared/votes.js';
import { connectDoc, connectSession, createBoard, join, request, tryUpgrade, waitFor, type DocClient } from '../support/clients.js';
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
    ...Object.fromEntries(Object.entries(INJECTION).map(([k, text]) => [k, addNote(d, { sectionId: 'celebrate', text, author: siân.authorKey })])),
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
    await round('Beth sydd bwysicaf?', [[r, notes.transport, 2], [si, notes.welsh, 3], [s, notes.transport, 1]]),
    await round('Ail rownd', [[r, notes.evenings, 1], [si, notes.evenings, 1], [s, notes.welsh, 2]]),
  ];

  d.transact(() => prioritiesOf(d).push([notes.transport, notes.welsh, notes.evenings]));
  const a1 = addAction(d, { what: 'Trefnu bws cymunedol', who: 'Fforwm gofalwyr gyda Siân', due: '2027-03-31', noteIds: [notes.transport] });
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

async function exportAs(format: string, lang = 'cy', token: string | null = fixture.facToken) {
  return fetch(`${srv.url}/api/boards/${fixture.boardId}/export?format=${format}&lang=${lang}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}
async function exportToFile(format: string, lang = 'cy') {
  const res = await exportAs(format, lang);
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
    expect(goals.groups.map((g) => [g.title, g.notes.map((n) => n.id)])).toEqual([['Mynd o le i le', [fixture.notes.transport, fixture.notes.evenings]]]);
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
    expect(byText.get('Cludiant i’r ganolfan — â ê î ô û ŵ ŷ')).toEqual(['Nodau cyffredin', 'Mynd o le i le', 'Cludiant i’r ganolfan — â ê î ô û ŵ ŷ', '3', '1', 'Trefnu bws cymunedol']);
    expect(byText.get('Staff sy’n siarad Cymraeg')).toEqual(['Nodau cyffredin', '', 'Staff sy’n siarad Cymraeg', '5', '2', 'Recriwtio staff Cymraeg']);
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
    expect(priorities.rows.map((r) => r[1].text)).toEqual(['Cludiant i’r ganolfan — â ê î ô û ŵ ŷ', 'Staff sy’n siarad Cymraeg', 'Sesiynau gyda’r nos']);
    for (const total of fixture.rounds.flatMap(totalsOf)) expect(md).toContain(`| ${total} |`);
  });

  it('DOCX: a real Word document with the plan, tables and page numbers', async () => {
    const { file } = await exportToFile('docx', 'cy');
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
    const text = xml.replace(/<[^>]+>/g, ' ');
    for (const needle of ['Blaenoriaethau', 'Cynllun gweithredu', 'Trefnu bws cymunedol', 'Fforwm gofalwyr gyda Siân', 'Cludiant i’r ganolfan — â ê î ô û ŵ ŷ', 'Beth sydd bwysicaf?', 'Cydbwysedd lleisiau']) {
      expect(text).toContain(needle);
    }
    expect(xml).toContain('<w:tbl>');
    const footers = execFileSync('unzip', ['-l', file]).toString().match(/word\/footer\d*\.xml/g) ?? [];
    expect(footers.length).toBeGreaterThan(0);
    const footer = execFileSync('unzip', ['-p', file, footers[0]!]).toString();
    expect(footer).toContain('PAGE');
    expect(footer).toContain('Tudalen');
  });

  it('PDF: text of every priority, action and total, Welsh letters intact, page numbers; first pages rendered', async () => {
    for (const lang of ['cy', 'en', 'both']) {
      const { file } = await exportToFile('pdf', lang);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
      for (const needle of ['Cludiant i’r ganolfan — â ê î ô û ŵ ŷ', 'Trefnu bws cymunedol', 'Recriwtio staff Cymraeg', 'Gwasanaeth dydd: ŵyr ac ŷd']) {
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
    expect((await fetch(`${srv.url}/api/boards/${fixture.boardId}/plan`, { headers: { authorization: `Bearer ${fixture.participantToken}` } })).status).toBe(200);
  });
});
