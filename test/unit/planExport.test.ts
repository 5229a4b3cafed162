import { PassThrough } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionsOf, addNote, groupsOf, initBoardDoc, notesInSection, notesOf, prioritiesOf, sectionsOf } from '../../shared/boardDoc.js';
import type { ExportLanguage } from '../../shared/exportLabels.js';
import { buildPlan, PlanModel } from '../../shared/planModel.js';
import { TEMPLATES } from '../../shared/templates.js';
import { ballotFrom, type ClosedRound } from '../../shared/votes.js';
import { renderCsv } from '../../server/export/csv.js';
import { renderDocx } from '../../server/export/docx.js';
import { renderMarkdown } from '../../server/export/markdown.js';
import { renderPdf } from '../../server/export/pdf.js';
import { tallyRound } from '../../server/votes/tally.js';
import { checkUpdate } from '../../server/yjs/updateGuard.js';
import { docxText, forbiddenIn, openDocx, pdfText, stringsIn, tempFile } from '../support/exportFiles.js';

/**
 * The exports' pure path, with no server: buildPlan (shared/planModel.ts) fed a Y.Doc written
 * directly, and every format's renderer (server/export/*) fed its plan. The docs here hold what a
 * client can no longer write through the server (server/yjs/updateGuard.ts refuses it, 4422; see
 * test/integration/hostileClients.test.ts and export.test.ts), but a board stored before that guard
 * may still hold: ids such as `__proto__`, sections that are not text, forbidden characters in
 * section titles. The defensive code in buildPlan and the renderers stays tested here.
 */

const AUTHOR = 'alun-author-key';

function planOf(doc: Y.Doc, rounds: ClosedRound[] = []): PlanModel {
  return buildPlan({
    doc,
    board: { id: 'board00000000001', title: 'Prototype ids', template: 'coproduction', language: 'en', createdAt: 1 },
    anonymous: false,
    rounds,
    participants: [{ name: 'Alun', group: 'staff', role: 'facilitator', inRoom: true, authorKey: AUTHOR }],
    balance: null,
    log: [],
    exportedAt: 2,
  });
}

/** A closed round over `sectionIds`, tallied as the vote service does (every note in scope, in board order). */
function closedRound(
  doc: Y.Doc,
  sectionIds: string[],
  ballots: [participantId: string, dots: [noteId: string, dots: number][]][],
): ClosedRound {
  const noteIds = sectionIds.flatMap((id) => notesInSection(doc, id).map((n) => n.id));
  const results = tallyRound({
    roundId: 'round00000000001',
    noteIds,
    ballots: new Map(ballots.map(([who, dots]) => [who, { ballot: ballotFrom(dots), assisted: false }])),
    groupOf: () => 'staff',
  });
  return {
    round: {
      roundId: 'round00000000001',
      title: 'Round',
      sectionIds,
      budget: 3,
      perNoteCap: null,
      status: 'closed',
      openedAt: 1,
      closedAt: 2,
    },
    results,
  };
}

/**
 * Every format as the export route makes it (server/http/planRoutes.ts): JSON, Markdown and CSV
 * from the plan; DOCX and PDF from a structured clone of it, which is what the render worker is
 * posted (server/export/renderPool.ts), rendered by the functions the worker calls.
 */
async function exportAll(plan: PlanModel, lang: ExportLanguage) {
  const posted = structuredClone(plan);
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  await renderPdf(posted, lang, out);
  const docx = tempFile('docx', await renderDocx(structuredClone(plan), lang));
  return {
    json: JSON.stringify(plan, null, 2),
    md: renderMarkdown(plan, lang),
    csv: renderCsv(plan, lang),
    /** word/document.xml, once every XML part has parsed with xmllint. */
    docxXml: openDocx(docx),
    pdf: pdfText(tempFile('pdf', Buffer.concat(chunks))),
  };
}

type Exported = Awaited<ReturnType<typeof exportAll>>;

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

describe('export of a doc whose ids are constructor, __proto__, toString, hasOwnProperty, valueOf', () => {
  // The server's copy of a new board, and a client's copy of it that then writes ids of its own
  // choosing (map keys and id fields), as a hostile client would.
  const server = new Y.Doc();
  initBoardDoc(server, TEMPLATES.coproduction);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  doc.transact(() => {
    ['__proto__', 'constructor', 'toString'].forEach((id, i) => {
      groupsOf(doc).set(id, map({ id, sectionId: 'goals', title: `group ${id}`, createdAt: 1000 + i }));
    });
    const notes: [string, string | null][] = [
      ['__proto__', 'constructor'],
      ['constructor', '__proto__'],
      ['toString', '__proto__'],
      ['hasOwnProperty', 'valueOf'], // a group that does not exist, named like an Object.prototype member
      ['valueOf', null],
    ];
    notes.forEach(([id, groupId], i) => {
      notesOf(doc).set(
        id,
        map({
          id,
          sectionId: 'goals',
          text: text(`note ${id}`),
          colour: 'yellow',
          author: '__proto__',
          createdAt: 1000 + i,
          order: `a${i}`,
          ...(groupId ? { groupId } : {}),
        }),
      );
    });
    prioritiesOf(doc).push(['constructor', '__proto__', 'toString', '__proto__', 'propertyIsEnumerable', 'valueOf']);
    const actions: [string, string[], string][] = [
      ['__proto__', ['__proto__', 'constructor'], 'in-progress'],
      ['constructor', ['toString', 'hasOwnProperty', 'isPrototypeOf'], 'done'],
      ['valueOf', ['__proto__'], 'toString'],
    ];
    actions.forEach(([id, noteIds, status], i) => {
      actionsOf(doc).set(
        id,
        map({ id, what: text(`action ${id}`), who: `who ${id}`, due: '', status, noteIds, createdAt: 1000 + i, order: `a${i}` }),
      );
    });
  });
  const hostileUpdate = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server));
  const ordinary = addNote(doc, { sectionId: 'goals', text: 'ordinary note', author: AUTHOR });
  const plan = planOf(doc, [closedRound(doc, ['goals'], [['alun', [[ordinary, 2]]]])]);
  let exported: Exported;
  beforeAll(async () => {
    exported = await exportAll(plan, 'en');
  });

  it('is a doc the server now refuses to receive', () => {
    expect(checkUpdate(server, hostileUpdate)).toMatchObject({ kind: 'shape' });
  });

  it('JSON: every note, group, action and priority where it belongs; __proto__ is an ordinary note', async () => {
    const json: unknown = JSON.parse(exported.json);
    expect(json).toEqual(plan);
    const parsed = PlanModel.parse(json);
    const goals = parsed.sections.find((s) => s.id === 'goals')!;
    expect(goals.groups.map((g) => [g.id, g.title, g.notes.map((n) => n.id)])).toEqual([
      ['__proto__', 'group __proto__', ['constructor', 'toString']],
      ['constructor', 'group constructor', ['__proto__']],
      ['toString', 'group toString', []],
    ]);
    expect(goals.ungrouped.map((n) => n.id)).toEqual(['hasOwnProperty', 'valueOf', ordinary]);
    const notes = new Map([...goals.groups.flatMap((g) => g.notes), ...goals.ungrouped].map((n) => [n.id, n]));
    expect(notes.size).toBe(6);
    expect(Object.getPrototypeOf(notes.get('__proto__'))).toBe(Object.prototype);
    expect(notes.get('__proto__')).toMatchObject({
      text: 'note __proto__',
      groupTitle: 'group constructor',
      author: null,
      votes: 0,
      priorityRank: 2,
      actionIds: ['__proto__', 'valueOf'],
    });
    expect(notes.get('constructor')).toMatchObject({ groupTitle: 'group __proto__', votes: 0, priorityRank: 1, actionIds: ['__proto__'] });
    expect(notes.get('toString')).toMatchObject({ groupTitle: 'group __proto__', priorityRank: 3, actionIds: ['constructor'] });
    expect(notes.get('hasOwnProperty')).toMatchObject({ groupTitle: null, priorityRank: null, actionIds: ['constructor'] });
    expect(notes.get('valueOf')).toMatchObject({ groupTitle: null, priorityRank: 4, actionIds: [] });
    expect(notes.get(ordinary)).toMatchObject({ author: 'Alun', votes: 2, priorityRank: null, actionIds: [] });
    expect(parsed.priorities.map((p) => [p.rank, p.noteId, p.text])).toEqual([
      [1, 'constructor', 'note constructor'],
      [2, '__proto__', 'note __proto__'],
      [3, 'toString', 'note toString'],
      [4, 'valueOf', 'note valueOf'],
    ]);
    expect(parsed.actions.map((a) => [a.id, a.what, a.status, a.notes.map((n) => [n.id, n.text])])).toEqual([
      [
        '__proto__',
        'action __proto__',
        'in-progress',
        [
          ['__proto__', 'note __proto__'],
          ['constructor', 'note constructor'],
        ],
      ],
      [
        'constructor',
        'action constructor',
        'done',
        [
          ['toString', 'note toString'],
          ['hasOwnProperty', 'note hasOwnProperty'],
        ],
      ],
      ['valueOf', 'action valueOf', 'not-started', [['__proto__', 'note __proto__']]],
    ]);
    const tallies = new Map(parsed.rounds[0]!.tallies.map((t) => [t.noteId, t]));
    expect(tallies.size).toBe(6);
    expect(tallies.get('__proto__')).toMatchObject({ text: 'note __proto__', total: 0 });
    expect(tallies.get(ordinary)).toMatchObject({ text: 'ordinary note', total: 2, rank: 1 });
  });

  it('CSV: one row per note, with its group, votes, rank and actions', async () => {
    const rows = parseCsv(exported.csv, { bom: true }) as string[][];
    expect(rows).toHaveLength(1 + 6);
    const byText = new Map(rows.slice(1).map((r) => [r[2]!, r.slice(1)]));
    expect(byText.get('note __proto__')).toEqual(['group constructor', 'note __proto__', '0', '2', 'action __proto__; action valueOf']);
    expect(byText.get('note constructor')).toEqual(['group __proto__', 'note constructor', '0', '1', 'action __proto__']);
    expect(byText.get('note toString')).toEqual(['group __proto__', 'note toString', '0', '3', 'action constructor']);
    expect(byText.get('note hasOwnProperty')).toEqual(['', 'note hasOwnProperty', '0', '', 'action constructor']);
    expect(byText.get('note valueOf')).toEqual(['', 'note valueOf', '0', '4', '']);
    expect(byText.get('ordinary note')).toEqual(['', 'ordinary note', '2', '', '']);
  });

  it('Markdown: the groups, notes, priorities and actions', async () => {
    const { md } = exported;
    const html = marked.parse(md) as string;
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) expect(html).toContain(`<li>note ${id}</li>`);
    const headings = marked
      .lexer(md)
      .filter((t) => t.type === 'heading')
      .map((t) => (t as { text: string }).text.replace(/\\/g, ''));
    expect(headings).toEqual(expect.arrayContaining(['group __proto__', 'group constructor', 'group toString']));
    const [priorities, actions] = marked.lexer(md).filter((t) => t.type === 'table') as unknown as { rows: { text: string }[][] }[];
    expect(priorities!.rows.map((r) => r[1]!.text.replace(/\\/g, ''))).toEqual([
      'note constructor',
      'note __proto__',
      'note toString',
      'note valueOf',
    ]);
    expect(actions!.rows.map((r) => r[0]!.text.replace(/\\/g, ''))).toEqual(['action __proto__', 'action constructor', 'action valueOf']);
  });

  it('DOCX and PDF: every note, group and action', async () => {
    const { docxXml, pdf } = exported;
    const docx = docxText(docxXml);
    const needles = [
      'note __proto__',
      'note constructor',
      'note toString',
      'note hasOwnProperty',
      'note valueOf',
      'group __proto__',
      'group constructor',
      'group toString',
      'action __proto__',
      'action valueOf',
    ];
    for (const needle of needles) expect(docx).toContain(needle);
    for (const needle of needles) expect(pdf).toContain(needle);
  });
});

describe('export of a doc whose section title or prompt is not text', () => {
  const doc = new Y.Doc();
  initBoardDoc(doc, TEMPLATES.coproduction);
  doc.transact(() => {
    const [assets, goals] = sectionsOf(doc).toArray();
    assets!.set('title', { en: 'Assets', cy: 7 });
    assets!.set('prompt', { en: 'What do we have?', cy: { not: 'text' } });
    // Only `title.en` has to be text for a section to show; without it the section is left out.
    goals!.set('title', { en: 5, cy: 'Nodau' });
  });
  addNote(doc, { sectionId: 'assets', text: 'Gyrwyr gwirfoddol', author: AUTHOR });
  const plan = planOf(doc);

  it('the missing language is empty text, and a section with no English title is left out', () => {
    expect([plan.sections[0]!.id, plan.sections[0]!.title, plan.sections[0]!.prompt]).toEqual([
      'assets',
      { en: 'Assets', cy: '' },
      { en: 'What do we have?', cy: '' },
    ]);
    expect(plan.sections.map((s) => s.id)).toEqual(TEMPLATES.coproduction.sections.map((s) => s.id).filter((id) => id !== 'goals'));
    expect(() => PlanModel.parse(plan)).not.toThrow();
  });

  it('exports every format, in Welsh and in both languages', async () => {
    for (const lang of ['cy', 'both'] as const) {
      const out = await exportAll(plan, lang);
      expect(PlanModel.parse(JSON.parse(out.json)).sections[0]!.title).toEqual({ en: 'Assets', cy: '' });
      const rows = parseCsv(out.csv, { bom: true }) as string[][];
      expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([[lang === 'cy' ? '' : 'Assets / ', 'Gyrwyr gwirfoddol']]);
      for (const [format, text] of [
        ['md', out.md],
        ['docx', docxText(out.docxXml)],
        ['pdf', out.pdf],
      ]) {
        expect([format, lang, text!.includes('Gyrwyr gwirfoddol'), text!.includes('Assets')]).toEqual([
          format,
          lang,
          true,
          lang === 'both',
        ]);
      }
    }
  });
});

describe('export of a doc whose section titles and prompts hold characters XML 1.0 forbids', () => {
  // The payloads of test/integration/export.test.ts, which can no longer write them into a section.
  const FORBIDDEN = [
    '\u0000',
    '\u0001',
    '\u0008',
    '\u000b',
    '\u000c',
    '\u000e',
    '\u001f',
    '\ufdd0',
    '\ufdef',
    '\ufffe',
    '\uffff',
    '\u{1fffe}',
    '\u{1ffff}',
    '\u{8fffe}',
    '\u{10ffff}',
    '\udfff',
    '\ud800', // lone: low before high
  ].join('');
  const doc = new Y.Doc();
  initBoardDoc(doc, TEMPLATES.coproduction);
  doc.transact(() => {
    const assets = sectionsOf(doc).get(0);
    assets.set('title', { en: `assets${FORBIDDEN}title`, cy: `asedau${FORBIDDEN}teitl` });
    assets.set('prompt', { en: `assets${FORBIDDEN}prompt`, cy: `asedau${FORBIDDEN}anogwr` });
  });
  addNote(doc, { sectionId: 'assets', text: 'Gyrwyr gwirfoddol', author: AUTHOR });
  const plan = planOf(doc);

  it('JSON holds none of them; the text around them intact', async () => {
    const json: unknown = JSON.parse((await exportAll(plan, 'en')).json);
    expect(stringsIn(json).flatMap(forbiddenIn)).toEqual([]);
    const parsed = PlanModel.parse(json);
    expect([parsed.sections[0]!.title, parsed.sections[0]!.prompt]).toEqual([
      { en: 'assetstitle', cy: 'asedauteitl' },
      { en: 'assetsprompt', cy: 'asedauanogwr' },
    ]);
  });

  it('CSV, Markdown, DOCX (every part parses with xmllint) and PDF hold none of them, in each language', async () => {
    for (const lang of ['en', 'cy', 'both'] as const) {
      const out = await exportAll(plan, lang);
      const title = { en: 'assetstitle', cy: 'asedauteitl', both: 'assetstitle / asedauteitl' }[lang];
      const prompt = { en: 'assetsprompt', cy: 'asedauanogwr', both: 'assetsprompt / asedauanogwr' }[lang];
      const rows = parseCsv(out.csv, { bom: true }) as string[][];
      expect(rows.flat().flatMap(forbiddenIn)).toEqual([]);
      expect(rows[1]!.slice(0, 3)).toEqual([title, '', 'Gyrwyr gwirfoddol']);
      expect(forbiddenIn(out.md)).toEqual([]);
      expect(
        marked
          .lexer(out.md)
          .filter((t) => t.type === 'heading')
          .map((t) => (t as { text: string }).text),
      ).toContain(title);
      expect(out.md).toContain(`_${prompt}_`);
      const docx = docxText(out.docxXml);
      expect(forbiddenIn(docx)).toEqual([]);
      expect([docx.includes(title), docx.includes(prompt)]).toEqual([true, true]);
      expect(forbiddenIn(out.pdf.replace(/\f/g, ''))).toEqual([]); // pdftotext ends each page with a form feed
      expect([out.pdf.includes(title), out.pdf.includes(prompt)]).toEqual([true, true]);
    }
  });
});
