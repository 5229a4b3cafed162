import { GROUP_LABELS, LOG_LABELS, STATUS_LABELS, label, type ExportLanguage } from '../../shared/exportLabels.js';
import type { PlanModel, PlanNote } from '../../shared/planModel.js';
import { L, balanceTable, bilingual, formatDate, groupSplit, rankText } from './format.js';

/**
 * Escapes text written by participants so it cannot change the document's structure: Markdown
 * punctuation is backslash-escaped (":" and "@" too, so bare URLs and e-mail addresses are not
 * turned into links), HTML is turned into entities, and line breaks become spaces (a break
 * inside a table cell or list item would end it).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~:@]/g, (c) => `\\${c}`);
}

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: string[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

export function renderMarkdown(plan: PlanModel, lang: ExportLanguage): string {
  const e = escapeMarkdown;
  const out: string[] = [];
  const note = (n: PlanNote) => `- ${e(n.text)}${n.author ? ` — _${L('by', lang)} ${e(n.author)}_` : ''}${n.votes ? ` (${n.votes})` : ''}`;

  out.push(`# ${e(plan.board.title)}`, '', `**${L('plan', lang)}**`, '');
  out.push(`- ${L('template', lang)}: ${e(bilingual(plan.board.templateName, lang))}`);
  out.push(`- ${L('exported', lang)}: ${e(formatDate(plan.board.exportedAt, lang))}`, '');

  out.push(`## ${L('priorities', lang)}`, '');
  if (plan.priorities.length === 0) out.push(L('noPriorities', lang));
  else
    out.push(
      table(
        [L('rank', lang), L('note', lang), L('section', lang)],
        plan.priorities.map((p) => [String(p.rank), e(p.text), e(bilingual(p.section, lang))]),
      ),
    );
  out.push('');

  out.push(`## ${L('actionPlan', lang)}`, '');
  if (plan.actions.length === 0) out.push(L('noActions', lang));
  else
    out.push(
      table(
        [L('what', lang), L('who', lang), L('due', lang), L('status', lang), L('cameFrom', lang)],
        plan.actions.map((a) => [
          e(a.what),
          e(a.who),
          e(a.due),
          label(STATUS_LABELS[a.status], lang),
          e(a.notes.map((n) => n.text).join('; ')),
        ]),
      ),
    );
  out.push('');

  out.push(`## ${L('votes', lang)}`, '');
  if (plan.rounds.length === 0) out.push(L('noVotes', lang), '');
  for (const r of plan.rounds) {
    out.push(`### ${e(r.title)}`, '');
    out.push(
      `${r.budget} ${L('dotsEach', lang)} · ${L('voters', lang)}: ${r.voters} (${e(groupSplit(r.votersByGroup, lang))}) · ${r.assistedBallots} ${L('assisted', lang)}`,
      '',
    );
    out.push(
      table(
        [L('rank', lang), L('note', lang), L('total', lang), L('group', lang)],
        r.tallies.map((t) => [rankText(t.rank, t.tied, lang), e(t.text), String(t.total), e(groupSplit(t.byGroup, lang))]),
      ),
    );
    out.push('');
  }

  out.push(`## ${L('notesBySection', lang)}`, '');
  for (const s of plan.sections) {
    out.push(`### ${e(bilingual(s.title, lang))}`, '', `_${e(bilingual(s.prompt, lang))}_`, '');
    for (const g of s.groups) {
      out.push(`#### ${e(g.title)}`, '', ...(g.notes.length ? g.notes.map(note) : [L('noNotes', lang)]), '');
    }
    if (s.ungrouped.length || s.groups.length === 0) {
      if (s.groups.length) out.push(`#### ${L('ungrouped', lang)}`, '');
      out.push(...(s.ungrouped.length ? s.ungrouped.map(note) : [L('noNotes', lang)]), '');
    }
  }

  out.push(`## ${L('participants', lang)}`, '');
  out.push(`${L('people', lang)}: ${plan.participants.total} (${e(groupSplit(plan.participants.byGroup, lang))})`, '');
  if (plan.participants.people === null) out.push(L('anonymousBoard', lang), '');
  else {
    for (const p of plan.participants.people) {
      const extra = [p.role === 'facilitator' ? L('facilitator', lang) : '', p.inRoom ? L('inRoom', lang) : ''].filter(Boolean).join(', ');
      out.push(`- ${e(p.name)} — ${label(GROUP_LABELS[p.group], lang)}${extra ? ` (${extra})` : ''}`);
    }
    out.push('');
  }

  if (plan.balance) {
    const { head, rows } = balanceTable(plan.balance, lang);
    out.push(`## ${L('balance', lang)}`, '');
    out.push(table(head, rows), '');
  }

  out.push(`## ${L('log', lang)}`, '');
  for (const entry of plan.log.entries) {
    out.push(`- ${e(formatDate(entry.at, lang))}: ${e(entry.actorName)} — ${label(LOG_LABELS[entry.action], lang)}`);
  }
  if (plan.log.entries.length === 0) out.push('—');
  out.push('');
  return out.join('\n');
}
