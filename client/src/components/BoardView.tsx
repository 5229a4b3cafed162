import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSummary } from '../../../shared/api.js';
import type { MeLite as Me } from '../api.js';
import type { StoredIdentity } from '../identity.js';
import { useBoardConnection } from '../hooks/useBoardConnection.js';
import { useSession } from '../hooks/useSession.js';
import { BoardContent } from './BoardContent.js';
import { VotingProvider } from './voting/VotingContext.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { DisplaySettingsButton } from './inclusion/DisplaySettingsButton.js';
import { liveRole, useRemoval, useSessionEnded } from '../hooks/useFacilitation.js';
import { RemovedPage } from './facilitation/RemovedPage.js';

export interface BoardViewProps {
  boardId: string;
  identity: StoredIdentity;
  me: Me;
  board: BoardSummary | null;
  onAuthRejected: () => void;
}

/** The live board: connects the doc (y-websocket + IndexedDB) and the session (socket.io). */
export function BoardView(props: BoardViewProps) {
  const { boardId, identity, onAuthRejected } = props;
  // The doc channel calls this only when it closes with 'removed' (shared/session.ts DOC_CLOSE).
  const removal = useRemoval(boardId);
  const connection = useBoardConnection(boardId, identity.token, removal.markRemoved);
  const session = useSession(boardId, identity.token, onAuthRejected);
  useSessionEnded(session.socket, removal.markRemoved);
  const role = liveRole(session.presence, session.me?.participantId ?? props.me.participantId, session.me?.role ?? props.me.role);
  const title = session.board?.title ?? props.board?.title ?? identity.title ?? '';
  const { t } = useTranslation();

  useEffect(() => {
    if (removal.removed) return;
    document.title = title ? `${title} – ${t('app.name')}` : t('app.name');
  }, [title, t, removal.removed]);

  if (removal.removed) return <RemovedPage />;
  return (
    <>
      <header className="board-header">
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <div className="board-header__inner">
          <div className="board-header__title">
            <a href="/" className="brand brand--small" aria-label={t('app.name')}>
              <span className="brand__mark" aria-hidden="true" />
            </a>
            <h1>{title || t('board.untitled')}</h1>
          </div>
          <ConnectionStatus status={connection.status} />
          <div className="board-header__end">
            <p className="board-header__me">
              {t('board.youAre', { name: session.me?.name ?? props.me.name })}
              {role === 'facilitator' && (
                <span className="badge badge--facilitator">{t('role.facilitator')}</span>
              )}
            </p>
            <DisplaySettingsButton />
            <LanguageSwitch />
          </div>
        </div>
      </header>
      {connection.conn ? (
        <VotingProvider session={session} me={props.me}>
          <BoardContent {...props} conn={connection.conn} connection={connection} session={session} />
        </VotingProvider>
      ) : (
        <main id="main" className="board-main" tabIndex={-1}>
          <p className="status-text" role="status">
            {t('board.loading')}
          </p>
        </main>
      )}
    </>
  );
}
