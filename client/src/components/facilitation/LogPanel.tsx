import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SectionView } from '../../../../shared/boardDoc.js';
import { pick, type Language } from '../../../../shared/i18nText.js';
import { useBoard } from '../../board/BoardContext.js';
import type { LogEntry } from '../../../../shared/facilitatorLog.js';
import { formatTime } from './text.js';
import { formatClock } from './timer.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** One translated sentence for a log entry (who did it is shown beside it). */
export function logSentence(t: TFunction, entry: LogEntry, sections: SectionView[], lang: Language): string {
  const d = entry.detail;
  const name = str(d.participantName) || t('log.someone');
  switch (entry.action) {
    case 'step-changed': {
      if (d.step === null || d.step === undefined) return t('log.actions.step-cleared');
      const section = sections.find((s) => s.id === d.step);
      return t('log.actions.step-changed', { step: section ? pick(section.title, lang) : str(d.title) || str(d.step) });
    }
    case 'locked':
      return t('log.actions.locked');
    case 'unlocked':
      return t('log.actions.unlocked');
    case 'anonymity-changed':
      return t(d.anonymous ? 'log.actions.anonymity-on' : 'log.actions.anonymity-off');
    case 'participant-removed':
      return t('log.actions.participant-removed', { name });
    case 'role-changed':
      return t(d.facilitator ? 'log.actions.role-given' : 'log.actions.role-taken', { name });
    case 'link-rotated':
      return t('log.actions.link-rotated');
    case 'share-link-created':
      return t('log.actions.share-link-created');
    case 'vote-opened':
      return t('log.actions.vote-opened', { title: str(d.title), count: num(d.budget) });
    case 'vote-closed':
      return t('log.actions.vote-closed', { title: str(d.title), count: num(d.voters) });
    case 'assisted-ballot':
      return t('log.actions.assisted-ballot', { name });
    case 'in-room-participant-added':
      return t('log.actions.in-room-participant-added', { name });
    case 'assist-permission-changed':
      return t(d.allowed ? 'log.actions.assist-on' : 'log.actions.assist-off', { name });
    case 'timer-set':
      return t('log.actions.timer-set', { time: formatClock(num(d.durationMs)) });
    case 'timer-added': {
      const ms = num(d.ms);
      return t(ms < 0 ? 'log.actions.timer-taken' : 'log.actions.timer-added', { time: formatClock(Math.abs(ms)) });
    }
    case 'timer-started':
      return t('log.actions.timer-started');
    case 'timer-paused':
      return t('log.actions.timer-paused');
    case 'timer-cleared':
      return t('log.actions.timer-cleared');
    case 'break-cleared':
      return t('log.actions.break-cleared');
    case 'results-used':
      return t('log.actions.results-used', { title: str(d.title) });
    case 'hand-cleared':
      return t('log.actions.hand-cleared', { name });
    default:
      return t('log.actions.unknown');
  }
}

/** "What the facilitator did" (its drawer): every logged action, newest first, for everyone to read. */
export function LogList({ log }: { log: LogEntry[] | null }) {
  const { t } = useTranslation();
  const { sections, lang } = useBoard();
  const entries = [...(log ?? [])].reverse();
  return (
    <>
      <p className="panel__hint">{t('log.intro')}</p>
      {log === null ? (
        <p role="status">{t('log.loading')}</p>
      ) : entries.length === 0 ? (
        <p>{t('log.empty')}</p>
      ) : (
        <ol className="flog" aria-label={t('log.heading')}>
          {entries.map((e) => (
            <li key={e.id} className="flog__entry">
              <time className="flog__time" dateTime={new Date(e.at).toISOString()}>
                {formatTime(e.at, lang)}
              </time>
              <span className="flog__who">{e.actorName}</span>
              <span className="flog__what">{logSentence(t, e, sections, lang)}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
