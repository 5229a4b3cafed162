import { useTranslation } from 'react-i18next';
import { docErrorText } from '../errors.js';
import { Banner } from './ui/Banner.js';
import { Button } from './ui/Button.js';

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
    <Banner
      tone="error"
      role="alert"
      compact
      className="doc-error"
      actions={
        stopped ? (
          <>
            <Button size="sm" onClick={onRetry}>
              {t('connection.retry')}
            </Button>
            <Button size="sm" variant="danger" onClick={onReset}>
              {t('docError.reset')}
            </Button>
          </>
        ) : (
          <Button size="sm" onClick={onDismiss}>
            {t('docError.dismiss')}
          </Button>
        )
      }
    >
      <p>{code ? docErrorText(t, code) : t('docError.unknown')}</p>
      {stopped && <p>{t('docError.stoppedHelp')}</p>}
    </Banner>
  );
}
