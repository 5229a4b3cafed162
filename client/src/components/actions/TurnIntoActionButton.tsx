import { useTranslation } from 'react-i18next';
import { actionFromNote, listActions } from '../../../../shared/actionPlan.js';
import { useBoard } from '../../board/BoardContext.js';
import { focusById } from '../../board/focus.js';
import { useActionList } from '../../hooks/useActions.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';

import { actionControlId } from './ActionItem.js';
import { Icon } from '../ui/Icon.js';
import { Button } from '../ui/Button.js';

/**
 * "Turn into an action": a new action in the shared plan, starting with the note's words and
 * linked back to it. Focus moves to the new action's "Who" so the person can carry on.
 * `compact` is the small icon button for a priority entry; `label` names the note for it.
 */
export function TurnIntoActionButton({ noteId, compact = false, label }: { noteId: string; compact?: boolean; label?: string }) {
  const { t } = useTranslation();
  const { doc, undoManager, announce } = useBoard();
  const { readOnly } = useFacilitationView();
  const actions = useActionList(doc);
  if (readOnly) return null;

  const linked = actions.map((a, i) => ({ id: a.id, number: i + 1, noteIds: a.noteIds })).filter((a) => a.noteIds.includes(noteId));

  function turn() {
    undoManager.stopCapturing();
    const id = actionFromNote(doc, noteId);
    undoManager.stopCapturing();
    if (!id) return;
    const number = listActions(doc).findIndex((a) => a.id === id) + 1;
    announce(t('actions.createdFromNote', { number }));
    focusById(actionControlId(id, 'who'));
  }

  if (compact) {
    return (
      <Button
        size="sm"
        className="button--icon turn-into-action turn-into-action--compact"
        aria-label={label ? t('actions.turnIntoLabel', { note: label }) : t('actions.turnInto')}
        title={t('actions.turnInto')}
        onClick={turn}
      >
        <Icon name="action" />
      </Button>
    );
  }

  return (
    <div className="turn-into-action">
      <Button size="sm" block data-focus="action" onClick={turn}>
        <Icon name="action" /> {linked.length > 0 ? t('actions.turnIntoAnother') : t('actions.turnInto')}
      </Button>
      {linked.length > 0 && (
        <p className="turn-into-action__linked">
          {t('actions.alreadyIn', { count: linked.length })}{' '}
          {linked.map((a, i) => (
            <span key={a.id}>
              {i > 0 && ', '}
              <a
                href={`#${actionControlId(a.id, 'what')}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusById(actionControlId(a.id, 'what'));
                }}
              >
                {t('actions.itemHeading', { number: a.number })}
              </a>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
