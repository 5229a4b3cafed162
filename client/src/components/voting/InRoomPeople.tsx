import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';
import { PARTICIPANT_GROUPS, type ParticipantGroup } from '../../../../shared/participants.js';
import { useBoard } from '../../board/BoardContext.js';
import { focusById } from '../../board/focus.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { voteErrorText } from './text.js';
import { useVotingModel } from './VotingContext.js';
import { Button } from '../ui/Button.js';

/**
 * People taking part in the room without a device. The facilitator adds them (name and group);
 * while a vote is open, the facilitator and anyone they allowed can "Vote for" each of them:
 * that person's own dots, never extra dots for the helper.
 */
export function InRoomPeople() {
  const { t } = useTranslation();
  const { announce } = useBoard();
  const model = useVotingModel();
  const id = useId();
  const [name, setName] = useState('');
  const [group, setGroup] = useState<ParticipantGroup | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!model) return null;
  const { isFacilitator, canAssist, inRoomPeople, round, actingFor } = model;
  if (!isFacilitator && !(canAssist && round && inRoomPeople.length > 0)) return null;

  async function add(e: FormEvent) {
    e.preventDefault();
    if (busy || !model) return;
    if (!name.trim()) return setError(t('assist.needName'));
    if (!group) return setError(t('assist.needGroup'));
    setBusy(true);
    setError(null);
    const res = await model.addInRoom(name.trim(), group);
    setBusy(false);
    if (!res.ok) return setError(voteErrorText(t, res.code));
    announce(t('assist.added', { name: res.data.name }));
    setName('');
    setGroup('');
    focusById(`${id}-name`);
  }

  const people = (
    <>
      {inRoomPeople.length === 0 ? (
        <p className="panel__hint">{t('assist.none')}</p>
      ) : (
        <ul className="in-room__list">
          {inRoomPeople.map((p) => {
            const current = actingFor?.participantId === p.participantId;
            return (
              <li key={p.participantId} className={`in-room__person${current ? ' in-room__person--current' : ''}`}>
                <span className="in-room__name">{p.name}</span>
                <span className="badge">{t(`group.short.${p.group}`)}</span>
                {round && canAssist && (
                  <Button
                    size="sm"
                    variant={current ? 'secondary' : 'primary'}
                    onClick={() => model.setActingFor(current ? null : p.participantId)}
                  >
                    {current ? t('assist.stop') : t('assist.voteFor', { name: p.name })}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );

  return (
    <details className="in-room" open={round !== null && inRoomPeople.length > 0 ? true : undefined}>
      <summary>
        {t('assist.heading')} ({inRoomPeople.length})
      </summary>
      <div className="in-room__body">
        <p className="panel__hint">{t(round && canAssist ? 'assist.introVoting' : 'assist.intro')}</p>
        {people}
        {isFacilitator && (
          <form className="in-room__form" onSubmit={(e) => void add(e)} noValidate>
            <div className="in-room__field">
              <label className="field__label" htmlFor={`${id}-name`}>
                {t('assist.nameLabel')}
              </label>
              <input
                id={`${id}-name`}
                className="input input--small"
                value={name}
                maxLength={LIMITS.nameMax}
                autoComplete="off"
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="in-room__field">
              <label className="field__label" htmlFor={`${id}-group`}>
                {t('assist.groupLabel')}
              </label>
              <select
                id={`${id}-group`}
                className="select input--small"
                value={group}
                onChange={(e) => setGroup(e.target.value as ParticipantGroup | '')}
              >
                <option value="">{t('assist.groupChoose')}</option>
                {PARTICIPANT_GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {t(`group.short.${g}`)}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" aria-disabled={busy}>
              {t('assist.add')}
            </Button>
            <ErrorMessage>{error}</ErrorMessage>
          </form>
        )}
      </div>
    </details>
  );
}
