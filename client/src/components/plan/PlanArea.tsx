import { useTranslation } from 'react-i18next';
import type { Socket } from 'socket.io-client';
import { planPath } from '../../router.js';
import { Suspense } from 'react';
import { lazyNamed } from '../../board/lazy.js';
import { Icon } from '../ui/Icon.js';
import { buttonClass } from '../ui/Button.js';

// Facilitators only: participants never download them.
const DownloadPlan = lazyNamed(() => import('./DownloadPlan.js'), 'DownloadPlan');
const ShareBack = lazyNamed(() => import('./ShareBack.js'), 'ShareBack');

export const AGREED_PLAN_ID = 'agreed-plan';

/**
 * "The agreed plan" (its drawer): a link to the read-only plan view for everyone, and for
 * facilitators sharing it back and downloading it.
 */
export function AgreedPlan({
  boardId,
  token,
  isFacilitator,
  socket,
}: {
  boardId: string;
  token: string;
  isFacilitator: boolean;
  socket: Socket | null;
}) {
  const { t } = useTranslation();
  return (
    <div className="agreed-plan" id={AGREED_PLAN_ID}>
      <p className="panel__hint">{t('plan.boardIntro')}</p>
      <p>
        <a className={buttonClass()} href={planPath(boardId)}>
          <Icon name="document" /> {t('plan.seePlan')}
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
    </div>
  );
}
