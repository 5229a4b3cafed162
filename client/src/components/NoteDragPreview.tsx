import { useTranslation } from 'react-i18next';
import { getNoteText } from '../../../shared/boardDoc.js';
import { useBoard } from '../board/BoardContext.js';
import type { NoteMeta } from '../hooks/useBoardModel.js';
import { Icon } from './ui/Icon.js';

/** What the dragged note looks like under the pointer. */
export function NoteDragPreview({ note }: { note: NoteMeta }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const text = getNoteText(doc, note.id)?.toString() ?? '';
  return (
    <div className={`note note--${note.colour} note--overlay`}>
      <div className="note__pattern" aria-hidden="true" />
      <div className="note__top">
        <span className="icon-button note__handle" aria-hidden="true">
          <Icon name="grip" />
        </span>
        <span className="note__colour-name">{t(`colour.${note.colour}`)}</span>
      </div>
      <p className="note__preview-text">{text || t('note.placeholder')}</p>
    </div>
  );
}
