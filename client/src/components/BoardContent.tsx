import { Suspense, memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../shared/i18nText.js';
import { BoardContext, BoardCoreContext, type BoardContextValue, type BoardCore } from '../board/BoardContext.js';
import { NoteUiState } from '../board/noteUi.js';
import { currentLanguage } from '../i18n.js';
import type { BoardConnection, ConnectionState } from '../hooks/useBoardConnection.js';
import { useBoardStore, useGroups, useNoteLayout, useSections } from '../hooks/useBoardModel.js';
import { describeRemoteChanges, useRemoteNoteAnnouncements } from '../hooks/useRemoteNoteAnnouncements.js';
import type { SessionState } from '../hooks/useSession.js';
import { useUndo, useUndoShortcuts } from '../hooks/useUndo.js';
import { BoardSections } from './BoardSections.js';
import type { BoardViewProps } from './BoardView.js';
import { DocErrorBanner } from './DocErrorBanner.js';
import { LiveRegion } from './LiveRegion.js';
import { PresenceList } from './PresenceList.js';
import { SectionNav } from './SectionNav.js';
import { UndoRedoBar } from './UndoRedoBar.js';
import { liveRole, useAuthorNames, useFacilitation } from '../hooks/useFacilitation.js';
import { FacilitationLayer } from './facilitation/FacilitationLayer.js';
import { FacilitationViewContext, type FacilitationView } from './facilitation/FacilitationViewContext.js';
import { PersonFacilitation } from './facilitation/PersonFacilitation.js';
import { VotingPanel } from './voting/VotingPanel.js';
import { PrioritiesPanel } from './priorities/PrioritiesPanel.js';
import { PlanArea, PlanShortcut } from './plan/PlanArea.js';
import { lazyNamed } from '../board/lazy.js';
import { ViewToggles } from './inclusion/ViewToggles.js';
import { useViewMode } from '../hooks/useViewMode.js';

// What is drawn once per board and does not depend on BoardContent's own state is memoised, so a
// change of presence, undo state or facilitation does not re-render every note.
const BoardSectionsMemo = memo(BoardSections);
// Loaded when first drawn: the list view when someone chooses it, the links for facilitators.
const ListViewMemo = memo(lazyNamed(() => import('./inclusion/ListView.js'), 'ListView'));
const JoinLinkBox = lazyNamed(() => import('./JoinLinkBox.js'), 'JoinLinkBox');
const FacilitatorLink = lazyNamed(() => import('./FacilitatorLink.js'), 'FacilitatorLink');
const VotingPanelMemo = memo(VotingPanel);
const PrioritiesPanelMemo = memo(PrioritiesPanel);
const PlanAreaMemo = memo(PlanArea);

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
}: BoardViewProps & { conn: BoardConnection; connection: ConnectionState; session: SessionState }) {
  const { t } = useTranslation();
  const { doc, provider, undoManager } = conn;
  const lang = currentLanguage();
  const store = useBoardStore(doc);
  const sections = useSections(doc);
  // Notes whose group is gone, or in another section, come as ungrouped (the store does it).
  const notes = useNoteLayout(doc);
  const groups = useGroups(doc);
  const [live, setLive] = useState({ message: '', serial: 0 });
  const noteUi = useMemo(() => new NoteUiState(), [doc]);
  const optionsVersion = useSyncExternalStore(
    useCallback((cb: () => void) => noteUi.subscribe('*', cb), [noteUi]),
    noteUi.getVersion,
  );
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const [dismissedError, setDismissedError] = useState<string | null>(null);
  const [viewMode] = useViewMode();

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
  // Every Yjs item carries its writer's client id, which would tie changes made while anonymous to
  // this person's earlier, named ones. So the doc takes a fresh client id whenever anonymity is
  // switched (Yjs allows a client to change its id; it then looks like a new writer).
  const anonymousNow = fac.state?.anonymous ?? null;
  const lastAnonymous = useRef<boolean | null>(null);
  useEffect(() => {
    if (anonymousNow === null) return;
    if (lastAnonymous.current !== null && lastAnonymous.current !== anonymousNow) {
      const ids = new Uint32Array(1);
      crypto.getRandomValues(ids);
      doc.clientID = ids[0];
    }
    lastAnonymous.current = anonymousNow;
  }, [anonymousNow, doc]);
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
  const core = useMemo<BoardCore>(
    () => ({ doc, store, noteUi, undoManager, authorKey, myAuthorKeys, lang, announce }),
    [doc, store, noteUi, undoManager, authorKey, myAuthorKeys, lang, announce],
  );
  const value = useMemo<BoardContextValue>(
    () => ({
      ...core,
      sections,
      notes,
      groups,
      isOptionsOpen: noteUi.isOptionsOpen,
      setOptionsOpen: noteUi.setOptionsOpen,
      draggingId,
    }),
    // optionsVersion: readers of isOptionsOpen through this context re-render when it changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [core, sections, notes, groups, noteUi, optionsVersion, draggingId],
  );

  const loading = sections.length === 0 && !connection.synced;
  const rawDocError = session.docError ?? (connection.closeReason && connection.status !== 'connected' ? connection.closeReason : null);
  // A change refused because the board is locked is told in the lock banner instead.
  const docError = rawDocError === 'board-locked' ? null : rawDocError;

  return (
    <BoardCoreContext.Provider value={core}>
    <BoardContext.Provider value={value}>
      <FacilitationViewContext.Provider value={facView}>
      <SectionNav />
      <main id="main" className="board-main" tabIndex={-1}>
        <FacilitationLayer
          fac={fac}
          isFacilitator={isFacilitator}
          myId={myId}
          announce={announce}
          changeRefused={rawDocError === 'board-locked'}
          onClearRefused={session.clearDocError}
        />
        <div className="board-top">
          <UndoRedoBar canUndo={undo.canUndo && !readOnly} canRedo={undo.canRedo && !readOnly} onUndo={onUndo} onRedo={onRedo} />
          {isFacilitator && (
            <Suspense fallback={null}>
              <JoinLinkBox joinUrl={fac.joinUrl ?? identity.joinUrl} />
            </Suspense>
          )}
          <PlanShortcut boardId={boardId} />
          <ViewToggles />
        </div>
        <PresenceList
          participants={session.presence}
          myId={session.me?.participantId ?? me.participantId}
          connected={session.connected}
          renderExtras={(p) => (
            <PersonFacilitation person={p} fac={fac} isFacilitator={isFacilitator} myId={myId} announce={announce} />
          )}
        />
        <DocErrorBanner
          code={docError && docError !== dismissedError ? docError : null}
          stopped={connection.status === 'stopped'}
          onDismiss={() => {
            setDismissedError(docError);
            session.clearDocError();
          }}
          onRetry={() => {
            session.clearDocError();
            connection.retry();
          }}
          onReset={() => void connection.resetLocal()}
        />
        {session.storage === 'failing' && (
          <div className="warning-message" role="alert">
            <span className="error-message__icon" aria-hidden="true">
              !
            </span>
            <p>{t('storage.failing')}</p>
          </div>
        )}
        {!loading && sections.length > 0 && <VotingPanelMemo />}
        {loading ? (
          <p className="status-text" role="status">
            {t('board.loading')}
          </p>
        ) : sections.length === 0 ? (
          <p className="status-text">{t('board.noSections')}</p>
        ) : (
          viewMode === 'list' ? (
            <Suspense fallback={<p className="status-text" role="status">{t('board.loading')}</p>}>
              <ListViewMemo />
            </Suspense>
          ) : (
            <BoardSectionsMemo onDragging={setDraggingId} />
          )
        )}
        {!loading && sections.length > 0 && <PrioritiesPanelMemo />}
        {!loading && sections.length > 0 && (
          <PlanAreaMemo boardId={boardId} token={identity.token} isFacilitator={isFacilitator} socket={session.socket} provider={provider} />
        )}
        {isFacilitator && identity.facilitatorUrl && (
          <Suspense fallback={null}>
            <FacilitatorLink url={identity.facilitatorUrl} />
          </Suspense>
        )}
      </main>
      <LiveRegion message={live.message} serial={live.serial} />
      </FacilitationViewContext.Provider>
    </BoardContext.Provider>
    </BoardCoreContext.Provider>
  );
}
