import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { GROUP_LABELS, LOG_LABELS, STATUS_LABELS, label, type ExportLanguage } from '../../shared/exportLabels.js';
import type { PlanModel, PlanNote } from '../../shared/planModel.js';
import { L, balanceTable, bilingual, cleanText, formatDate, groupSplit, rankText, yieldToOthers } from './format.js';

// DejaVu Sans has every Welsh letter (â ê î ô û ŵ ŷ); PDF's built-in fonts do not have ŵ or ŷ.
const require = createRequire(import.meta.url);
const FONT_DIR = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
const FONTS = { regular: `${FONT_DIR}DejaVuSans.ttf`, bold: `${FONT_DIR}DejaVuSans-Bold.ttf`, italic: `${FONT_DIR}DejaVuSans-Oblique.ttf` };

const MARGIN = 56;
const BODY = 11;

/** A little layout on top of pdfkit: headings, paragraphs, bullet lists and tables that break across pages. */
class Layout {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get width() {
    return this.doc.page.width - MARGIN * 2;
  }
  private get bottom() {
    return this.doc.page.height - MARGIN;
  }
  private ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(raw: string, level: 1 | 2 | 3) {
    const text = cleanText(raw);
    const size = [0, 18, 14, 12][level];
    this.doc.font('bold').fontSize(size);
    this.ensure(this.doc.heightOfString(text, { width: this.width }) + 40);
    this.doc.moveDown(level === 1 ? 1 : 0.6).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3).font('regular').fontSize(BODY);
  }

  para(text: string, font: 'regular' | 'bold' | 'italic' = 'regular') {
    this.doc.font(font).fontSize(BODY).text(cleanText(text), MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3).font('regular');
  }

  bullet(raw: string) {
    const text = cleanText(raw);
    this.doc.font('regular').fontSize(BODY);
    this.ensure(this.doc.heightOfString(text, { width: this.width - 14 }) + 4);
    this.doc.text('•', MARGIN, this.doc.y, { continued: false, width: 12, lineBreak: false });
    this.doc.moveUp().text(text, MARGIN + 14, this.doc.y, { width: this.width - 14 });
    this.doc.moveDown(0.15);
  }

  table(head: string[], rows: string[][], weights: number[]) {
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => (w / total) * this.width);
    const pad = 4;
    const drawRow = (raw: string[], bold: boolean) => {
      const cells = raw.map(cleanText);
      this.doc.font(bold ? 'bold' : 'regular').fontSize(BODY - 1);
      const height = Math.max(...cells.map((c, i) => this.doc.heightOfString(c || ' ', { width: widths[i] - pad * 2 }))) + pad * 2;
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        if (!bold) drawRow(head, true);
        this.doc.font('regular').fontSize(BODY - 1);
      }
      const top = this.doc.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        if (bold) this.doc.rect(x, top, widths[i], height).fillAndStroke('#e8eef5', '#6b7785').fillColor('#000');
        else this.doc.rect(x, top, widths[i], height).stroke('#6b7785');
        this.doc.text(c, x + pad, top + pad, { width: widths[i] - pad * 2 });
        x += widths[i];
      });
      this.doc.x = MARGIN;
      this.doc.y = top + height;
    };
    // Never leave a header alone at the foot of a page: keep room for it and a first row.
    this.doc.font('bold').fontSize(BODY - 1);
    const headHeight = Math.max(...head.map((c, i) => this.doc.heightOfString(c, { width: widths[i] - pad * 2 }))) + pad * 2;
    this.ensure(headHeight + 40);
    drawRow(head, true);
    for (const r of rows) drawRow(r, false);
    this.doc.moveDown(0.6).font('regular').fontSize(BODY);
  }
}

/** Writes the plan as a PDF to `out`: headings, tables, page numbers, a readable font with Welsh letters. */
export async function renderPdf(plan: PlanModel, lang: ExportLanguage, out: Writable): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: lang === 'cy' ? 'cy-GB' : 'en-GB',
    displayTitle: true,
    info: { Title: plan.board.title, Subject: L('plan', lang), Creator: 'Co-design board' },
  });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);
  const ui = new Layout(doc);
  const noteLine = (n: PlanNote) => `${n.text}${n.author ? ` — ${L('by', lang)} ${n.author}` : ''}${n.votes ? ` (${n.votes})` : ''}`;

  doc.font('bold').fontSize(24).text(plan.board.title, { width: ui.width });
  doc.moveDown(0.3);
  ui.para(L('plan', lang), 'bold');
  ui.para(L('intro', lang));
  ui.para(`${L('template', lang)}: ${bilingual(plan.board.templateName, lang)}`);
  ui.para(`${L('exported', lang)}: ${formatDate(plan.board.exportedAt, lang)}`);

  ui.heading(L('priorities', lang), 1);
  if (plan.priorities.length === 0) ui.para(L('noPriorities', lang));
  else
    ui.table(
      [L('rank', lang), L('note', lang), L('section', lang)],
      plan.priorities.map((p) => [String(p.rank), p.text, bilingual(p.section, lang)]),
      [1, 6, 3],
    );

  ui.heading(L('actionPlan', lang), 1);
  if (plan.actions.length === 0) ui.para(L('noActions', lang));
  else
    ui.table(
      [L('what', lang), L('who', lang), L('due', lang), L('status', lang), L('cameFrom', lang)],
      plan.actions.map((a) => [a.what, a.who, a.due, label(STATUS_LABELS[a.status], lang), a.notes.map((n) => n.text).join('; ')]),
      [5, 3, 3, 3, 4],
    );

  ui.heading(L('votes', lang), 1);
  if (plan.rounds.length === 0) ui.para(L('noVotes', lang));
  for (const r of plan.rounds) {
    ui.heading(r.title, 2);
    ui.para(
      `${r.budget} ${L('dotsEach', lang)} · ${L('voters', lang)}: ${r.voters} (${groupSplit(r.votersByGroup, lang)}) · ${r.assistedBallots} ${L('assisted', lang)}`,
    );
    ui.table(
      [L('rank', lang), L('note', lang), L('total', lang), L('group', lang)],
      r.tallies.map((t) => [rankText(t.rank, t.tied, lang), t.text, String(t.total), groupSplit(t.byGroup, lang)]),
      [2, 6, 3, 5],
    );
  }

  ui.heading(L('notesBySection', lang), 1);
  for (const s of plan.sections) {
    ui.heading(bilingual(s.title, lang), 2);
    ui.para(bilingual(s.prompt, lang), 'italic');
    for (const g of s.groups) {
      ui.heading(g.title, 3);
      if (g.notes.length === 0) ui.para(L('noNotes', lang));
      for (const n of g.notes) ui.bullet(noteLine(n));
    }
    if (s.ungrouped.length || s.groups.length === 0) {
      if (s.groups.length) ui.heading(L('ungrouped', lang), 3);
      if (s.ungrouped.length === 0) ui.para(L('noNotes', lang));
      for (const [i, n] of s.ungrouped.entries()) {
        ui.bullet(noteLine(n));
        if (i % 200 === 199) await yieldToOthers();
      }
    }
    await yieldToOthers();
  }

  ui.heading(L('participants', lang), 1);
  ui.para(`${L('people', lang)}: ${plan.participants.total} (${groupSplit(plan.participants.byGroup, lang)})`);
  if (plan.participants.people === null) ui.para(L('anonymousBoard', lang));
  else
    for (const p of plan.participants.people) {
      const extra = [p.role === 'facilitator' ? L('facilitator', lang) : '', p.inRoom ? L('inRoom', lang) : ''].filter(Boolean).join(', ');
      ui.bullet(`${p.name} — ${label(GROUP_LABELS[p.group], lang)}${extra ? ` (${extra})` : ''}`);
    }

  if (plan.balance) {
    const { head, rows } = balanceTable(plan.balance, lang);
    ui.heading(L('balance', lang), 1);
    ui.table(head, rows, [4, 2, 2, 2, 2, 2]);
  }

  ui.heading(L('log', lang), 1);
  for (const entry of plan.log.entries)
    ui.bullet(`${formatDate(entry.at, lang)}: ${entry.actorName} — ${label(LOG_LABELS[entry.action], lang)}`);

  // Page numbers, written into the bottom margin of every page once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#333')
      .text(`${L('page', lang)} ${i + 1} ${L('of', lang)} ${range.count}`, MARGIN, doc.page.height - MARGIN / 2 - 6, {
        width: ui.width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
  doc.end();
  await done;
}
