import { useTranslation } from 'react-i18next';
import { PARTICIPANT_GROUPS } from '../../../../shared/participants.js';
import type { GroupCounts } from '../../../../shared/votes.js';

/**
 * Where a note's dots came from, by participant group: a labelled bar and a number for each
 * group that gave dots. The words and numbers carry the meaning; the bars only help the eye.
 */
export function GroupBars({ byGroup, total, label }: { byGroup: GroupCounts; total: number; label: string }) {
  const { t } = useTranslation();
  const rows = PARTICIPANT_GROUPS.filter((g) => byGroup[g] > 0);
  if (rows.length === 0 || total <= 0) return null;
  return (
    <ul className="group-bars" aria-label={label}>
      {rows.map((g) => (
        <li key={g} className={`group-bars__row group-bars__row--${g}`}>
          <span className="group-bars__label">{t(`group.short.${g}`)}</span>
          <span className="group-bars__track" aria-hidden="true">
            <span className="group-bars__fill" style={{ width: `${Math.max(4, Math.round((byGroup[g] / total) * 100))}%` }} />
          </span>
          <span className="group-bars__count">{t('vote.dots', { count: byGroup[g] })}</span>
        </li>
      ))}
    </ul>
  );
}
