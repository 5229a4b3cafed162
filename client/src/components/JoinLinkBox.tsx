import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCopyLink } from '../hooks/useCopyLink.js';
import { Icon } from './ui/Icon.js';
import { JoinQrButton } from './inclusion/JoinQrButton.js';
import { Button } from './ui/Button.js';

/** Facilitator only: the join link to share, with a Copy button. */
export function JoinLinkBox({ joinUrl }: { joinUrl: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const { inputRef, copyState, copy } = useCopyLink(joinUrl);

  return (
    <section className="invite" aria-labelledby={`${id}-heading`}>
      <div className="invite__text">
        <h2 className="invite__heading" id={`${id}-heading`}>
          <Icon name="link" /> {t('joinLink.heading')}
        </h2>
        <p className="invite__hint" id={`${id}-hint`}>
          {joinUrl ? t('joinLink.hint') : t('joinLink.unavailable')}
        </p>
      </div>
      {joinUrl && (
        <div className="invite__controls">
          <div className="invite__row">
            <label className="visually-hidden" htmlFor={`${id}-input`}>
              {t('joinLink.label')}
            </label>
            <input
              ref={inputRef}
              id={`${id}-input`}
              className="input invite__input"
              type="text"
              readOnly
              value={joinUrl}
              aria-describedby={`${id}-hint`}
              onFocus={(e) => e.currentTarget.select()}
            />
            <Button variant="primary" onClick={() => void copy()}>
              <Icon name="copy" /> {t('joinLink.copy')}
            </Button>
            <JoinQrButton joinUrl={joinUrl} />
          </div>
          <p className="invite__feedback" role="status">
            {copyState === 'copied' ? t('joinLink.copied') : copyState === 'manual' ? t('joinLink.copyManually') : ''}
          </p>
        </div>
      )}
    </section>
  );
}
