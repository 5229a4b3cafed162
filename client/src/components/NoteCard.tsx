import { memo, useId, useRef, useState } from 'react';
import { useBoardT } from '../board/boardT.js';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { LIMITS } from '../../../shared/limits.js';
import { useBoardCore } from '../board/BoardContext.js';
import { useNoteYText } from '../hooks/useBoardModel.js';
import { useShiftNote } from '../hooks/useShiftNote.js';
import type { NoteMeta } from '../hooks/useBoardModel.js';
import { useNoteTextBinding } from '../hooks/useNoteTextBinding.js';
import { usePriorityIndex } from '../hooks/usePriorities.js';
import { NoteMenu } from './notes/NoteMenu.js';
import { useWriters } from './notes/writing.js';
import { useNoteView } from '../board/noteView.js';
import { Icon } from './ui/Icon.js';
import { NoteVotePanel } from './voting/NoteVotePanel.js';

/**
 * A sticky note: its shared text, edited in place; its colour shown by the note's colour and
 * pattern (and named for assistive tech and in its menu); who wrote it; who else is writing in
 * it now; its place in the priorities. Everything else is in the note's menu. Moves by drag, by
 * the keyboard (the handle: Space, arrows, Space; or Alt+Up / Alt+Down in the text), or from
 * the menu.
 *
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
  const { t } = useBoardT();
  const { doc, noteView } = useBoardCore();
  // Selected from the note view (board/noteView.ts): the names or the lock arriving re-render
  // only the cards they change.
  const readOnly = useNoteView(noteView, (v) => v.readOnly);
  const mine = useNoteView(noteView, (v) => note.author !== '' && v.myAuthorKeys.has(note.author));
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const ytext = useNoteYText(doc, note.id);
  // The text the field is created with (kept up to date by the binding from then on).
  const [initialText] = useState(() => ytext?.toString() ?? '');
  useNoteTextBinding(ytext, textRef);

  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: note.id,
    data: { type: 'note', sectionId: note.sectionId, groupId: note.groupId },
    attributes: { roleDescription: t('dnd.roleDescription') },
    disabled: readOnly,
  });

  const { first, last, shift } = useShiftNote(note.id, undefined, 'menu');
  const label = t('note.textLabel', { number, section: sectionTitle });

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`note note--${note.colour}${isDragging ? ' note--dragging' : ''}${mine ? ' note--mine' : ''}`}
      data-note-id={note.id}
    >
      <div className="note__pattern" aria-hidden="true" />
      <textarea
        ref={textRef}
        defaultValue={initialText}
        className="note__text"
        aria-label={label}
        aria-describedby={`${id}-meta`}
        aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
        placeholder={t('note.placeholder')}
        maxLength={LIMITS.noteTextMax}
        readOnly={readOnly}
        rows={1}
        data-focus="text"
        spellCheck
        onKeyDown={(e) => {
          if (!e.altKey || readOnly || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
          e.preventDefault();
          shift(e.key === 'ArrowUp' ? -1 : 1, 'text');
        }}
      />
      <NoteVotePanel note={note} number={number} sectionTitle={sectionTitle} />
      <div className="note__foot">
        <p className="note__meta" id={`${id}-meta`}>
          <span className="visually-hidden">{t('ui.note.colourIs', { colour: t(`colour.${note.colour}`) })}</span>
          {mine && <span className="note__you">{t('note.you')}</span>}
          {!mine && <NoteAuthor authorKey={note.author} />}
          <NotePriorityMark noteId={note.id} />
          <NoteWriters noteId={note.id} />
        </p>
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="icon-button icon-button--small note__handle"
          aria-label={t('note.dragHandle')}
          title={t('note.dragHandle')}
          data-focus="handle"
          {...attributes}
          {...listeners}
          disabled={readOnly}
        >
          <Icon name="grip" />
        </button>
        <NoteMenu note={note} label={label} shift={(d) => shift(d)} first={first} last={last} disabled={readOnly} />
      </div>
    </li>
  );
});

/** Who wrote the note (not shown for your own, nor on an anonymous board): re-renders alone when the names arrive. */
function NoteAuthor({ authorKey }: { authorKey: string }) {
  const { t } = useBoardT();
  const { noteView } = useBoardCore();
  const author = useNoteView(noteView, (v) => v.authorNames.get(authorKey) ?? null);
  if (!author) return null;
  return (
    <span className="note__author">
      <span className="visually-hidden">{t('facilitation.writtenBy')} </span>
      {author}
    </span>
  );
}

/** "★ 2": the note's place in the shared priority list, when it is in it. */
function NotePriorityMark({ noteId }: { noteId: string }) {
  const { t } = useBoardT();
  const { doc } = useBoardCore();
  const position = usePriorityIndex(doc, noteId);
  if (position < 0) return null;
  return (
    <span className="note__priority" title={t('priorities.position', { position: position + 1 })}>
      <Icon name="star" size="sm" />
      <span className="visually-hidden">{t('priorities.position', { position: position + 1 })}</span>
      <span aria-hidden="true">{position + 1}</span>
    </span>
  );
}

/** "Rhian is writing…" from awareness: nothing on an anonymous board, never yourself. */
function NoteWriters({ noteId }: { noteId: string }) {
  const { t } = useBoardT();
  const names = useWriters(noteId);
  if (names.length === 0) return null;
  const text =
    names.length === 1
      ? t('ui.note.writing', { name: names[0] })
      : names.length === 2
        ? t('ui.note.writingTwo', { first: names[0], second: names[1] })
        : t('ui.note.writingMany', { name: names[0] });
  return (
    <span className="note__writing">
      <Icon name="writing" size="sm" /> {text}
    </span>
  );
}
