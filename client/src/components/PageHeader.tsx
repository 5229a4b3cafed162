import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.js';
import { DisplaySettingsButton } from './inclusion/DisplaySettingsButton.js';

/** The simple header of the home and join pages. */
export function PageHeader({ showLanguageSwitch = true }: { showLanguageSwitch?: boolean }) {
  const { t } = useTranslation();
  return (
    <header className="page-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="page-header__inner">
        <a href="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span>{t('app.name')}</span>
        </a>
        <div className="page-header__tools">
          <DisplaySettingsButton />
          {showLanguageSwitch && <LanguageSwitch />}
        </div>
      </div>
    </header>
  );
}
