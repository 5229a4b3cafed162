import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import { addAction, listActions } from '../../../../shared/actionPlan.js';
import { actionsOf } from '../../../../shared/boardDoc.js';
import { useBoard } from '../../board/BoardContext.js';
import { focusById } from '../../board/focus.js';
import { useActionList } from '../../hooks/useActions.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { Icon } from '../ui/Icon.js';

import { ActionItem, actionControlId } from './ActionItem.js';
import { Button } from '../ui/Button.js';

export const ACTION_PLAN_ID = 'action-plan';
export const ACTION_PLAN_HEADING_ID = 'action-plan-heading';

/**
 * The action plan everyone writes together (the doc's `actions`): what will happen, who will do
 * it, by when, and how it is going. Anyone can add, change or delete an action; undo covers it.
 */
export function ActionPlanPanel({ inDrawer = false }: { provider?: WebsocketProvider; inDrawer?: boolean }) {
  const Wrapper = inDrawer ? 'div' : 'section';
  const { t } = useTranslation();
  const { doc, undoManager, announce } = useBoard();
  const { readOnly } = useFacilitationView();
  const actions = useActionList(doc);

  // Undo and redo cover the action plan too (this person's own changes only).
  useEffect(() => {
    undoManager.addToScope(actionsOf(doc));
  }, [doc, undoManager]);

  // Other people's new actions are announced with the board's other changes (useRemoteNoteAnnouncements).

  function add() {
    undoManager.stopCapturing();
    const id = addAction(doc);
    undoManager.stopCapturing();
    announce(t('actions.added', { number: listActions(doc).findIndex((a) => a.id === id) + 1 }));
    focusById(actionControlId(id, 'what'));
  }

  return (
    <Wrapper className="action-plan" id={ACTION_PLAN_ID} aria-labelledby={inDrawer ? undefined : ACTION_PLAN_HEADING_ID}>
      {!inDrawer && (
        <h2 className="action-plan__heading" id={ACTION_PLAN_HEADING_ID} tabIndex={-1}>
          <Icon name="action" /> {t('actions.heading')}
        </h2>
      )}
      <p className="panel__hint">{t('actions.intro')}</p>
      {readOnly && <p className="action-plan__locked">{t('actions.locked')}</p>}
      {actions.length === 0 ? (
        <p className="action-plan__empty">{t('actions.empty')}</p>
      ) : (
        <ol className="action-list" aria-label={t('actions.listLabel', { count: actions.length })}>
          {actions.map((a, i) => (
            <ActionItem key={a.id} action={a} number={i + 1} nextId={(actions[i + 1] ?? actions[i - 1])?.id ?? null} />
          ))}
        </ol>
      )}
      {!readOnly && (
        <Button id="action-add" className="action-plan__add" onClick={add}>
          <Icon name="plus" /> {t('actions.add')}
        </Button>
      )}
    </Wrapper>
  );
}
