import { useTranslation } from 'react-i18next';
import { addPriority, listPriorities, removePriority } from '../../../../shared/boardDoc.js';
import { useBoardCore } from '../../board/BoardContext.js';
import { usePriorityIndex } from '../../hooks/usePriorities.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { Button } from '../ui/Button.js';

/**
 * On each note: "Add to priorities", or its place in the shared list and "Remove from
 * priorities". One button whose words change, so keyboard focus stays on it.
 */
export function NotePriorityButton({ noteId }: { noteId: string }) {
  const { t } = useTranslation();
  const { doc, undoManager, announce } = useBoardCore();
  const index = usePriorityIndex(doc, noteId);
  const listed = index >= 0;
  const { readOnly } = useFacilitationView();
  if (readOnly) {
    return listed ? <span className="note-priority__badge">{t('priorities.position', { position: index + 1 })}</span> : null;
  }
  return (
    <span className="note-priority">
      {listed && <span className="note-priority__badge">{t('priorities.position', { position: index + 1 })}</span>}
      <Button
        size="sm"
        className={`note-priority__button${listed ? ' note-priority__button--listed' : ''}`}
        data-focus="priority"
        onClick={() => {
          undoManager.stopCapturing();
          if (listed) {
            removePriority(doc, noteId);
            announce(t('priorities.removed'));
          } else {
            addPriority(doc, noteId);
            announce(t('priorities.added', { position: listPriorities(doc).indexOf(noteId) + 1 }));
          }
          undoManager.stopCapturing();
        }}
      >
        <span aria-hidden="true">{listed ? '★' : '☆'}</span> {listed ? t('priorities.remove') : t('priorities.add')}
      </Button>
    </span>
  );
}
