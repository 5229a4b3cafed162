import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../shared/i18nText.js';
import { TEMPLATE_IDS, TEMPLATES, type TemplateId } from '../../../shared/templates.js';
import { currentLanguage } from '../i18n.js';

/** Radio cards: each template's name, description and steps, in the reader's language. */
export function TemplatePicker({ value, onChange }: { value: TemplateId; onChange: (id: TemplateId) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const name = useId();
  return (
    <fieldset className="field template-picker">
      <legend className="field__label">{t('home.templateLabel')}</legend>
      <p className="field__hint">{t('home.templateHint')}</p>
      <div className="template-picker__options">
        {TEMPLATE_IDS.map((id) => {
          const tpl = TEMPLATES[id];
          const descId = `${name}-${id}-desc`;
          const stepsId = `${name}-${id}-steps`;
          return (
            <label key={id} className="template-card">
              <input
                type="radio"
                name={name}
                value={id}
                checked={value === id}
                aria-describedby={`${descId} ${stepsId}`}
                onChange={() => onChange(id)}
              />
              <span className="template-card__body">
                <span className="template-card__name">{pick(tpl.name, lang)}</span>
                <span className="template-card__desc" id={descId}>
                  {pick(tpl.description, lang)}
                </span>
                <span className="template-card__steps" id={stepsId}>
                  {t('home.templateSteps', { steps: tpl.sections.map((s) => pick(s.title, lang)).join(' · ') })}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
