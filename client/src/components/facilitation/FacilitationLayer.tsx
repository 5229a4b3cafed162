import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facilitation } from '../../hooks/useFacilitation.js';
import { lazyNamed } from '../../board/lazy.js';
import { LockBanner } from './LockBanner.js';
import { SessionBar } from './SessionBar.js';

// Facilitators only: participants never download it.
const FacilitatorBar = lazyNamed(() => import('./FacilitatorBar.js'), 'FacilitatorBar');

/**
 * Facilitation at the top of the board: the lock banner, the facilitator's tools (for whoever
 * holds the role now) and the bar everyone has (step, timer, hand, break, log, balance).
 */
export function FacilitationLayer({
  fac,
  isFacilitator,
  myId,
  announce,
  changeRefused,
  onClearRefused,
}: {
  fac: Facilitation;
  isFacilitator: boolean;
  myId: string;
  announce: (message: string) => void;
  changeRefused: boolean;
  onClearRefused: () => void;
}) {
  const { t } = useTranslation();

  // Co-facilitation: tell the person when the role is shared with them or taken back.
  const previousRole = useRef(isFacilitator);
  useEffect(() => {
    if (previousRole.current === isFacilitator) return;
    previousRole.current = isFacilitator;
    announce(isFacilitator ? t('facilitation.youAreCo') : t('facilitation.youAreNotCo'));
  }, [isFacilitator, announce, t]);

  // "Your last change was not kept" belongs to this lock only.
  const locked = fac.state?.locked ?? false;
  useEffect(() => {
    if (!locked && changeRefused) onClearRefused();
  }, [locked, changeRefused, onClearRefused]);

  return (
    <div className="facilitation">
      <LockBanner locked={locked} isFacilitator={isFacilitator} changeRefused={changeRefused} />
      {isFacilitator && (
        <Suspense fallback={null}>
          <FacilitatorBar fac={fac} announce={announce} />
        </Suspense>
      )}
      <SessionBar fac={fac} myId={myId} isFacilitator={isFacilitator} announce={announce} />
    </div>
  );
}
