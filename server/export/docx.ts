import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { GROUP_LABELS, LOG_LABELS, STATUS_LABELS, label, type ExportLanguage } from '../../shared/exportLabels.js';
import type { PlanModel, PlanNote } from '../../shared/planModel.js';
import { L, balanceTable, bilingual, cleanText, formatDate, groupSplit, rankText, yieldToOthers } from './format.js';

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text: cleanText(text), heading: level, spacing: { before: 240, after: 120 } });
const para = (text: string, opts: { italics?: boolean; bold?: boolean } = {}) =>
  new Paragraph({ children: [new TextRun({ text: cleanText(text), ...opts })], spacing: { after: 80 } });

function table(head: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [new Paragraph({ children: [new TextRun({ text: cleanText(text), bold })] })],
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) })),
    ],
  });
}

/** The plan as a Word document a health board can circulate: headings, tables, page numbers. */
export async function renderDocx(plan: PlanModel, lang: ExportLanguage): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  const note = (n: PlanNote) =>
    new Paragraph({
      bullet: { level: 0 },
      children: [
        new TextRun(cleanText(n.text)),
        ...(n.author ? [new TextRun({ text: ` — ${L('by', lang)} ${cleanText(n.author)}`, italics: true })] : []),
        ...(n.votes ? [new TextRun(` (${n.votes})`)] : []),
      ],
    });

  children.push(new Paragraph({ text: plan.board.title, heading: HeadingLevel.TITLE }));
  children.push(para(L('plan', lang), { bold: true }), para(L('intro', lang)));
  children.push(para(`${L('template', lang)}: ${bilingual(plan.board.templateName, lang)}`));
  children.push(para(`${L('exported', lang)}: ${formatDate(plan.board.exportedAt, lang)}`));

  children.push(heading(L('priorities', lang), HeadingLevel.HEADING_1));
  if (plan.priorities.length === 0) children.push(para(L('noPriorities', lang)));
  else
    children.push(
      table(
        [L('rank', lang), L('note', lang), L('section', lang)],
        plan.priorities.map((p) => [String(p.rank), p.text, bilingual(p.section, lang)]),
      ),
    );

  children.push(heading(L('actionPlan', lang), HeadingLevel.HEADING_1));
  if (plan.actions.length === 0) children.push(para(L('noActions', lang)));
  else
    children.push(
      table(
        [L('what', lang), L('who', lang), L('due', lang), L('status', lang), L('cameFrom', lang)],
        plan.actions.map((a) => [a.what, a.who, a.due, label(STATUS_LABELS[a.status], lang), a.notes.map((n) => n.text).join('; ')]),
      ),
    );

  children.push(heading(L('votes', lang), HeadingLevel.HEADING_1));
  if (plan.rounds.length === 0) children.push(para(L('noVotes', lang)));
  for (const r of plan.rounds) {
    children.push(heading(r.title, HeadingLevel.HEADING_2));
    children.push(
      para(
        `${r.budget} ${L('dotsEach', lang)} · ${L('voters', lang)}: ${r.voters} (${groupSplit(r.votersByGroup, lang)}) · ${r.assistedBallots} ${L('assisted', lang)}`,
      ),
    );
    children.push(
      table(
        [L('rank', lang), L('note', lang), L('total', lang), L('group', lang)],
        r.tallies.map((t) => [rankText(t.rank, t.tied, lang), t.text, String(t.total), groupSplit(t.byGroup, lang)]),
      ),
    );
  }

  children.push(heading(L('notesBySection', lang), HeadingLevel.HEADING_1));
  for (const s of plan.sections) {
    children.push(heading(bilingual(s.title, lang), HeadingLevel.HEADING_2), para(bilingual(s.prompt, lang), { italics: true }));
    for (const g of s.groups) {
      children.push(heading(g.title, HeadingLevel.HEADING_3));
      children.push(...(g.notes.length ? g.notes.map(note) : [para(L('noNotes', lang))]));
    }
    if (s.ungrouped.length || s.groups.length === 0) {
      if (s.groups.length) children.push(heading(L('ungrouped', lang), HeadingLevel.HEADING_3));
      children.push(...(s.ungrouped.length ? s.ungrouped.map(note) : [para(L('noNotes', lang))]));
    }
    await yieldToOthers();
  }

  children.push(heading(L('participants', lang), HeadingLevel.HEADING_1));
  children.push(para(`${L('people', lang)}: ${plan.participants.total} (${groupSplit(plan.participants.byGroup, lang)})`));
  if (plan.participants.people === null) children.push(para(L('anonymousBoard', lang)));
  else
    for (const p of plan.participants.people) {
      const extra = [p.role === 'facilitator' ? L('facilitator', lang) : '', p.inRoom ? L('inRoom', lang) : ''].filter(Boolean).join(', ');
      children.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [new TextRun(`${p.name} — ${label(GROUP_LABELS[p.group], lang)}${extra ? ` (${extra})` : ''}`)],
        }),
      );
    }

  if (plan.balance) {
    const { head, rows } = balanceTable(plan.balance, lang);
    children.push(heading(L('balance', lang), HeadingLevel.HEADING_1));
    children.push(table(head, rows));
  }

  children.push(heading(L('log', lang), HeadingLevel.HEADING_1));
  for (const entry of plan.log.entries)
    children.push(para(`${formatDate(entry.at, lang)}: ${entry.actorName} — ${label(LOG_LABELS[entry.action], lang)}`));

  const document = new Document({
    title: plan.board.title,
    description: L('plan', lang),
    creator: 'Co-design board',
    styles: { default: { document: { run: { font: 'Arial', size: 24, language: { value: lang === 'cy' ? 'cy-GB' : 'en-GB' } } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: [`${L('page', lang)} `, PageNumber.CURRENT, ` ${L('of', lang)} `, PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
