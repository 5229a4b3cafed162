import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../../../shared/i18nText.js';
import { useBoard } from '../../board/BoardContext.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { Icon } from '../ui/Icon.js';
import { sectionPanelId, useBoardUi } from './BoardUi.js';

export function sectionTabId(sectionId: string): string {
  return `section-tab-${sectionId}`;
}

/**
 * When the sections do not fit side by side: one section at a time, chosen here (WAI-ARIA tabs:
 * Left and Right move between sections and show them, Home and End go to the first and last;
 * Tab goes on into the section). Each tab shows its step number; the chosen one its title too.
 * The facilitator's current step is marked with a flag.
 */
export function SectionTabs() {
  const { t, i18n } = useTranslation();
  const { sections, lang } = useBoard();
  const { currentStep } = useFacilitationView();
  const ui = useBoardUi();
  const list = useRef<HTMLDivElement>(null);
  // Every tab shows its title while they all fit; otherwise only the chosen one does.
  const [compact, setCompact] = useState(false);
  const fullWidth = useRef(0);
  useEffect(() => {
    const reset = () => setCompact(false);
    i18n.on('languageChanged', reset);
    return () => i18n.off('languageChanged', reset);
  }, [i18n]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another number of sections needs another width; check again.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const check = () => {
      if (!compact && el.scrollWidth > el.clientWidth + 1) {
        fullWidth.current = el.scrollWidth;
        setCompact(true);
      } else if (compact && el.clientWidth >= fullWidth.current) {
        setCompact(false);
      }
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [compact, sections.length]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const at = sections.findIndex((s) => s.id === ui.activeSection);
    let next = -1;
    if (e.key === 'ArrowRight') next = (at + 1) % sections.length;
    else if (e.key === 'ArrowLeft') next = (at - 1 + sections.length) % sections.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = sections.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const id = sections[next].id;
    ui.showSection(id);
    requestAnimationFrame(() => document.getElementById(sectionTabId(id))?.focus());
  }

  return (
    <div className={`section-tabs${compact ? ' section-tabs--compact' : ''}`}>
      <div ref={list} className="section-tabs__list" role="tablist" aria-label={t('nav.sections')} onKeyDown={onKeyDown}>
        {sections.map((s, i) => {
          const selected = s.id === ui.activeSection;
          const current = s.id === currentStep;
          return (
            <button
              key={s.id}
              type="button"
              role="tab"
              id={sectionTabId(s.id)}
              aria-selected={selected}
              aria-controls={sectionPanelId(s.id)}
              tabIndex={selected ? 0 : -1}
              className={`section-tab${selected ? ' section-tab--selected' : ''}${current ? ' section-tab--current' : ''}`}
              onClick={() => ui.showSection(s.id)}
            >
              <span className="section-tab__number">{i + 1}</span> <span className="section-tab__title">{pick(s.title, lang)}</span>
              {current && (
                <>
                  <Icon name="flag" size="sm" className="section-tab__flag" />
                  <span className="visually-hidden">({t('facilitation.currentStep')})</span>
                </>
              )}
            </button>
          );
        })}
      </div>
    </div>
  );
}
