import { useId, useMemo, useRef, useState } from 'react';
import { getNoteText } from '../../../../shared/boardDoc.js';
import { LIMITS } from '../../../../shared/limits.js';
import { useBoard } from '../../board/BoardContext.js';
import { focusById, focusNoteControl } from '../../board/focus.js';
import { useShiftNote } from '../../hooks/useShiftNote.js';
import { useEasyRead } from '../../hooks/useEasyRead.js';
import type { NoteMeta } from '../../hooks/useBoardModel.js';
import { useNoteTextBinding } from '../../hooks/useNoteTextBinding.js';
import { useNoteText } from '../../hooks/useNoteText.js';
import { Icon } from '../ui/Icon.js';
import { NoteOptions } from '../NoteOptions.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { NotePriorityButton } from '../priorities/NotePriorityButton.js';
import { NoteVotePanel } from '../voting/NoteVotePanel.js';
import { Button } from '../ui/Button.js';

/** Notes this person just added in list view: they open ready to write. */
export const openEditors = new Set<string>();

/**
 * One note in the list view: its text first (what a screen reader reads as the list item), then
 * its colour and who wrote it, its vote, and its actions as buttons.
 */
export function ListViewNote({
  note,
  bucket,
  number,
  sectionTitle,
}: {
  note: NoteMeta;
  bucket: NoteMeta[];
  number: number;
  sectionTitle: string;
}) {
  const { t, te } = useEasyRead();
  const { doc, myAuthorKeys, isOptionsOpen, setOptionsOpen } = useBoard();
  const { readOnly, authorName } = useFacilitationView();
  const id = useId();
  const text = useNoteText(doc, note.id) ?? '';
  const [editing, setEditing] = useState(() => openEditors.has(note.id));
  const { first, last, shift } = useShiftNote(note.id, bucket);
  const mine = note.author !== '' && myAuthorKeys.has(note.author);
  const author = mine ? null : authorName(note.author);
  const optionsOpen = isOptionsOpen(note.id) && !readOnly;
  const editId = `list-edit-${note.id}`;
  const where = t('inclusion.list.noteWhere', { number, section: sectionTitle });

  function finish() {
    openEditors.delete(note.id);
    setEditing(false);
    focusById(editId);
  }

  return (
    <li className={`list-note list-note--${note.colour}${mine ? ' list-note--mine' : ''}`} data-note-id={note.id}>
      {editing && !readOnly ? (
        <NoteEditor noteId={note.id} label={t('note.textLabel', { number, section: sectionTitle })} onDone={finish} />
      ) : (
        <p className="list-note__text">{text.trim() ? text : <span className="list-note__blank">{t('inclusion.list.blank')}</span>}</p>
      )}
      <p className="list-note__meta">
        <span className={`list-note__swatch list-note__swatch--${note.colour}`} aria-hidden="true" />
        <span>{t(`colour.${note.colour}`)}</span>
        {mine && <span className="note__you">{te('note.you')}</span>}
        {author && (
          <span className="note__author">
            <span className="visually-hidden">{t('facilitation.writtenBy')} </span>
            {author}
          </span>
        )}
      </p>
      <NoteVotePanel note={note} number={number} sectionTitle={sectionTitle} />
      <div className="list-note__actions">
        {!editing && (
          <Button
            size="sm"
            id={editId}
            disabled={readOnly}
            onClick={() => {
              setEditing(true);
              focusNoteControl(note.id, 'text');
            }}
          >
            <Icon name="pencil" /> {te('inclusion.list.edit')}
            <span className="visually-hidden"> {where}</span>
          </Button>
        )}
        <Button size="sm" aria-disabled={first} disabled={readOnly} data-focus="up" onClick={() => shift(-1)}>
          <Icon name="up" /> {te('note.moveUp')}
          <span className="visually-hidden"> {where}</span>
        </Button>
        <Button size="sm" aria-disabled={last} disabled={readOnly} data-focus="down" onClick={() => shift(1)}>
          <Icon name="down" /> {te('note.moveDown')}
          <span className="visually-hidden"> {where}</span>
        </Button>
        <NotePriorityButton noteId={note.id} />
        <Button
          size="sm"
          className="note__options-toggle"
          aria-expanded={optionsOpen}
          aria-controls={optionsOpen ? `${id}-options` : undefined}
          disabled={readOnly}
          data-focus="options"
          onClick={() => setOptionsOpen(note.id, !optionsOpen)}
        >
          {te('note.options')}
          <span className="visually-hidden"> {where}</span> <Icon name={optionsOpen ? 'chevronUp' : 'chevronDown'} />
        </Button>
      </div>
      {optionsOpen && <NoteOptions note={note} id={`${id}-options`} />}
    </li>
  );
}

/** The note's shared text in a field, while this person edits it; Done or Escape closes it. */
function NoteEditor({ noteId, label, onDone }: { noteId: string; label: string; onDone: () => void }) {
  const { te } = useEasyRead();
  const { doc } = useBoard();
  const ref = useRef<HTMLTextAreaElement>(null);
  const ytext = useMemo(() => getNoteText(doc, noteId), [doc, noteId]);
  useNoteTextBinding(ytext, ref);
  const fieldId = useId();
  return (
    <div className="list-note__editor">
      <label className="list-note__editor-label" htmlFor={fieldId}>
        {label}
      </label>
      <textarea
        ref={ref}
        id={fieldId}
        className="note__text list-note__field"
        maxLength={LIMITS.noteTextMax}
        rows={3}
        data-focus="text"
        spellCheck
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
      />
      <Button size="sm" variant="primary" onClick={onDone}>
        <Icon name="check" /> {te('inclusion.list.done')}
      </Button>
    </div>
  );
}
