import { useTranslation } from 'react-i18next';
import type { DocStatus } from '../../hooks/useBoardConnection.js';
import { ConnectionStatus } from '../ConnectionStatus.js';
import { LanguageSwitch } from '../LanguageSwitch.js';
import { DisplaySettingsButton } from '../inclusion/DisplaySettingsButton.js';
import { Badge } from '../ui/Badge.js';
import { Icon } from '../ui/Icon.js';
import { Button } from '../ui/Button.js';

/**
 * The top line of the board: the board's name, whether changes reach everyone, who you are,
 * "Invite people" for facilitators, display settings and the language. One line on a phone.
 */
export function BoardHeader({
  title,
  status,
  myName,
  isFacilitator,
  onInvite,
  inviteOpen,
  inert,
}: {
  title: string;
  status: DocStatus;
  myName: string;
  isFacilitator: boolean;
  onInvite?: () => void;
  inviteOpen?: boolean;
  inert?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <header className="board-header" inert={inert}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="board-header__inner">
        <a href="/" className="brand brand--small">
          <span className="brand__mark" aria-hidden="true" />
          <span className="visually-hidden">{t('app.name')}</span>
        </a>
        <h1 className="board-header__title" title={title || undefined}>
          {title || t('board.untitled')}
        </h1>
        <ConnectionStatus status={status} />
        <div className="board-header__end">
          <p className="board-header__me">
            <span>{t('board.youAre', { name: myName })}</span>
            {isFacilitator && <Badge tone="facilitator">{t('role.facilitator')}</Badge>}
          </p>
          {isFacilitator && onInvite && (
            <Button
              size="sm"
              id="tool-invite"
              className="board-header__invite"
              aria-label={t('joinLink.heading')}
              aria-expanded={inviteOpen}
              aria-controls="drawer-invite"
              onClick={onInvite}
            >
              <Icon name="link" />
              <span className="board-header__invite-text">{t('ui.invite')}</span>
            </Button>
          )}
          <DisplaySettingsButton />
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
