import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSummary } from '../../../shared/api.js';
import type { KnownMe } from '../api.js';
import type { StoredIdentity } from '../identity.js';
import { useBoardConnection } from '../hooks/useBoardConnection.js';
import { useSession } from '../hooks/useSession.js';
import { BoardContent } from './BoardContent.js';
import { VotingProvider } from './voting/VotingContext.js';
import { BoardHeader } from './board/BoardHeader.js';
import { liveRole, useRemoval, useSessionEnded } from '../hooks/useFacilitation.js';
import { RemovedPage } from './facilitation/RemovedPage.js';
import { BoardDeletedPage } from './deletion/BoardDeletedPage.js';
import { useBoardDeleted } from './deletion/useBoardDeleted.js';

export interface BoardViewProps {
  boardId: string;
  identity: StoredIdentity;
  me: KnownMe;
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
  const deleted = useBoardDeleted(boardId, session.socket, connection);
  const role = liveRole(session.presence, session.me?.participantId ?? props.me.participantId, session.me?.role ?? props.me.role);
  const title = session.board?.title ?? props.board?.title ?? identity.title ?? '';
  const { t } = useTranslation();

  useEffect(() => {
    if (removal.removed || deleted) return;
    document.title = title ? `${title} – ${t('app.name')}` : t('app.name');
  }, [title, t, removal.removed, deleted]);

  if (deleted) return <BoardDeletedPage reason={deleted} />;
  if (removal.removed) return <RemovedPage />;
  const myName = session.me?.name ?? props.me.name;
  return connection.conn ? (
    <VotingProvider session={session} me={props.me}>
      <BoardContent {...props} conn={connection.conn} connection={connection} session={session} title={title} />
    </VotingProvider>
  ) : (
    <>
      <BoardHeader title={title} status={connection.status} myName={myName} isFacilitator={role === 'facilitator'} />
      <main id="main" className="board-main" tabIndex={-1}>
        <p className="status-text" role="status">
          {t('board.loading')}
        </p>
      </main>
    </>
  );
}
