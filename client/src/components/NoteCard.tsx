import { memo, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { LIMITS } from '../../../shared/limits.js';
import { useBoardCore } from '../board/BoardContext.js';
import { useOptionsOpen } from '../board/useNoteUi.js';
import { useNoteYText } from '../hooks/useBoardModel.js';

import { useShiftNote } from '../hooks/useShiftNote.js';
import type { NoteMeta } from '../hooks/useBoardModel.js';
import { useNoteTextBinding } from '../hooks/useNoteTextBinding.js';
import { Icon } from './Icon.js';
import { NoteOptions } from './NoteOptions.js';
import { useFacilitationView } from './facilitation/FacilitationViewContext.js';
import { NoteVotePanel } from './voting/NoteVotePanel.js';
import { NotePriorityButton } from './priorities/NotePriorityButton.js';
import { useEasyRead } from '../hooks/useEasyRead.js';

/**
 * A sticky note: shared text, colour (name and pattern), moves by buttons or drag, options.
 * Memoised, and subscribed only to its own note: typing, or a change to another note, does not
 * re-render it.
 */
export const NoteCard = memo(function NoteCard({
  note,
  number,
  sectionTitle,
}: {
  note: NoteMeta;
  /** 1-based position in the section, for the text field's name. */
  number: number;
  sectionTitle: string;
}) {
  const { t } = useTranslation();
  const { te } = useEasyRead();
  const { doc, myAuthorKeys, noteUi } = useBoardCore();
  const { readOnly, authorName } = useFacilitationView();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const ytext = useNoteYText(doc, note.id);
  useNoteTextBinding(ytext, textRef);

  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: note.id,
    data: { type: 'note', sectionId: note.sectionId, groupId: note.groupId },
    attributes: { roleDescription: t('dnd.roleDescription') },
    disabled: readOnly,
  });

  const { first, last, shift } = useShiftNote(note.id);
  const mine = note.author !== '' && myAuthorKeys.has(note.author);
  const optionsOpen = useOptionsOpen(noteUi, note.id) && !readOnly;
  const author = mine ? null : authorName(note.author);

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`note note--${note.colour}${isDragging ? ' note--dragging' : ''}${mine ? ' note--mine' : ''}`}
      data-note-id={note.id}
    >
      <div className="note__pattern" aria-hidden="true" />
      <div className="note__top">
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="icon-button note__handle"
          aria-label={t('note.dragHandle')}
          data-focus="handle"
          {...attributes}
          {...listeners}
          disabled={readOnly}
        >
          <Icon name="grip" />
        </button>
        <button
          type="button"
          className="button button--small button--icon"
          aria-label={t('note.moveUp')}
          title={t('note.moveUp')}
          aria-disabled={first}
          disabled={readOnly}
          data-focus="up"
          onClick={() => shift(-1)}
        >
          <Icon name="up" />
        </button>
        <button
          type="button"
          className="button button--small button--icon"
          aria-label={t('note.moveDown')}
          title={t('note.moveDown')}
          aria-disabled={last}
          disabled={readOnly}
          data-focus="down"
          onClick={() => shift(1)}
        >
          <Icon name="down" />
        </button>
        {mine && <span className="note__you">{t('note.you')}</span>}
        {author && (
          <span className="note__author">
            <span className="visually-hidden">{t('facilitation.writtenBy')} </span>
            {author}
          </span>
        )}
      </div>
      <textarea
        ref={textRef}
        className="note__text"
        aria-label={t('note.textLabel', { number, section: sectionTitle })}
        placeholder={t('note.placeholder')}
        maxLength={LIMITS.noteTextMax}
        readOnly={readOnly}
        rows={3}
        data-focus="text"
        spellCheck
      />
      <NoteVotePanel note={note} number={number} sectionTitle={sectionTitle} />
      <div className="note__actions">
        <span className="note__colour-name">{t(`colour.${note.colour}`)}</span>
        <NotePriorityButton noteId={note.id} />
        <button
          type="button"
          className="button button--small note__options-toggle"
          aria-expanded={optionsOpen}
          aria-controls={optionsOpen ? `${id}-options` : undefined}
          disabled={readOnly}
          data-focus="options"
          onClick={() => noteUi.setOptionsOpen(note.id, !optionsOpen)}
        >
          {te('note.options')} <Icon name={optionsOpen ? 'chevronUp' : 'chevronDown'} />
        </button>
      </div>
      {optionsOpen && <NoteOptions note={note} id={`${id}-options`} />}
    </li>
  );
});
