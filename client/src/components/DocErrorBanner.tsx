import { useTranslation } from 'react-i18next';
import { docErrorText } from '../errors.js';

/**
 * A change the server could not accept, in plain words. When the connection has stopped because
 * of it, the person can try again or start again from the shared copy.
 */
export function DocErrorBanner({
  code,
  stopped,
  onDismiss,
  onRetry,
  onReset,
}: {
  code: string | null;
  stopped: boolean;
  onDismiss: () => void;
  onRetry: () => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  if (!code && !stopped) return null;
  return (
    <div className="error-message doc-error" role="alert">
      <span className="error-message__icon" aria-hidden="true">
        !
      </span>
      <div className="doc-error__body">
        <p>{code ? docErrorText(t, code) : t('docError.unknown')}</p>
        {stopped && <p>{t('docError.stoppedHelp')}</p>}
        <div className="doc-error__buttons">
          {stopped ? (
            <>
              <button type="button" className="button button--small" onClick={onRetry}>
                {t('connection.retry')}
              </button>
              <button type="button" className="button button--small button--danger" onClick={onReset}>
                {t('docError.reset')}
              </button>
            </>
          ) : (
            <button type="button" className="button button--small" onClick={onDismiss}>
              {t('docError.dismiss')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
