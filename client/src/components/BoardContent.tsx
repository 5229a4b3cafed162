import { takeFreshClientId } from '../board/clientId.js';
import { Suspense, memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../shared/i18nText.js';
import { BoardContext, BoardCoreContext, useBoardCore, type BoardContextValue, type BoardCore } from '../board/BoardContext.js';
import { NoteUiState } from '../board/noteUi.js';
import { NoteViewStore } from '../board/noteView.js';
import { BoardTContext } from '../board/boardT.js';
import { currentLanguage } from '../i18n.js';
import type { BoardConnection, ConnectionState } from '../hooks/useBoardConnection.js';
import { useBoardStore, useGroups, useSections } from '../hooks/useBoardModel.js';
import { describeRemoteChanges, useRemoteNoteAnnouncements } from '../hooks/useRemoteNoteAnnouncements.js';
import type { SessionState } from '../hooks/useSession.js';
import { useUndo, useUndoShortcuts } from '../hooks/useUndo.js';
import { BoardSections } from './BoardSections.js';
import type { BoardViewProps } from './BoardView.js';
import { DocErrorBanner } from './DocErrorBanner.js';
import { LiveRegion } from './LiveRegion.js';
import { UndoRedoBar } from './UndoRedoBar.js';
import { liveRole, useAuthorNames, useFacilitation, type Facilitation } from '../hooks/useFacilitation.js';
import { FacilitationLayer } from './facilitation/FacilitationLayer.js';
import { FacilitationViewContext, type FacilitationView } from './facilitation/FacilitationViewContext.js';
import { SessionBar } from './facilitation/SessionBar.js';
import { lazyNamed } from '../board/lazy.js';
import { useViewMode } from '../hooks/useViewMode.js';
import { useEasyRead, useEasyReadMarker } from '../hooks/useEasyRead.js';
import { usePriorities } from '../hooks/usePriorities.js';
import { useActionList } from '../hooks/useActions.js';
import { BoardUiProvider, useBoardUi } from './board/BoardUi.js';
import { BoardHeader } from './board/BoardHeader.js';
import { BoardToolbar } from './board/BoardToolbar.js';
import { BoardDrawers } from './board/BoardDrawers.js';
import { SectionTabs } from './board/SectionTabs.js';
import { NoteWatch } from './notes/NoteWatch.js';
import { WritingProvider } from './notes/writing.js';
import { Banner } from './ui/Banner.js';
import { useVotingModel } from './voting/VotingContext.js';
import { VoteDock } from './voting/VoteDock.js';

// What is drawn once per board and does not depend on BoardContent's own state is memoised, so a
// change of presence, undo state or facilitation does not re-render every note.
const BoardSectionsMemo = memo(BoardSections);
// Loaded when first drawn: the list view when someone chooses it (facilitator-only tools load in
// their drawers).
const ListViewMemo = memo(lazyNamed(() => import('./inclusion/ListView.js'), 'ListView'));

/** The same Map while its entries are the same, so a presence change that renames nobody re-renders no note. */
function useStableMap<K, V>(map: Map<K, V>): Map<K, V> {
  const ref = useRef(map);
  const prev = ref.current;
  if (prev !== map && (prev.size !== map.size || [...map].some(([k, v]) => prev.get(k) !== v))) ref.current = map;
  return ref.current;
}

/** The board once its doc exists: sections and notes, undo, presence, announcements. */
export function BoardContent({
  boardId,
  identity,
  me,
  conn,
  connection,
  session,
  title,
}: BoardViewProps & { conn: BoardConnection; connection: ConnectionState; session: SessionState; title: string }) {
  const { t } = useTranslation();
  const { doc, provider, undoManager } = conn;
  const lang = currentLanguage();
  const store = useBoardStore(doc);
  const sections = useSections(doc);
  const groups = useGroups(doc);
  const [live, setLive] = useState({ message: '', serial: 0 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new doc (another board) starts with no menu or editor open.
  const noteUi = useMemo(() => new NoteUiState(), [doc]);
  const optionsVersion = useSyncExternalStore(
    useCallback((cb: () => void) => noteUi.subscribe('*', cb), [noteUi]),
    noteUi.getVersion,
  );
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const [dismissedError, setDismissedError] = useState<string | null>(null);

  const announce = useCallback((message: string) => setLive((l) => ({ message, serial: l.serial + 1 })), []);

  // Facilitation: the role is read live (co-facilitation); while locked, participants only read.
  const myId = session.me?.participantId ?? me.participantId;
  const isFacilitator = liveRole(session.presence, myId, session.me?.role ?? me.role) === 'facilitator';
  const fac = useFacilitation(session.socket, boardId, isFacilitator);
  const readOnly = (fac.state?.locked ?? false) && !isFacilitator;
  const authorNames = useStableMap(useAuthorNames(fac.people, fac.state?.anonymous ?? false));
  const facView = useMemo<FacilitationView>(
    () => ({
      readOnly,
      currentStep: fac.state?.step ?? null,
      anonymous: fac.state?.anonymous ?? false,
      authorName: (key) => authorNames.get(key) ?? null,
    }),
    [readOnly, fac.state?.step, fac.state?.anonymous, authorNames],
  );

  useEffect(() => {
    if (session.storage === 'ok') announce(t('storage.ok'));
  }, [session.storage, announce, t]);

  const undo = useUndo(undoManager);
  const onUndo = useCallback(() => {
    if (readOnly) return announce(t('facilitation.lockedBanner'));
    announce(undo.undo() ? t('undo.undone') : t('undo.nothingToUndo'));
  }, [undo, announce, t, readOnly]);
  const onRedo = useCallback(() => {
    if (readOnly) return announce(t('facilitation.lockedBanner'));
    announce(undo.redo() ? t('undo.redone') : t('undo.nothingToRedo'));
  }, [undo, announce, t, readOnly]);
  useUndoShortcuts(onUndo, onRedo);

  const namedKey = session.me?.authorKey ?? me.authorKey ?? identity.authorKey;
  const anonKey = session.me?.anonAuthorKey ?? me.anonAuthorKey ?? null;
  // While the board is anonymous, new notes carry a key the server never links to anyone, so
  // switching anonymity off later cannot reveal who wrote them.
  const authorKey = fac.state?.anonymous && anonKey ? anonKey : namedKey;
  const myAuthorKeys = useMemo(() => new Set([namedKey, ...(anonKey ? [anonKey] : [])]), [namedKey, anonKey]);
  // A fresh client id whenever anonymity is switched, so nothing written while anonymous is tied
  // by writer id to this person's named changes (board/clientId.ts).
  const anonymousNow = fac.state?.anonymous ?? null;
  const lastAnonymous = useRef<boolean | null>(null);
  useEffect(() => {
    if (anonymousNow === null) return;
    if (lastAnonymous.current !== null && lastAnonymous.current !== anonymousNow) takeFreshClientId(doc, provider.awareness);
    lastAnonymous.current = anonymousNow;
  }, [anonymousNow, doc, provider]);
  // What other people do, said politely and in batches: by name unless the board is anonymous.
  const nameOf = (key: string) => authorNames.get(key) ?? null;
  useRemoteNoteAnnouncements(
    doc,
    provider,
    sections,
    (changes) => {
      const title = (id: string) => {
        const s = sections.find((x) => x.id === id);
        return s ? pick(s.title, lang) : null;
      };
      const message = describeRemoteChanges(changes, t, title, nameOf);
      if (message) announce(message);
    },
    { myAuthorKeys, isKnown: (key) => nameOf(key) !== null },
  );
  // What note cards show from outside the note, in a store they select from (board/noteView.ts):
  // the names arriving, or the lock, re-render only the cards whose selection changed.
  const [noteView] = useState(() => new NoteViewStore({ readOnly, myAuthorKeys, authorNames }));
  useLayoutEffect(() => noteView.set({ readOnly, myAuthorKeys, authorNames }), [noteView, readOnly, myAuthorKeys, authorNames]);
  const core = useMemo<BoardCore>(
    () => ({ doc, store, noteUi, undoManager, noteView, lang, announce }),
    [doc, store, noteUi, undoManager, noteView, lang, announce],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: optionsVersion makes readers of isOptionsOpen through this context re-render when it changes.
  const value = useMemo<BoardContextValue>(
    () => ({
      ...core,
      authorKey,
      myAuthorKeys,
      sections,
      groups,
      isOptionsOpen: noteUi.isOptionsOpen,
      setOptionsOpen: noteUi.setOptionsOpen,
      draggingId,
    }),
    [core, authorKey, myAuthorKeys, sections, groups, noteUi, optionsVersion, draggingId],
  );

  const people = fac.people;
  const nameOfPerson = useCallback(
    (participantId: string) => people?.find((p) => p.participantId === participantId)?.name ?? null,
    [people],
  );
  const loading = sections.length === 0 && !connection.synced;
  const sectionKey = sections.map((s) => s.id).join(' ');
  const sectionIds = useMemo(() => (sectionKey ? sectionKey.split(' ') : []), [sectionKey]);
  const rawDocError = session.docError ?? (connection.closeReason && connection.status !== 'connected' ? connection.closeReason : null);
  // A change refused because the board is locked is told in the lock banner instead.
  const docError = rawDocError === 'board-locked' ? null : rawDocError;

  return (
    <BoardTContext.Provider value={t}>
      <BoardCoreContext.Provider value={core}>
        <BoardContext.Provider value={value}>
          <FacilitationViewContext.Provider value={facView}>
            <WritingProvider
              awareness={provider.awareness}
              anonymous={fac.state?.anonymous ?? false}
              participantId={myId}
              nameOf={nameOfPerson}
            >
              <BoardUiProvider sectionIds={sectionIds} initialSection={fac.state?.step ?? null}>
                <BoardShell
                  boardId={boardId}
                  identity={identity}
                  title={title}
                  myName={session.me?.name ?? me.name}
                  myId={myId}
                  isFacilitator={isFacilitator}
                  fac={fac}
                  session={session}
                  connection={connection}
                  announce={announce}
                  loading={loading}
                  undo={
                    <UndoRedoBar canUndo={undo.canUndo && !readOnly} canRedo={undo.canRedo && !readOnly} onUndo={onUndo} onRedo={onRedo} />
                  }
                  docError={docError && docError !== dismissedError ? docError : null}
                  rawDocError={rawDocError}
                  onDismissError={() => {
                    setDismissedError(docError);
                    session.clearDocError();
                  }}
                  onDragging={setDraggingId}
                />
              </BoardUiProvider>
            </WritingProvider>
            <LiveRegion message={live.message} serial={live.serial} />
          </FacilitationViewContext.Provider>
        </BoardContext.Provider>
      </BoardCoreContext.Provider>
    </BoardTContext.Provider>
  );
}

/**
 * The board's page: the header, the slim session bar with the toolbar, (on a phone) the
 * section switcher, notices, the sections themselves, and the drawers over the board's edge.
 * On a phone an open drawer covers the screen and the rest is inert until it closes.
 */
function BoardShell({
  boardId,
  identity,
  title,
  myName,
  myId,
  isFacilitator,
  fac,
  session,
  connection,
  announce,
  loading,
  undo,
  docError,
  rawDocError,
  onDismissError,
  onDragging,
}: {
  boardId: string;
  identity: BoardViewProps['identity'];
  title: string;
  myName: string;
  myId: string;
  isFacilitator: boolean;
  fac: Facilitation;
  session: SessionState;
  connection: ConnectionState;
  announce: (message: string) => void;
  loading: boolean;
  undo: React.ReactNode;
  docError: string | null;
  rawDocError: string | null;
  onDismissError: () => void;
  onDragging: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const ui = useBoardUi();
  // Not useBoard(): the shell does not re-render for a change of the board's content.
  const { doc } = useBoardCore();
  const sections = useSections(doc);
  const [viewMode] = useViewMode();
  const { on: easyRead } = useEasyRead();
  useEasyReadMarker(easyRead);
  const vote = useVotingModel();
  const priorities = usePriorities(doc);
  const actions = useActionList(doc);
  const modal = ui.layout === 'single' && ui.drawer !== null;
  const bars = useRef<HTMLDivElement>(null);

  // Drawers open under the header and the session bar, which stay in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the bars are other elements after a change of layout; observe the new ones.
  useLayoutEffect(() => {
    const el = bars.current;
    if (!el) return;
    const root = document.documentElement;
    const update = () => root.style.setProperty('--drawer-top', `${Math.max(0, Math.round(el.getBoundingClientRect().bottom))}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    window.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      window.removeEventListener('scroll', update);
      root.style.removeProperty('--drawer-top');
    };
  }, [ui.layout]);

  // The facilitator role was taken back while its drawer was open: it closes (and nothing stays inert).
  const { drawer, openDrawer } = ui;
  useEffect(() => {
    if (!isFacilitator && (drawer === 'facilitate' || drawer === 'invite')) openDrawer(null);
  }, [isFacilitator, drawer, openDrawer]);

  const online = session.presence ? session.presence.filter((p) => p.status !== 'offline').length : null;
  const attention = (fac.state?.hands.length ?? 0) + (fac.breaks?.length ?? 0);

  return (
    <div
      className={`board-shell board-shell--${ui.layout}${viewMode === 'list' ? ' board-shell--list' : ''}${modal ? ' board-shell--modal' : ''}`}
    >
      <BoardHeader
        title={title}
        status={connection.status}
        myName={myName}
        isFacilitator={isFacilitator}
        onInvite={ui.layout === 'columns' ? () => ui.openDrawer('invite', { toggle: true }) : undefined}
        inviteOpen={ui.drawer === 'invite'}
        inert={modal}
      />
      <div className="board-bars" ref={bars} inert={modal}>
        <SessionBar
          fac={fac}
          myId={myId}
          isFacilitator={isFacilitator}
          announce={announce}
          undo={undo}
          tools={
            <BoardToolbar
              isFacilitator={isFacilitator}
              counts={{ attention, priorities: priorities.length, actions: actions.length, online, voteOpen: !!vote?.round }}
            />
          }
        />
        {ui.layout === 'single' && viewMode === 'board' && !loading && sections.length > 1 && <SectionTabs />}
      </div>
      <div className="board-notices" inert={modal}>
        <FacilitationLayer
          fac={fac}
          isFacilitator={isFacilitator}
          announce={announce}
          changeRefused={rawDocError === 'board-locked'}
          onClearRefused={session.clearDocError}
        />
        <DocErrorBanner
          code={docError}
          stopped={connection.status === 'stopped'}
          onDismiss={onDismissError}
          onRetry={() => {
            session.clearDocError();
            connection.retry();
          }}
          onReset={() => void connection.resetLocal()}
        />
        {session.storage === 'failing' && (
          <Banner tone="warn" role="alert" compact>
            <p>{t('storage.failing')}</p>
          </Banner>
        )}
        <NoteWatch />
      </div>
      <main id="main" className="board-main" tabIndex={-1} inert={modal}>
        {loading ? (
          <p className="status-text" role="status">
            {t('board.loading')}
          </p>
        ) : sections.length === 0 ? (
          <p className="status-text">{t('board.noSections')}</p>
        ) : viewMode === 'list' ? (
          <Suspense
            fallback={
              <p className="status-text" role="status">
                {t('board.loading')}
              </p>
            }
          >
            <ListViewMemo />
          </Suspense>
        ) : (
          <BoardSectionsMemo onDragging={onDragging} />
        )}
      </main>
      {!loading && sections.length > 0 && (
        <BoardDrawers
          boardId={boardId}
          token={identity.token}
          fac={fac}
          isFacilitator={isFacilitator}
          myId={myId}
          announce={announce}
          socket={session.socket}
          presence={session.presence}
          connected={session.connected}
          joinUrl={fac.joinUrl ?? identity.joinUrl}
          facilitatorUrl={isFacilitator ? identity.facilitatorUrl : undefined}
        />
      )}
      <VoteDock />
    </div>
  );
}
