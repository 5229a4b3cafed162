import { useTranslation } from 'react-i18next';
import { ACCESSIBILITY_PATH, PRIVACY_PATH } from '../router.js';

/** The privacy notice and the accessibility statement, linked from the foot of the simple pages. */
export function InfoFooter({ current }: { current?: 'privacy' | 'accessibility' }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <nav className="site-footer__inner" aria-label={t('infoLinks.label')}>
        <ul className="site-footer__links">
          <li>
            <a href={PRIVACY_PATH} aria-current={current === 'privacy' ? 'page' : undefined}>
              {t('infoLinks.privacy')}
            </a>
          </li>
          <li>
            <a href={ACCESSIBILITY_PATH} aria-current={current === 'accessibility' ? 'page' : undefined}>
              {t('infoLinks.accessibility')}
            </a>
          </li>
        </ul>
      </nav>
    </footer>
  );
}
