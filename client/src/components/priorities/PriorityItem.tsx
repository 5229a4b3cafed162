import { useTranslation } from 'react-i18next';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { removePriority, shiftPriority } from '../../../../shared/boardDoc.js';
import { pick } from '../../../../shared/i18nText.js';
import { useBoardCore } from '../../board/BoardContext.js';
import { useNote, useSections } from '../../hooks/useBoardModel.js';
import { focusById, focusNoteControl } from '../../board/focus.js';
import { useNoteText } from '../../hooks/useNoteText.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { Icon } from '../ui/Icon.js';
import { PRIORITIES_HEADING_ID } from '../voting/ResultsList.js';
import { shortText } from '../voting/text.js';
import { TurnIntoActionButton } from '../actions/TurnIntoActionButton.js';
import { Button } from '../ui/Button.js';

/** One entry of the shared priority list: its place, a link to the note, and the buttons to move or remove it. */
export function PriorityItem({ noteId, index, list }: { noteId: string; index: number; list: string[] }) {
  const { t } = useTranslation();
  // One note and the sections, not the whole board: a change to another note does not re-render it.
  const { doc, undoManager, announce, lang } = useBoardCore();
  const text = useNoteText(doc, noteId);
  const { readOnly } = useFacilitationView();
  const note = useNote(doc, noteId);
  const sections = useSections(doc);
  const section = note ? sections.find((s) => s.id === note.sectionId) : undefined;
  const label = shortText(text ?? '', 80) || t('priorities.emptyNote');
  const first = index === 0;
  const last = index === list.length - 1;

  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: noteId,
    attributes: { roleDescription: t('priorities.dnd.roleDescription') },
  });

  function shift(delta: -1 | 1) {
    if ((delta < 0 && first) || (delta > 0 && last)) {
      announce(delta < 0 ? t('priorities.alreadyFirst') : t('priorities.alreadyLast'));
      return;
    }
    undoManager.stopCapturing();
    if (shiftPriority(doc, noteId, delta)) {
      undoManager.stopCapturing();
      announce(t(delta < 0 ? 'priorities.movedUp' : 'priorities.movedDown', { position: index + 1 + delta, total: list.length }));
      focusById(`priority-${delta < 0 ? 'up' : 'down'}-${noteId}`);
    }
  }

  function remove() {
    const next = list[index + 1] ?? list[index - 1];
    undoManager.stopCapturing();
    removePriority(doc, noteId);
    undoManager.stopCapturing();
    announce(t('priorities.removedNamed', { note: label }));
    focusById(next ? `priority-remove-${next}` : PRIORITIES_HEADING_ID);
  }

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`priority${isDragging ? ' priority--dragging' : ''}`}
      data-priority-id={noteId}
    >
      {!readOnly && (
        <button
          type="button"
          ref={setActivatorNodeRef}
          id={`priority-handle-${noteId}`}
          className="icon-button priority__handle"
          aria-label={t('priorities.dragLabel', { note: label })}
          {...attributes}
          {...listeners}
        >
          <Icon name="grip" />
        </button>
      )}
      <span className="priority__number" aria-hidden="true">
        {index + 1}
      </span>
      <div className="priority__body">
        <a
          className="priority__link"
          aria-label={`${t('priorities.position', { position: index + 1 })}: ${label}`}
          href={note ? `#section-${note.sectionId}` : '#priorities'}
          onClick={(e) => {
            e.preventDefault();
            focusNoteControl(noteId, 'text');
          }}
        >
          {label}
        </a>
        {section && <span className="priority__section">{t('priorities.inSection', { section: pick(section.title, lang) })}</span>}
      </div>
      {!readOnly && (
        <div className="priority__buttons">
          <Button
            size="sm"
            id={`priority-up-${noteId}`}
            className="button--icon"
            aria-label={t('priorities.moveUpLabel', { note: label })}
            title={t('priorities.moveUp')}
            aria-disabled={first}
            onClick={() => shift(-1)}
          >
            <Icon name="up" />
          </Button>
          <Button
            size="sm"
            id={`priority-down-${noteId}`}
            className="button--icon"
            aria-label={t('priorities.moveDownLabel', { note: label })}
            title={t('priorities.moveDown')}
            aria-disabled={last}
            onClick={() => shift(1)}
          >
            <Icon name="down" />
          </Button>
          {note && <TurnIntoActionButton noteId={noteId} compact label={label} />}
          <Button
            size="sm"
            id={`priority-remove-${noteId}`}
            className="button--icon"
            aria-label={t('priorities.removeLabel', { note: label })}
            title={t('priorities.remove')}
            onClick={remove}
          >
            <Icon name="trash" />
          </Button>
        </div>
      )}
    </li>
  );
}
