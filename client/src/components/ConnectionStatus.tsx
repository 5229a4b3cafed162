import { useTranslation } from 'react-i18next';
import type { DocStatus } from '../hooks/useBoardConnection.js';
import { Icon, type IconName } from './ui/Icon.js';

const ICONS: Record<DocStatus, IconName> = {
  connecting: 'sync',
  connected: 'check',
  reconnecting: 'sync',
  offline: 'offline',
  stopped: 'alert',
};

/** Always visible: whether changes reach everyone, in words and with an icon. */
export function ConnectionStatus({ status }: { status: DocStatus }) {
  const { t } = useTranslation();
  return (
    <div className={`conn conn--${status}`}>
      <div className="conn__text" role="status">
        <Icon name={ICONS[status]} className="conn__icon" />
        <span>
          <strong className="conn__title">{t(`connection.${status}.title`)}</strong>
          {status !== 'connected' && status !== 'connecting' && <span className="conn__detail"> – {t(`connection.${status}.detail`)}</span>}
        </span>
      </div>
    </div>
  );
}
