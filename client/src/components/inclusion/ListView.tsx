import { useMemo } from 'react';
import { addNote, type SectionView } from '../../../../shared/boardDoc.js';
import { pick } from '../../../../shared/i18nText.js';
import { LIMITS } from '../../../../shared/limits.js';
import { useBoard } from '../../board/BoardContext.js';
import { focusNoteControl } from '../../board/focus.js';
import { useEasyRead } from '../../hooks/useEasyRead.js';
import { useNoteLayout, type NoteMeta } from '../../hooks/useBoardModel.js';
import { Icon } from '../ui/Icon.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { ListViewNote, openEditors } from './ListViewNote.js';
import { SectionSymbol } from './SectionSymbol.js';
import { Button } from '../ui/Button.js';

/**
 * The board as one list in reading order, for screen readers, keyboards and small screens: a
 * heading (h2) per section with its prompt, its notes, then a heading (h3) per group with its
 * notes. Every note keeps its actions (edit, move, options, vote) as buttons; no drag and drop.
 */
export function ListView() {
  const { t } = useEasyRead();
  const { doc, sections } = useBoard();
  const notes = useNoteLayout(doc);
  const bySection = useMemo(() => {
    const map = new Map<string, NoteMeta[]>();
    for (const s of sections) map.set(s.id, []);
    for (const n of notes) map.get(n.sectionId)?.push(n);
    return map;
  }, [sections, notes]);
  return (
    <div className="list-view" role="region" aria-label={t('inclusion.list.label')}>
      {sections.map((s) => (
        <ListSection key={s.id} section={s} notes={bySection.get(s.id) ?? []} />
      ))}
    </div>
  );
}

function ListSection({ section, notes }: { section: SectionView; notes: NoteMeta[] }) {
  const { t, te } = useEasyRead();
  const { doc, undoManager, authorKey, lang, groups, announce } = useBoard();
  const allNotes = useNoteLayout(doc);
  const { readOnly, currentStep } = useFacilitationView();
  const current = currentStep === section.id;
  const title = pick(section.title, lang);
  const prompt = pick(section.prompt, lang);
  const sectionGroups = groups.filter((g) => g.sectionId === section.id);
  const ungrouped = notes.filter((n) => n.groupId === null);
  const headingId = `section-title-${section.id}`;
  let number = ungrouped.length + 1;

  return (
    <section
      className={`list-section${current ? ' list-section--current' : ''}`}
      id={`section-${section.id}`}
      aria-labelledby={headingId}
      aria-current={current ? 'step' : undefined}
    >
      {current && <p className="section__current">{t('facilitation.currentStep')}</p>}
      <SectionSymbol sectionId={section.id} />
      <h2 className="list-section__title" id={headingId}>
        {title}
      </h2>
      {prompt && <p className="list-section__prompt">{prompt}</p>}
      <p className="list-section__count">{t('section.noteCount', { count: notes.length })}</p>
      <Button
        variant="primary"
        id={`add-note-${section.id}`}
        className="list-section__add"
        disabled={readOnly}
        onClick={() => {
          if (allNotes.length >= LIMITS.notesPerBoardMax) {
            announce(t('docError.too-many-notes'));
            return;
          }
          undoManager.stopCapturing();
          const id = addNote(doc, { sectionId: section.id, author: authorKey });
          undoManager.stopCapturing();
          openEditors.add(id);
          focusNoteControl(id, 'text');
        }}
      >
        <Icon name="plus" /> {te('section.addNote')}
      </Button>
      {notes.length === 0 ? (
        <p className="list-section__empty">{t('section.empty')}</p>
      ) : (
        ungrouped.length > 0 && (
          <ul className="list-notes" aria-label={t('section.notesLabel', { section: title })}>
            {ungrouped.map((n, i) => (
              <ListViewNote key={n.id} note={n} bucket={ungrouped} number={1 + i} sectionTitle={title} />
            ))}
          </ul>
        )
      )}
      {sectionGroups.map((g) => {
        const inGroup = notes.filter((n) => n.groupId === g.id);
        const first = number;
        number += inGroup.length;
        const groupTitle = g.title || t('noteGroup.untitled');
        return (
          <div key={g.id} className="list-group">
            <h3 className="list-group__title" id={`list-group-${g.id}`}>
              <Icon name="folder" /> {groupTitle}
            </h3>
            {inGroup.length === 0 ? (
              <p className="list-section__empty">{t('inclusion.list.groupEmpty')}</p>
            ) : (
              <ul className="list-notes" aria-labelledby={`list-group-${g.id}`}>
                {inGroup.map((n, i) => (
                  <ListViewNote key={n.id} note={n} bucket={inGroup} number={first + i} sectionTitle={title} />
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}
