import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits.js';

/** "Your name" with its hint: the same field on the home page (facilitator) and the join page. */
export function NameField({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-name`}>
        {t('join.nameLabel')}
      </label>
      <p className="field__hint" id={`${id}-name-hint`}>
        {t('join.nameHint')}
      </p>
      <input
        id={`${id}-name`}
        className="input"
        type="text"
        required
        maxLength={LIMITS.nameMax}
        autoComplete="given-name"
        aria-describedby={`${id}-name-hint`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
