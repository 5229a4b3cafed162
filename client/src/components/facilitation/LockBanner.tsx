import { useTranslation } from 'react-i18next';
import { Icon } from '../ui/Icon.js';

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
        <div className={`lock-banner${isFacilitator ? ' lock-banner--facilitator' : ''}`}>
          <Icon name="lock" />
          <p>
            {isFacilitator ? t('facilitation.lockedForFacilitator') : t('facilitation.lockedBanner')}
            {changeRefused && !isFacilitator && <> {t('facilitation.changeNotKept')}</>}
          </p>
        </div>
      )}
    </div>
  );
}
