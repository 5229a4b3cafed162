import { stringify } from 'csv-stringify/sync';
import { EXPORT_LABELS, type ExportLanguage } from '../../shared/exportLabels.js';
import type { PlanModel } from '../../shared/planModel.js';
import { bilingual } from './format.js';

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return) is prefixed
 * with an apostrophe, so a note like "=HYPERLINK(...)" stays text when the file is opened.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One row per note: step, group, text, votes, priority rank, actions. UTF-8 with a BOM for spreadsheets. */
export function renderCsv(plan: PlanModel, lang: ExportLanguage): string {
  const headers =
    lang === 'both'
      ? EXPORT_LABELS.csvHeaders.en.map((h, i) => `${h} / ${EXPORT_LABELS.csvHeaders.cy[i]}`)
      : EXPORT_LABELS.csvHeaders[lang];
  const actionText = new Map(plan.actions.map((a) => [a.id, a.what]));
  const rows: string[][] = [];
  for (const s of plan.sections) {
    const step = bilingual(s.title, lang);
    for (const n of [...s.groups.flatMap((g) => g.notes), ...s.ungrouped]) {
      rows.push([
        step,
        n.groupTitle ?? '',
        n.text,
        String(n.votes),
        n.priorityRank === null ? '' : String(n.priorityRank),
        n.actionIds.map((id) => actionText.get(id) ?? '').join('; '),
      ]);
    }
  }
  return '\ufeff' + stringify([headers, ...rows.map((r) => r.map(neutraliseCell))], { quoted_string: true, record_delimiter: 'windows' });
}
