import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.js';
import { InfoFooter } from '../components/InfoFooter.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader />
      <main id="main" className="page page--narrow" tabIndex={-1}>
        <h1>{t('notFound.heading')}</h1>
        <p>{t('notFound.body')}</p>
        <p>
          <a href="/">{t('notFound.home')}</a>
        </p>
      </main>
      <InfoFooter />
    </>
  );
}
