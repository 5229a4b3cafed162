import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceEntry } from '../../../../shared/session.js';
import { voteErrorText } from './text.js';
import { useVotingModel } from './VotingContext.js';

/**
 * In the presence list: marks people who help others in the room vote (everyone can see who may
 * do that), and gives the facilitator the "Allow to vote for people in the room" switch.
 */
export function PresenceVoteExtras({ person }: { person: PresenceEntry }) {
  const { t } = useTranslation();
  const model = useVotingModel();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The choice just made, shown until the presence list confirms it. */
  const [wanted, setWanted] = useState<boolean | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the wish is dropped once the presence list says what was decided.
  useEffect(() => setWanted(null), [person.canAssist]);
  if (!model) return null;
  const canBeAllowed = !person.inRoom && person.role !== 'facilitator' && person.participantId !== model.myId;

  return (
    <>
      {person.canAssist && person.role !== 'facilitator' && <span className="badge badge--helper">{t('assist.canHelp')}</span>}
      {model.isFacilitator && canBeAllowed && (
        <label className="assist-toggle">
          <input
            type="checkbox"
            checked={wanted ?? person.canAssist}
            // The visible words first, then whose (the list has one of these per person).
            aria-label={`${t('assist.allow')}: ${person.name}`}
            aria-disabled={busy}
            onChange={async (e) => {
              if (busy) return;
              const allowed = e.target.checked;
              setBusy(true);
              setError(null);
              setWanted(allowed);
              const res = await model.allowAssist(person.participantId, allowed);
              setBusy(false);
              if (!res.ok) {
                setWanted(null);
                setError(voteErrorText(t, res.code));
              }
            }}
          />
          <span>{t('assist.allow')}</span>
        </label>
      )}
      {error && (
        <span className="assist-toggle__error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
