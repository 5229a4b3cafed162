import type { TFunction } from 'i18next';

/** A note's text made short enough for a button's name or a list: one line, ends with "…". */
export function shortText(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** Error codes the voting UI has its own plain-language sentence for. */
const KNOWN = new Set([
  'round-already-open',
  'round-closed',
  'budget-spent',
  'note-cap',
  'note-out-of-scope',
  'note-deleted',
  'not-in-room',
  'forbidden',
  'invalid-request',
  'not-found',
  'offline',
  'timeout',
  'no-dots',
]);

/** A refusal from the server (or offline / no answer) as a translated sentence. */
export function voteErrorText(t: TFunction, code: string): string {
  return t(`vote.error.${KNOWN.has(code) ? code : 'generic'}`);
}

/** "1st", "=2nd" (visible) and "Joint 2nd" (for screen readers). */
export function placeText(t: TFunction, rank: number, tied: boolean): { visible: string; spoken: string } {
  const place = t('vote.results.place', { count: rank, ordinal: true });
  return tied
    ? { visible: t('vote.results.tieMark', { place }), spoken: t('vote.results.joint', { place }) }
    : { visible: place, spoken: place };
}
