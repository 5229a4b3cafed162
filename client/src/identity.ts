import type { Role } from '../../shared/participants.js';
import type { Language } from '../../shared/i18nText.js';

/**
 * What this device remembers about a person on a board, in localStorage under
 * `codesign:board:<boardId>`. The token is the capability to take part; the join link is
 * remembered only so a facilitator can show it again, and so an expired token can send the
 * person back to the join page with the key still in place.
 */
export interface StoredIdentity {
  token: string;
  participantId: string;
  role: Role;
  authorKey: string;
  /** The join key this person came in with (participants), to rejoin if the token expires. */
  joinKey?: string;
  /** Facilitators only: the link to share with everyone. */
  joinUrl?: string;
  /** Facilitators only: their own link, for another device. Never shown to participants. */
  facilitatorUrl?: string;
  /** Cached for an offline start. */
  title?: string;
  boardLanguage?: Language;
  name?: string;
}

const PREFIX = 'codesign:board:';

function storageKey(boardId: string): string {
  return PREFIX + boardId;
}

export function loadIdentity(boardId: string): StoredIdentity | null {
  try {
    const raw = localStorage.getItem(storageKey(boardId));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<StoredIdentity>;
    if (
      typeof v.token !== 'string' ||
      typeof v.participantId !== 'string' ||
      (v.role !== 'participant' && v.role !== 'facilitator') ||
      typeof v.authorKey !== 'string'
    ) {
      return null;
    }
    return v as StoredIdentity;
  } catch {
    return null;
  }
}

export function saveIdentity(boardId: string, identity: StoredIdentity): void {
  try {
    localStorage.setItem(storageKey(boardId), JSON.stringify(identity));
  } catch {
    // Private mode or full storage: the person can still take part in this tab.
  }
}

export function updateIdentity(boardId: string, patch: Partial<StoredIdentity>): void {
  const current = loadIdentity(boardId);
  if (current) saveIdentity(boardId, { ...current, ...patch });
}

export function clearIdentity(boardId: string): void {
  try {
    localStorage.removeItem(storageKey(boardId));
  } catch {
    // ignore
  }
}
