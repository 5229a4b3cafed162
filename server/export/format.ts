import { EXPORT_LABELS, GROUP_LABELS, label, type ExportLanguage } from '../../shared/exportLabels.js';
import type { BilingualText } from '../../shared/i18nText.js';
import { PARTICIPANT_GROUPS } from '../../shared/participants.js';
import type { PlanModel } from '../../shared/planModel.js';
import type { GroupCounts } from '../../shared/votes.js';

/** Small helpers every document format shares. */
export const L = (key: Exclude<keyof typeof EXPORT_LABELS, 'csvHeaders'>, lang: ExportLanguage) => label(EXPORT_LABELS[key], lang);

export function bilingual(text: BilingualText, lang: ExportLanguage): string {
  return label(text, lang);
}

export function formatDate(ms: number | null, lang: ExportLanguage): string {
  if (ms === null) return '';
  const locale = lang === 'cy' ? 'cy-GB' : 'en-GB';
  return new Date(ms).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });
}

/** "Families and carers 2, Staff and professionals 1" (groups with 0 left out). */
export function groupSplit(counts: GroupCounts, lang: ExportLanguage): string {
  return PARTICIPANT_GROUPS.filter((g) => counts[g] > 0)
    .map((g) => `${label(GROUP_LABELS[g], lang)} ${counts[g]}`)
    .join(', ');
}

/** The balance-of-voice table every format prints: a header and one row a group. */
export function balanceTable(b: NonNullable<PlanModel['balance']>, lang: ExportLanguage): { head: string[]; rows: string[][] } {
  return {
    head: [
      L('group', lang),
      L('present', lang),
      L('notesWritten', lang),
      L('editsMade', lang),
      L('dotsCast', lang),
      L('topPriorities', lang),
    ],
    rows: PARTICIPANT_GROUPS.map((g) => [
      label(GROUP_LABELS[g], lang),
      ...[b.present, b.notesWritten, b.editsMade, b.dotsCast, b.topPriorities].map((f) => String(f[g])),
    ]),
  };
}

export function rankText(rank: number, tied: boolean, lang: ExportLanguage): string {
  return tied ? `=${rank} (${L('tie', lang)})` : String(rank);
}

/** Text as a document shows it: tabs become spaces, any line ending a newline, other control characters go. */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/** Lets the event loop serve other boards between chunks of a large export. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
