import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { parseRoute, usePathname } from './router.js';
import { HomePage } from './pages/HomePage.js';
import { JoinPage } from './pages/JoinPage.js';
import { BoardPage } from './pages/BoardPage.js';
import { PlanPage } from './pages/PlanPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';

export function App() {
  const pathname = usePathname();
  const route = parseRoute(pathname);
  const { t } = useTranslation();

  useEffect(() => {
    if (route.name !== 'board' && route.name !== 'plan') document.title = t('app.name');
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
    default:
      return <NotFoundPage />;
  }
}
