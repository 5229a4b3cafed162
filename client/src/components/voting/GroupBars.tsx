import { useTranslation } from 'react-i18next';
import { PARTICIPANT_GROUPS } from '../../../../shared/participants.js';
import type { GroupCounts, NoteTally } from '../../../../shared/votes.js';

const scales = new WeakMap<readonly NoteTally[], number>();

/**
 * The one scale for every group bar of a round: the most dots any group gave any note. So one
 * dot is the same length on every note (never a full bar on one card and a quarter on another).
 */
export function groupScale(tallies: readonly NoteTally[]): number {
  let scale = scales.get(tallies);
  if (scale === undefined) {
    scale = Math.max(1, ...tallies.flatMap((t) => PARTICIPANT_GROUPS.map((g) => t.byGroup[g] ?? 0)));
    scales.set(tallies, scale);
  }
  return scale;
}

/**
 * Where a note's dots came from, by participant group: every group, with its number (groups
 * that gave none show "No dots"), and a bar on the round's common scale. The words and numbers
 * carry the meaning; the bars only help the eye.
 */
export function GroupBars({
  byGroup,
  total,
  label,
  scale,
  compact = false,
}: {
  byGroup: GroupCounts;
  total: number;
  label: string;
  scale: number;
  /** On a note: the number shows, the words ("2 dots") are for assistive tech. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  if (total <= 0) return null;
  return (
    <ul className={`group-bars${compact ? ' group-bars--compact' : ''}`} aria-label={label}>
      {PARTICIPANT_GROUPS.map((g) => {
        const count = byGroup[g] ?? 0;
        return (
          <li key={g} className={`group-bars__row group-bars__row--${g}${count === 0 ? ' group-bars__row--none' : ''}`}>
            <span className="group-bars__label">{t(`group.short.${g}`)}</span>
            <span className="group-bars__track" aria-hidden="true">
              {count > 0 && <span className="group-bars__fill" style={{ width: `${Math.round((count / Math.max(1, scale)) * 100)}%` }} />}
            </span>
            {compact ? (
              <span className="group-bars__count">
                <span aria-hidden="true">{count}</span>
                <span className="visually-hidden">{t('vote.dots', { count })}</span>
              </span>
            ) : (
              <span className="group-bars__count">{t('vote.dots', { count })}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
