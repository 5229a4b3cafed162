import type { TFunction } from 'i18next';
import { ApiRequestError } from './api.js';

/** A plain-language, translated sentence for a failed API call. */
export function apiErrorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiRequestError) {
    if (err.status === 0) return t('errors.network');
    if (err.status === 403 || err.status === 404) return t('errors.linkNotValid');
    if (err.status === 401) return t('errors.sessionEnded');
    if (err.status === 400 || err.status === 422) return t('errors.checkForm');
    if (err.status === 429) {
      return err.retryAfterSeconds ? t('errors.tooManyRequestsIn', { count: err.retryAfterSeconds }) : t('errors.tooManyRequests');
    }
  }
  return t('errors.generic');
}

/** Doc errors the server reports by code (socket.io `doc:error` or the y-sync close reason). */
export const DOC_ERROR_CODES = [
  'message-too-large',
  'note-too-long',
  'too-many-notes',
  'storage-unavailable',
  'malformed-message',
  'too-slow',
  'invalid-change',
  'missing-history',
  'rate-limited',
] as const;

export function docErrorText(t: TFunction, code: string): string {
  return (DOC_ERROR_CODES as readonly string[]).includes(code) ? t(`docError.${code}`) : t('docError.unknown');
}
