import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.js';

// The plan view (and its schema) loads only when someone opens a plan.
const PlanScreen = lazy(() => import('../components/plan/PlanScreen.js').then((m) => ({ default: m.PlanScreen })));

/** /plan/:boardId — the agreed plan, read-only and printable. */
export function PlanPage({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  return (
    <div className="plan-route">
      <PageHeader />
      <Suspense
        fallback={
          <main id="main" className="page plan-page" tabIndex={-1}>
            <p className="status-text" role="status">
              {t('plan.loading')}
            </p>
          </main>
        }
      >
        <PlanScreen boardId={boardId} />
      </Suspense>
    </div>
  );
}
