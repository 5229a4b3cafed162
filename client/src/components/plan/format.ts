import type { Language } from '../../../../shared/i18nText.js';

/** Dates and short texts as the plan shows them, in the reader's language. */

const MONTHS_CY = [
  'Ionawr',
  'Chwefror',
  'Mawrth',
  'Ebrill',
  'Mai',
  'Mehefin',
  'Gorffennaf',
  'Awst',
  'Medi',
  'Hydref',
  'Tachwedd',
  'Rhagfyr',
];

/**
 * Welsh dates are written out here rather than left to Intl: browsers built with a reduced set
 * of locales (Chrome among them) have no Welsh month names and would fall back to English.
 */
function partsOf(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: Number(get('day')), month: Number(get('month')), year: get('year'), hour: get('hour'), minute: get('minute') };
}

function welshDate(date: Date, timeZone: string, withTime: boolean): string {
  const p = partsOf(date, timeZone);
  const day = `${p.day} ${MONTHS_CY[p.month - 1] ?? ''} ${p.year}`;
  return withTime ? `${day} am ${p.hour}:${p.minute}` : day;
}

const LONDON = 'Europe/London';

export function formatDate(ms: number, lang: Language): string {
  const date = new Date(ms);
  if (lang === 'cy') return welshDate(date, LONDON, false);
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: LONDON }).format(date);
}

export function formatDateTime(ms: number, lang: Language): string {
  const date = new Date(ms);
  if (lang === 'cy') return welshDate(date, LONDON, true);
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: LONDON }).format(date);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "By when" is free text ("end of March", "before the next meeting") or a date. An ISO date
 * (2026-03-31) is shown the way the reader writes dates; anything else as it was written.
 */
export function formatDue(due: string, lang: Language): string {
  const text = due.trim();
  const m = ISO_DATE.exec(text);
  if (!m) return text;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(m[3])) return text;
  if (lang === 'cy') return welshDate(date, 'UTC', false);
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** One line of a note, shortened for a link or a label. */
export function shortLine(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
