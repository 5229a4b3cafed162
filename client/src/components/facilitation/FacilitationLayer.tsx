import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facilitation } from '../../hooks/useFacilitation.js';
import { LockBanner } from './LockBanner.js';

/**
 * Facilitation notices at the top of the board: the lock banner, and telling a person when the
 * facilitator role is shared with them or taken back. (The tools are in the "Facilitate"
 * drawer; step, timer, hand and break are in the session bar.)
 */
export function FacilitationLayer({
  fac,
  isFacilitator,
  announce,
  changeRefused,
  onClearRefused,
}: {
  fac: Facilitation;
  isFacilitator: boolean;
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

  return <LockBanner locked={locked} isFacilitator={isFacilitator} changeRefused={changeRefused} />;
}
