import { useTranslation } from 'react-i18next';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { movePriority } from '../../../../shared/boardDoc.js';
import { useBoard } from '../../board/BoardContext.js';
import { focusById } from '../../board/focus.js';
import { usePriorities } from '../../hooks/usePriorities.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { PRIORITIES_HEADING_ID } from '../voting/ResultsList.js';
import { PriorityItem } from './PriorityItem.js';

/**
 * "Our shared priorities": an ordered list of notes that anyone can add to, take from and
 * reorder, by dragging or with Move up / Move down. It lives in the shared doc, so everyone
 * sees the same order.
 */
export function PrioritiesPanel({ inDrawer = false }: { inDrawer?: boolean }) {
  const Wrapper = inDrawer ? 'div' : 'section';
  const { t } = useTranslation();
  const { doc, undoManager } = useBoard();
  const list = usePriorities(doc);
  const { readOnly } = useFacilitationView();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const position = (id: string | number | undefined) => list.indexOf(String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('priorities.dnd.pickedUp', { position: position(active.id), total: list.length }),
    onDragOver: ({ over }) =>
      over ? t('priorities.dnd.over', { position: position(over.id), total: list.length }) : t('priorities.dnd.notOver'),
    onDragEnd: ({ over }) =>
      over ? t('priorities.dnd.dropped', { position: position(over.id), total: list.length }) : t('priorities.dnd.cancelled'),
    onDragCancel: () => t('priorities.dnd.cancelled'),
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || over.id === active.id) return;
    const to = list.indexOf(String(over.id));
    if (to < 0) return;
    undoManager.stopCapturing();
    movePriority(doc, String(active.id), to);
    undoManager.stopCapturing();
    focusById(`priority-handle-${String(active.id)}`);
  }

  return (
    <Wrapper className="priorities" id="priorities" aria-labelledby={inDrawer ? undefined : PRIORITIES_HEADING_ID}>
      {!inDrawer && (
        <h2 className="priorities__heading" id={PRIORITIES_HEADING_ID} tabIndex={-1}>
          <span aria-hidden="true">★</span> {t('priorities.heading')}
        </h2>
      )}
      <p className="panel__hint">{t('priorities.intro')}</p>
      {readOnly && <p className="priorities__locked">{t('priorities.locked')}</p>}
      {list.length === 0 ? (
        <p className="priorities__empty">{t('priorities.empty')}</p>
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t('priorities.dnd.instructions') } }}
          onDragEnd={onDragEnd}
        >
          <SortableContext items={list} strategy={verticalListSortingStrategy}>
            <ol className="priorities__list" aria-label={t('priorities.listLabel')}>
              {list.map((id, i) => (
                <PriorityItem key={id} noteId={id} index={i} list={list} />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
    </Wrapper>
  );
}
