import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { logSentence } from '../../client/src/components/facilitation/LogPanel.js';
import type { SectionView } from '../../shared/boardDoc.js';
import { LOG_ACTIONS, type LogAction, type LogEntry } from '../../shared/facilitatorLog.js';
import { LOG_LABELS } from '../../shared/exportLabels.js';

/**
 * Every kind of log entry reads as its own sentence in the log panel, and has a name in the
 * plan's summary and its exports, in English and in Welsh: a new kind cannot fall through to
 * "Did something on the board" or show its raw key.
 */
const LOCALES = path.resolve(import.meta.dirname, '../../client/src/locales');

async function translator(lang: 'en' | 'cy'): Promise<TFunction> {
  const merged: Record<string, unknown> = {};
  for (const file of fs.readdirSync(path.join(LOCALES, lang)).filter((f) => f.endsWith('.json'))) {
    Object.assign(merged, JSON.parse(fs.readFileSync(path.join(LOCALES, lang, file), 'utf8')));
  }
  const i18n = i18next.createInstance();
  await i18n.init({ lng: lang, resources: { [lang]: { translation: merged } }, interpolation: { escapeValue: false } });
  return i18n.t;
}

/** A plausible entry of each kind, with the details the server writes. */
const DETAILS: Record<LogAction, LogEntry['detail']> = {
  'vote-opened': { roundId: 'r', title: 'Which first?', budget: 3 },
  'vote-closed': { roundId: 'r', title: 'Which first?', voters: 4 },
  'assisted-ballot': { roundId: 'r', participantId: 'p', participantName: 'Mair' },
  'in-room-participant-added': { participantId: 'p', participantName: 'Mair' },
  'assist-permission-changed': { participantId: 'p', participantName: 'Mair', allowed: true },
  'step-changed': { step: 'goals', title: 'Goals', titleCy: 'Nodau' },
  locked: {},
  unlocked: {},
  'anonymity-changed': { anonymous: true },
  'participant-removed': { participantId: 'p', participantName: 'Mair' },
  'role-changed': { participantId: 'p', participantName: 'Mair', facilitator: true },
  'link-rotated': {},
  'share-link-created': {},
  'timer-set': { durationMs: 300_000 },
  'timer-cleared': {},
  'timer-started': { remainingMs: 300_000 },
  'timer-paused': { remainingMs: 120_000 },
  'timer-added': { ms: 60_000, durationMs: 360_000 },
  'results-used': { roundId: 'r', title: 'Which first?' },
  'hand-cleared': { participantId: 'p', participantName: 'Mair' },
  'break-cleared': {},
};
const entry = (action: LogAction, detail = DETAILS[action]): LogEntry => ({
  id: 'e',
  at: 0,
  actorId: 'a',
  actorName: 'Alun',
  action,
  detail,
});
const sections: SectionView[] = [];

describe.each(['en', 'cy'] as const)('log entries in %s', (lang) => {
  it('give every kind its own sentence in the log panel', async () => {
    const t = await translator(lang);
    const unknown = t('log.actions.unknown');
    for (const action of LOG_ACTIONS) {
      const sentence = logSentence(t, entry(action), sections, lang);
      expect([action, sentence]).not.toEqual([action, unknown]);
      expect(sentence).not.toMatch(/log\.actions|\{\{/);
    }
  });

  it('name every kind in the plan summary and the exports', async () => {
    const t = await translator(lang);
    for (const action of LOG_ACTIONS) {
      expect(t(`plan.logAction.${action}`, { defaultValue: '' })).not.toBe('');
      expect(LOG_LABELS[action][lang]).toBeTruthy();
    }
  });

  it('say the new kinds with their details', async () => {
    const t = await translator(lang);
    const say = (action: LogAction, detail?: LogEntry['detail']) => logSentence(t, entry(action, detail), sections, lang);
    expect(say('timer-set')).toContain('05:00');
    expect(say('timer-added')).toContain('01:00');
    const taken = say('timer-added', { ms: -120_000, durationMs: 180_000 });
    expect(taken).toContain('02:00');
    expect(taken).not.toBe(say('timer-added', { ms: 120_000, durationMs: 420_000 })); // taking time off is not adding it
    expect(say('results-used')).toContain('Which first?');
    expect(say('hand-cleared')).toContain('Mair');
    expect(say('hand-cleared', { participantId: 'p', participantName: null })).toContain(t('log.someone'));
  });
});
