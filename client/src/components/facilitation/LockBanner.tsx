import { useTranslation } from 'react-i18next';
import { Banner } from '../ui/Banner.js';

/**
 * While the board is locked: participants read, facilitators may still edit. The region is
 * always in the page so that the change is announced politely when it happens.
 */
export function LockBanner({
  locked,
  isFacilitator,
  changeRefused,
}: {
  locked: boolean;
  isFacilitator: boolean;
  /** The server reverted one of this person's changes because the board is locked. */
  changeRefused: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div role="status" className="lock-banner-region">
      {locked && (
        <Banner
          tone={isFacilitator ? 'info' : 'warn'}
          icon="lock"
          compact
          className={`lock-banner${isFacilitator ? ' lock-banner--facilitator' : ''}`}
        >
          <p>
            {isFacilitator ? t('facilitation.lockedForFacilitator') : t('facilitation.lockedBanner')}
            {changeRefused && !isFacilitator && <> {t('facilitation.changeNotKept')}</>}
          </p>
        </Banner>
      )}
    </div>
  );
}
