import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { parseRoute, usePathname } from './router.js';
import { HomePage } from './pages/HomePage.js';
import { JoinPage } from './pages/JoinPage.js';
import { BoardPage } from './pages/BoardPage.js';
import { PlanPage } from './pages/PlanPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PageHeader } from './components/PageHeader.js';

// The privacy notice and the accessibility statement (code and text) load only when opened.
const InfoPage = lazy(() => import('./pages/InfoPage.js').then((m) => m.infoReady.then(() => ({ default: m.InfoPage }))));

function InfoLoading() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader />
      <main id="main" className="page page--narrow" tabIndex={-1}>
        <p className="status-text" role="status">
          {t('infoLinks.loading')}
        </p>
      </main>
    </>
  );
}

export function App() {
  const pathname = usePathname();
  const route = parseRoute(pathname);
  const { t } = useTranslation();

  useEffect(() => {
    // The board, plan, privacy and accessibility pages set their own titles.
    if (route.name === 'home' || route.name === 'join' || route.name === 'not-found') document.title = t('app.name');
  }, [route.name, t]);

  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'join':
      return <JoinPage key={route.boardId} boardId={route.boardId} />;
    case 'board':
      return <BoardPage key={route.boardId} boardId={route.boardId} />;
    case 'plan':
      return <PlanPage key={route.boardId} boardId={route.boardId} />;
    case 'privacy':
    case 'accessibility':
      return (
        <Suspense fallback={<InfoLoading />}>
          <InfoPage page={route.name} />
        </Suspense>
      );
    default:
      return <NotFoundPage />;
  }
}
