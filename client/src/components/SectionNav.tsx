import { useTranslation } from 'react-i18next';
import { pick } from '../../../shared/i18nText.js';
import { useBoard } from '../board/BoardContext.js';
import { useFacilitationView } from './facilitation/FacilitationViewContext.js';

/** Links to each section: handy on a phone, where sections are stacked. */
export function SectionNav() {
  const { t } = useTranslation();
  const { sections, lang } = useBoard();
  const { currentStep } = useFacilitationView();
  if (sections.length < 2) return null;
  return (
    <nav className="section-nav" aria-label={t('nav.sections')}>
      <ol className="section-nav__list">
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#section-${s.id}`} aria-current={currentStep === s.id ? 'step' : undefined}>
              {pick(s.title, lang)}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
