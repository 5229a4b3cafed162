import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../PageHeader.js';
import type { DeletionReason } from './boardDeletion.js';

/** Shown instead of the board to everyone on it when it is deleted; this device's copy is cleared already. */
export function BoardDeletedPage({ reason }: { reason: DeletionReason }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('deletion.deletedHeading')} – ${t('app.name')}`;
    document.getElementById('main')?.focus();
  }, [t]);
  return (
    <>
      <PageHeader />
      <main id="main" className="page page--narrow removed-page" tabIndex={-1}>
        <h1>{t('deletion.deletedHeading')}</h1>
        <p className="lead">{reason === 'retention' ? t('deletion.deletedByRetention') : t('deletion.deletedByFacilitator')}</p>
        <p>{t('deletion.deviceCleared')}</p>
        <p>
          <a href="/">{t('deletion.home')}</a>
        </p>
      </main>
    </>
  );
}
