import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
  type DragEndEvent,
  type Over,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { pick } from '../../../shared/i18nText.js';
import { useBoard } from '../board/BoardContext.js';
import { useNoteLayout } from '../hooks/useBoardModel.js';
import { focusNoteControl } from '../board/focus.js';
import { placeNote, type Place } from '../board/moves.js';
import { NoteDragPreview } from './NoteDragPreview.js';
import { SectionColumn } from './SectionColumn.js';
import { sectionPanelId, useBoardUi } from './board/BoardUi.js';
import { sectionTabId } from './board/SectionTabs.js';

interface DropData {
  type: 'note' | 'container';
  sectionId: string;
  groupId: string | null;
}

function dropData(x: Active | Over | null): DropData | null {
  const d = x?.data.current as Partial<DropData> | undefined;
  if (!d || (d.type !== 'note' && d.type !== 'container') || typeof d.sectionId !== 'string') return null;
  return { type: d.type, sectionId: d.sectionId, groupId: d.groupId ?? null };
}

/**
 * The sections, side by side when they fit; otherwise one at a time (tab panels, chosen in the
 * section switcher). Drag and drop moves notes within and between the sections on screen.
 */
export function BoardSections({ onDragging }: { onDragging: (id: string | null) => void }) {
  const { t } = useTranslation();
  const { doc, undoManager, sections, groups, lang, draggingId } = useBoard();
  const notes = useNoteLayout(doc);
  const ui = useBoardUi();
  const tabs = ui.layout === 'single' && sections.length > 1;
  const [keyboardDrag, setKeyboardDrag] = useState(false);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  function placeName(place: Place | null): string {
    if (!place) return '';
    const section = sections.find((s) => s.id === place.sectionId);
    const sectionTitle = section ? pick(section.title, lang) : '';
    const group = place.groupId ? groups.find((g) => g.id === place.groupId) : undefined;
    return group ? t('dnd.placeInGroup', { section: sectionTitle, group: group.title || t('noteGroup.untitled') }) : sectionTitle;
  }

  const announcements: Announcements = {
    onDragStart: () => t('dnd.pickedUp'),
    onDragOver: ({ over }) => (over ? t('dnd.over', { place: placeName(dropData(over)) }) : t('dnd.notOver')),
    onDragEnd: ({ over }) => (over ? t('dnd.dropped', { place: placeName(dropData(over)) }) : t('dnd.cancelled')),
    onDragCancel: () => t('dnd.cancelled'),
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    onDragging(null);
    const note = notes.find((n) => n.id === active.id);
    const target = dropData(over);
    if (!note || !over || !target) return;
    const place: Place = { sectionId: target.sectionId, groupId: target.groupId };
    const bucket = notes.filter((n) => n.sectionId === place.sectionId && n.groupId === place.groupId);
    undoManager.stopCapturing();
    if (target.type === 'note') {
      if (over.id === active.id) return;
      const overId = String(over.id);
      const sameList = note.sectionId === place.sectionId && note.groupId === place.groupId;
      const from = bucket.findIndex((n) => n.id === note.id);
      const to = bucket.findIndex((n) => n.id === overId);
      placeNote(doc, note.id, place, sameList && from < to ? { afterId: overId } : { beforeId: overId });
    } else {
      const lastOther = bucket.filter((n) => n.id !== note.id).at(-1);
      placeNote(doc, note.id, place, lastOther ? { afterId: lastOther.id } : {});
    }
    undoManager.stopCapturing();
    if (keyboardDrag) focusNoteControl(note.id, 'handle');
  }

  const dragging = draggingId ? notes.find((n) => n.id === draggingId) : undefined;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: t('dnd.instructions') },
      }}
      onDragStart={({ active, activatorEvent }) => {
        setKeyboardDrag(activatorEvent instanceof KeyboardEvent);
        onDragging(String(active.id));
      }}
      onDragEnd={onDragEnd}
      onDragCancel={() => onDragging(null)}
    >
      <div className={`sections sections--${ui.layout}`} style={{ '--section-count': sections.length } as CSSProperties}>
        {sections.map((s) => (
          // The same wrapper in both layouts, so a change of layout keeps every note (and focus).
          // biome-ignore lint/a11y/useAriaPropsSupportedByRole: aria-labelledby is set only with role="tabpanel" (both or neither).
          <div
            key={s.id}
            className="section-panel"
            id={sectionPanelId(s.id)}
            data-section-panel={s.id}
            role={tabs ? 'tabpanel' : undefined}
            aria-labelledby={tabs ? sectionTabId(s.id) : undefined}
            hidden={tabs && s.id !== ui.activeSection}
          >
            <SectionColumn section={s} />
          </div>
        ))}
      </div>
      <DragOverlay dropAnimation={null}>{dragging ? <NoteDragPreview note={dragging} /> : null}</DragOverlay>
    </DndContext>
  );
}
