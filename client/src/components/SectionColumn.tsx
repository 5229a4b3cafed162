import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { addGroup, addNote, type SectionView } from '../../../shared/boardDoc.js';
import { pick } from '../../../shared/i18nText.js';
import { LIMITS } from '../../../shared/limits.js';
import { useBoard } from '../board/BoardContext.js';
import { focusById, focusNoteControl } from '../board/focus.js';
import { usePlaceNotes, useSectionNotes } from '../hooks/useBoardModel.js';
import { Icon } from './ui/Icon.js';
import { Badge } from './ui/Badge.js';
import { NoteGroup, newGroupIds } from './NoteGroup.js';
import { NoteList } from './NoteList.js';
import { useFacilitationView } from './facilitation/FacilitationViewContext.js';
import { SectionSymbol } from './inclusion/SectionSymbol.js';
import { useEasyRead } from '../hooks/useEasyRead.js';
import { Button } from './ui/Button.js';

/**
 * A template section as a column: its title, how many notes, its prompt, "Add note" and "Add
 * group" (these stay at the top while the notes scroll), its ungrouped notes, then its groups.
 */
export const SectionColumn = memo(function SectionColumn({ section }: { section: SectionView }) {
  const { t } = useTranslation();
  const { te } = useEasyRead();
  const { doc, store, undoManager, authorKey, lang, groups, announce } = useBoard();
  // Subscribed to this section's lists only (membership and order, never text).
  const notes = useSectionNotes(doc, section.id);
  const ungrouped = usePlaceNotes(doc, section.id, null);
  const { readOnly, currentStep } = useFacilitationView();
  const current = currentStep === section.id;
  const title = pick(section.title, lang);
  const prompt = pick(section.prompt, lang);
  const sectionGroups = groups.filter((g) => g.sectionId === section.id);
  const headingId = `section-title-${section.id}`;
  let number = ungrouped.length + 1;

  return (
    <section
      className={`section${current ? ' section--current' : ''}`}
      id={`section-${section.id}`}
      aria-labelledby={headingId}
      aria-current={current ? 'step' : undefined}
    >
      <div className="section__head">
        <SectionSymbol sectionId={section.id} />
        <div className="section__title-row">
          <h2 className="section__title" id={headingId} tabIndex={-1}>
            {title}
          </h2>
          {notes.length > 0 && (
            <span className="section__count" aria-hidden="true">
              {notes.length}
            </span>
          )}
        </div>
        {current && (
          <Badge tone="current" icon="flag" className="section__current">
            {t('facilitation.currentStep')}
          </Badge>
        )}
        {prompt && <p className="section__prompt">{prompt}</p>}
        {notes.length > 0 && <p className="visually-hidden">{t('section.noteCount', { count: notes.length })}</p>}
        <div className="section__tools">
          <Button
            variant="primary"
            size="sm"
            id={`add-note-${section.id}`}
            className="section__add"
            disabled={readOnly}
            onClick={() => {
              if (store.noteCount() >= LIMITS.notesPerBoardMax) {
                announce(t('docError.too-many-notes'));
                return;
              }
              undoManager.stopCapturing();
              const id = addNote(doc, { sectionId: section.id, author: authorKey });
              undoManager.stopCapturing();
              focusNoteControl(id, 'text');
            }}
          >
            <Icon name="plus" /> {te('section.addNote')}
          </Button>
          <button
            type="button"
            id={`add-group-${section.id}`}
            className="icon-button icon-button--outline section__add-group"
            disabled={readOnly}
            aria-label={te('section.addGroup')}
            title={te('section.addGroup')}
            onClick={() => {
              undoManager.stopCapturing();
              const id = addGroup(doc, section.id, t('noteGroup.defaultTitle'));
              undoManager.stopCapturing();
              newGroupIds.add(id);
              focusById(`group-title-${id}`, true);
            }}
          >
            <Icon name="folderPlus" size="lg" />
          </button>
        </div>
      </div>
      <div className="section__body">
        <NoteList
          place={{ sectionId: section.id, groupId: null }}
          notes={ungrouped}
          firstNumber={1}
          sectionTitle={title}
          label={t('section.notesLabel', { section: title })}
          emptyText={notes.length === 0 ? t('section.empty') : null}
        />
        {sectionGroups.map((g) => {
          const first = number;
          number += store.getPlace(section.id, g.id).length;
          return <NoteGroup key={g.id} group={g} firstNumber={first} sectionTitle={title} />;
        })}
      </div>
    </section>
  );
});
