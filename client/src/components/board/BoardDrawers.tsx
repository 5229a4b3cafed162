import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Socket } from 'socket.io-client';
import type { PresenceEntry } from '../../../../shared/session.js';
import type { Facilitation } from '../../hooks/useFacilitation.js';
import { ActionPlanPanel, ACTION_PLAN_HEADING_ID } from '../actions/ActionPlanPanel.js';
import { AgreedPlan } from '../plan/PlanArea.js';
import { PrioritiesPanel } from '../priorities/PrioritiesPanel.js';
import { Drawer } from '../ui/Drawer.js';
import { PRIORITIES_HEADING_ID } from '../voting/ResultsList.js';
import { VotingPanel } from '../voting/VotingPanel.js';
import { useVotingModel } from '../voting/VotingContext.js';
import { useBoardUi, type DrawerName } from './BoardUi.js';
import { lazyNamed } from '../../board/lazy.js';

// Facilitators only: participants never download them.
const FacilitatorTools = lazyNamed(() => import('../facilitation/FacilitatorTools.js'), 'FacilitatorTools');
const DeleteBoard = lazyNamed(() => import('../deletion/DeleteBoard.js'), 'DeleteBoard');
const InvitePanel = lazyNamed(() => import('./InvitePanel.js'), 'InvitePanel');
// Drawers nothing sends focus into: their code loads when first opened.
const PresenceList = lazyNamed(() => import('../PresenceList.js'), 'PresenceList');
const PersonFacilitation = lazyNamed(() => import('../facilitation/PersonFacilitation.js'), 'PersonFacilitation');
const LogList = lazyNamed(() => import('../facilitation/LogPanel.js'), 'LogList');
const BalanceBody = lazyNamed(() => import('../facilitation/BalancePanel.js'), 'BalanceBody');

/**
 * Every drawer of the board, one open at a time: facilitator tools, invite, voting, shared
 * priorities, the action plan, the agreed plan, people, the log and balance of voice. Their
 * content stays mounted once opened (typed text is kept; focus can be sent into them).
 */
export function BoardDrawers({
  boardId,
  token,
  fac,
  isFacilitator,
  myId,
  announce,
  socket,
  presence,
  connected,
  joinUrl,
  facilitatorUrl,
}: {
  boardId: string;
  token: string;
  fac: Facilitation;
  isFacilitator: boolean;
  myId: string;
  announce: (message: string) => void;
  socket: Socket | null;
  presence: PresenceEntry[] | null;
  connected: boolean;
  joinUrl: string | undefined;
  facilitatorUrl: string | undefined;
}) {
  const { t } = useTranslation();
  const ui = useBoardUi();
  const vote = useVotingModel();
  const close = () => ui.openDrawer(null);
  const is = (name: DrawerName) => ui.drawer === name;
  const online = presence ? presence.filter((p) => p.status !== 'offline').length : null;

  return (
    <div className="board-drawers">
      {isFacilitator && (
        <>
          <Drawer name="facilitate" open={is('facilitate')} onClose={close} title={t('facilitation.barHeading')} icon="tools">
            <Suspense fallback={null}>
              <FacilitatorTools fac={fac} />
              <DeleteBoard boardId={boardId} token={token} />
            </Suspense>
          </Drawer>
          <Drawer name="invite" open={is('invite')} onClose={close} title={t('joinLink.heading')} icon="link">
            <Suspense fallback={null}>
              <InvitePanel fac={fac} joinUrl={joinUrl} facilitatorUrl={facilitatorUrl} />
            </Suspense>
          </Drawer>
        </>
      )}
      <Drawer
        name="vote"
        headingId="vote-panel-heading"
        open={is('vote')}
        onClose={close}
        title={vote?.round ? t('vote.open.heading', { title: vote.round.title }) : t('vote.panelHeading')}
        icon="vote"
      >
        <VotingPanel inDrawer />
      </Drawer>
      <Drawer
        name="priorities"
        headingId={PRIORITIES_HEADING_ID}
        open={is('priorities')}
        onClose={close}
        title={t('priorities.heading')}
        icon="star"
      >
        <PrioritiesPanel inDrawer />
      </Drawer>
      <Drawer
        name="actions"
        headingId={ACTION_PLAN_HEADING_ID}
        open={is('actions')}
        onClose={close}
        title={t('actions.heading')}
        icon="action"
        wide
      >
        <ActionPlanPanel inDrawer />
      </Drawer>
      <Drawer name="plan" headingId="agreed-plan-heading" open={is('plan')} onClose={close} title={t('plan.boardHeading')} icon="document">
        <AgreedPlan boardId={boardId} token={token} isFacilitator={isFacilitator} socket={socket} />
      </Drawer>
      <Drawer
        name="people"
        open={is('people')}
        onClose={close}
        title={online !== null ? t('presence.summary', { count: online }) : t('presence.loading')}
        icon="people"
        mount="once-opened"
      >
        <Suspense fallback={null}>
          <PresenceList
            inDrawer
            participants={presence}
            myId={myId}
            connected={connected}
            renderExtras={(p) => <PersonFacilitation person={p} fac={fac} isFacilitator={isFacilitator} myId={myId} announce={announce} />}
          />
        </Suspense>
      </Drawer>
      <Drawer name="log" open={is('log')} onClose={close} title={t('log.heading')} icon="list" mount="once-opened">
        <Suspense fallback={null}>
          <LogList log={fac.log} />
        </Suspense>
      </Drawer>
      <Drawer name="balance" open={is('balance')} onClose={close} title={t('balance.heading')} icon="chart" wide mount="while-open">
        <Suspense fallback={null}>
          <BalanceBody fac={fac} />
        </Suspense>
      </Drawer>
    </div>
  );
}
