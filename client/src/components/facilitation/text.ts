import type { TFunction } from 'i18next';
import type { Language } from '../../../../shared/i18nText.js';
import type { RequestErrorCode } from '../../session/sessionClient.js';

const KNOWN = new Set<string>([
  'forbidden',
  'last-facilitator',
  'not-found',
  'invalid-request',
  'unauthorized',
  'offline',
  'timeout',
  'storage-unavailable',
  'rate-limited',
]);

/** A plain, translated sentence for a facilitation request that did not work. */
export function requestErrorText(t: TFunction, code: RequestErrorCode): string {
  return KNOWN.has(code) ? t(`facilitation.errors.${code}`) : t('facilitation.errors.generic');
}

/** A clock time (hours and minutes) in the reader's language. */
export function formatTime(at: number, lang: Language, seconds = false): string {
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  }).format(new Date(at));
}
