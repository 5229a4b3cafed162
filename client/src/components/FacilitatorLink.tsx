import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Facilitator only, tucked away at the bottom: their own link, for opening the board elsewhere. */
export function FacilitatorLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <details className="facilitator-link">
      <summary>{t('joinLink.facilitatorSummary')}</summary>
      <p className="panel__hint" id={`${id}-hint`}>
        {t('joinLink.facilitatorHint')}
      </p>
      <label className="field__label" htmlFor={`${id}-input`}>
        {t('joinLink.facilitatorLabel')}
      </label>
      <input
        id={`${id}-input`}
        className="input invite__input"
        type="text"
        readOnly
        value={url}
        aria-describedby={`${id}-hint`}
        onFocus={(e) => e.currentTarget.select()}
      />
    </details>
  );
}
