import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTICIPANT_GROUPS, type ParticipantGroup } from '../../../shared/participants.js';

/** "Which of these describes you best?" as radio buttons with plain-language labels. */
export function GroupRadios({
  value,
  onChange,
  legend,
}: {
  value: ParticipantGroup | null;
  onChange: (group: ParticipantGroup) => void;
  legend?: string;
}) {
  const { t } = useTranslation();
  const name = useId();
  const hintId = `${name}-hint`;
  return (
    <fieldset className="field radio-list" aria-describedby={hintId}>
      <legend className="field__label">{legend ?? t('group.question')}</legend>
      <p className="field__hint" id={hintId}>
        {t('group.hint')}
      </p>
      {PARTICIPANT_GROUPS.map((g) => (
        <label key={g} className="radio-option">
          <input type="radio" name={name} value={g} checked={value === g} required onChange={() => onChange(g)} />
          <span>{t(`group.choice.${g}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
