import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSummary } from '../../../shared/api.js';
import { ApiRequestError, getMe, isRejection, type KnownMe } from '../api.js';
import { deleteOfflineCopy } from '../components/deletion/boardDeletion.js';
import { clearIdentity, loadIdentity, updateIdentity, type StoredIdentity } from '../identity.js';
import { defaultLanguageFor, setLanguage, storedLanguage } from '../i18n.js';
import { joinPath, keyFromHash, navigate } from '../router.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

// The board (Yjs, sockets, drag and drop) loads only when needed: the home and join pages stay light.
const loadBoardView = () => import('../components/BoardView.js');
const BoardView = lazy(() => loadBoardView().then((m) => ({ default: m.BoardView })));

type State =
  | { kind: 'checking' }
  | { kind: 'no-identity' }
  | { kind: 'ready'; identity: StoredIdentity; me: KnownMe; board: BoardSummary | null };

function rejoinKey(identity: StoredIdentity): string | undefined {
  if (identity.joinKey) return identity.joinKey;
  if (identity.facilitatorUrl) {
    try {
      return keyFromHash(new URL(identity.facilitatorUrl).hash) ?? undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** /board/:boardId — checks who this device is on the board (GET /me), then shows the board. */
export function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'checking' });
  const checking = useRef(false);

  const sendToJoin = useCallback(
    (identity: StoredIdentity) => {
      clearIdentity(boardId);
      navigate(joinPath(boardId, rejoinKey(identity)), { replace: true });
    },
    [boardId],
  );

  const check = useCallback(async () => {
    if (checking.current) return;
    checking.current = true;
    const identity = loadIdentity(boardId);
    if (!identity) {
      setState({ kind: 'no-identity' });
      checking.current = false;
      return;
    }
    try {
      const { me, board } = await getMe(boardId, identity.token);
      updateIdentity(boardId, { title: board.title, boardLanguage: board.language, name: me.name, authorKey: me.authorKey });
      if (!storedLanguage()) setLanguage(defaultLanguageFor(board.language), false);
      setState({ kind: 'ready', identity: { ...identity, authorKey: me.authorKey }, me, board });
    } catch (err) {
      if (isRejection(err)) {
        // No such board (deleted while this device was away): its offline copy goes too.
        if (err instanceof ApiRequestError && err.status === 404) void deleteOfflineCopy(boardId);
        sendToJoin(identity);
      } else {
        // Offline or the server is down: work from this device's copy; changes are sent later.
        setState((s) =>
          s.kind === 'ready'
            ? s
            : {
                kind: 'ready',
                identity,
                me: {
                  participantId: identity.participantId,
                  name: identity.name ?? '',
                  group: 'unspecified',
                  role: identity.role,
                  authorKey: identity.authorKey,
                },
                board: null,
              },
        );
      }
    } finally {
      checking.current = false;
    }
  }, [boardId, sendToJoin]);

  useEffect(() => {
    // The board's code loads while GET /me is answered, not after.
    void loadBoardView();
    void check();
  }, [check]);

  if (state.kind === 'ready') {
    return (
      <Suspense
        fallback={
          <p className="status-text" role="status">
            {t('board.loading')}
          </p>
        }
      >
        <BoardView boardId={boardId} identity={state.identity} me={state.me} board={state.board} onAuthRejected={() => void check()} />
      </Suspense>
    );
  }
  return (
    <>
      <PageHeader />
      <main id="main" className="page page--narrow" tabIndex={-1}>
        {state.kind === 'checking' ? (
          <p className="status-text" role="status">
            {t('board.loading')}
          </p>
        ) : (
          <>
            <h1>{t('board.notJoinedHeading')}</h1>
            <ErrorMessage>{t('board.notJoined')}</ErrorMessage>
          </>
        )}
      </main>
    </>
  );
}
