import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../PageHeader.js';

/** Shown instead of the board once the facilitator has removed this person. */
export function RemovedPage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('removed.heading')} – ${t('app.name')}`;
    document.getElementById('main')?.focus();
  }, [t]);
  return (
    <>
      <PageHeader />
      <main id="main" className="page page--narrow removed-page" tabIndex={-1}>
        <h1>{t('removed.heading')}</h1>
        <p className="lead">{t('removed.body')}</p>
        <p>{t('removed.help')}</p>
        <p>
          <a href="/">{t('removed.home')}</a>
        </p>
      </main>
    </>
  );
}
