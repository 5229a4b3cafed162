import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facilitation } from '../../hooks/useFacilitation.js';
import { FacilitatorLink } from '../FacilitatorLink.js';
import { JoinLinkBox } from '../JoinLinkBox.js';
import { requestErrorText } from '../facilitation/text.js';
import { Button } from '../ui/Button.js';

/**
 * "Invite people" (facilitators): the join link with Copy and the QR code, making a new join
 * link (the old one stops working), and the facilitator's own link for another device.
 */
export function InvitePanel({
  fac,
  joinUrl,
  facilitatorUrl,
}: {
  fac: Facilitation;
  joinUrl: string | undefined;
  facilitatorUrl: string | undefined;
}) {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState('');
  const rotateButton = useRef<HTMLButtonElement>(null);

  async function rotate() {
    setBusy(true);
    const r = await fac.rotateJoinLink();
    setBusy(false);
    setFeedback(r.ok ? t('facilitation.rotated') : requestErrorText(t, r.code));
    if (r.ok) setConfirm(false);
    requestAnimationFrame(() => rotateButton.current?.focus());
  }

  return (
    <div className="invite-panel">
      <JoinLinkBox joinUrl={joinUrl} />
      <div className="invite-panel__rotate">
        {confirm ? (
          <div className="confirm" role="group" aria-labelledby="rotate-question">
            <p className="confirm__question" id="rotate-question">
              {t('facilitation.rotateConfirm')}
            </p>
            <div className="confirm__buttons">
              <Button variant="danger" disabled={busy} onClick={() => void rotate()}>
                {t('facilitation.rotateYes')}
              </Button>
              <Button
                onClick={() => {
                  setConfirm(false);
                  requestAnimationFrame(() => rotateButton.current?.focus());
                }}
              >
                {t('facilitation.rotateNo')}
              </Button>
            </div>
          </div>
        ) : (
          <Button
            ref={rotateButton}
            icon="rotate"
            onClick={() => {
              setConfirm(true);
              setFeedback('');
            }}
          >
            {t('facilitation.rotate')}
          </Button>
        )}
        <p className="invite-panel__feedback" role="status">
          {feedback}
        </p>
      </div>
      {facilitatorUrl && <FacilitatorLink url={facilitatorUrl} />}
    </div>
  );
}
