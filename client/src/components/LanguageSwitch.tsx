import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/i18nText.js';
import { currentLanguage, setLanguage } from '../i18n.js';

/** English / Cymraeg toggle. Each language is named in its own language. */
export function LanguageSwitch({ onChange }: { onChange?: (lang: Language) => void }) {
  const { t, i18n } = useTranslation();
  const current = currentLanguage();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.switchLabel')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          className="lang-switch__button"
          lang={lang}
          aria-pressed={current === lang}
          onClick={() => {
            setLanguage(lang);
            onChange?.(lang);
          }}
        >
          <span className="lang-switch__long">{i18n.getFixedT(lang)('language.ownName')}</span>
          <span className="lang-switch__short" aria-hidden="true">
            {lang.toUpperCase()}
          </span>
        </button>
      ))}
    </div>
  );
}
