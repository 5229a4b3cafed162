import { useTranslation } from 'react-i18next';
import type { Socket } from 'socket.io-client';
import type { WebsocketProvider } from 'y-websocket';
import { planPath } from '../../router.js';
import { ActionPlanPanel } from '../actions/ActionPlanPanel.js';
import { Suspense } from 'react';
import { lazyNamed } from '../../board/lazy.js';

// Facilitators only: participants never download them.
const DownloadPlan = lazyNamed(() => import('./DownloadPlan.js'), 'DownloadPlan');
const ShareBack = lazyNamed(() => import('./ShareBack.js'), 'ShareBack');

export const AGREED_PLAN_ID = 'agreed-plan';

/**
 * The end of the board: the action plan everyone writes, then "the agreed plan": a link to the
 * read-only plan view for everyone, and for facilitators sharing it back and downloading it.
 */
export function PlanArea({
  boardId,
  token,
  isFacilitator,
  socket,
  provider,
}: {
  boardId: string;
  token: string;
  isFacilitator: boolean;
  socket: Socket | null;
  /** The doc's connection: changes it brings are other people's. */
  provider: WebsocketProvider;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ActionPlanPanel provider={provider} />
      <section className="agreed-plan" id={AGREED_PLAN_ID} aria-labelledby={`${AGREED_PLAN_ID}-heading`}>
        <h2 className="agreed-plan__heading" id={`${AGREED_PLAN_ID}-heading`}>
          {t('plan.boardHeading')}
        </h2>
        <p className="panel__hint">{t('plan.boardIntro')}</p>
        <p>
          <a className="button" href={planPath(boardId)}>
            {t('plan.seePlan')}
          </a>
        </p>
        {isFacilitator && (
          <div className="agreed-plan__tools">
            <Suspense fallback={null}>
              <ShareBack socket={socket} />
              <DownloadPlan boardId={boardId} token={token} />
            </Suspense>
          </div>
        )}
      </section>
    </>
  );
}

/** Near the top of the board: quick ways to the action plan and to the plan view. */
export function PlanShortcut({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  return (
    <nav className="plan-shortcut" aria-label={t('plan.shortcutLabel')}>
      <a className="plan-shortcut__link" href="#action-plan">
        {t('plan.toActionPlan')}
      </a>
      <a className="plan-shortcut__link" href={planPath(boardId)}>
        {t('plan.seePlan')}
      </a>
    </nav>
  );
}
