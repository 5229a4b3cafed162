import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Socket } from 'socket.io-client';
import { useCopyLink } from '../../hooks/useCopyLink.js';
import { request } from '../../session/sessionClient.js';
import { Icon } from '../ui/Icon.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { Button } from '../ui/Button.js';

const KNOWN_ERRORS = new Set(['offline', 'timeout', 'forbidden', 'storage-unavailable']);

/**
 * Facilitator: "Share the plan with everyone". Makes the read-only link (the key travels in the
 * fragment), shows it with a Copy button, and says plainly what the link can and cannot do.
 */
export function ShareBack({ socket }: { socket: Socket | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [viewUrl, setViewUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { inputRef, copyState, setCopyState, copy } = useCopyLink(viewUrl);

  async function create() {
    if (busy) return;
    setBusy(true);
    setError(null);
    setCopyState('idle');
    // A read-only link to the plan ('shareback:create', facilitator only).
    const result = await request(socket, 'shareback:create', {});
    setBusy(false);
    if (result.ok) {
      setViewUrl(result.data.viewUrl);
      requestAnimationFrame(() => inputRef.current?.focus());
    } else {
      setError(KNOWN_ERRORS.has(result.code) ? t(`shareBack.errors.${result.code}`) : t('shareBack.errors.generic'));
    }
  }

  return (
    <div className="plan-tool" role="group" aria-labelledby={`${id}-heading`}>
      <h3 className="plan-tool__heading" id={`${id}-heading`}>
        <Icon name="link" /> {t('shareBack.heading')}
      </h3>
      <p className="plan-tool__hint" id={`${id}-hint`}>
        {t('shareBack.explain')}
      </p>
      <Button aria-disabled={busy} onClick={() => void create()}>
        {busy ? t('shareBack.making') : viewUrl ? t('shareBack.makeNew') : t('shareBack.make')}
      </Button>
      {viewUrl && (
        <div className="plan-tool__result">
          <label className="action__label" htmlFor={`${id}-input`}>
            {t('shareBack.linkLabel')}
          </label>
          <div className="invite__row">
            <input
              ref={inputRef}
              id={`${id}-input`}
              className="input invite__input"
              type="text"
              readOnly
              value={viewUrl}
              aria-describedby={`${id}-readonly`}
              onFocus={(e) => e.currentTarget.select()}
            />
            <Button variant="primary" onClick={() => void copy()}>
              <Icon name="copy" /> {t('shareBack.copy')}
            </Button>
          </div>
          <p className="plan-tool__note" id={`${id}-readonly`}>
            {t('shareBack.readOnly')}
          </p>
        </div>
      )}
      <p className="invite__feedback" role="status">
        {copyState === 'copied' ? t('shareBack.copied') : copyState === 'manual' ? t('shareBack.copyManually') : ''}
      </p>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}
