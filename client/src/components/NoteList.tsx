import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoard } from '../board/BoardContext.js';
import { useChunks } from '../board/noteChunks.js';
import { useProgressiveCount } from '../board/progressive.js';
import { containerId, type Place } from '../board/moves.js';
import type { NoteMeta } from '../hooks/useBoardModel.js';
import { NoteCard } from './NoteCard.js';

/** One list of notes (a section's ungrouped notes, or a group's) and a drop target for drags. */
export function NoteList({
  place,
  notes,
  firstNumber,
  sectionTitle,
  label,
  emptyText,
}: {
  place: Place;
  notes: NoteMeta[];
  firstNumber: number;
  sectionTitle: string;
  label: string;
  emptyText: string | null;
}) {
  const { t } = useTranslation();
  const { draggingId } = useBoard();
  const { setNodeRef, isOver } = useDroppable({
    id: containerId(place),
    data: { type: 'container', sectionId: place.sectionId, groupId: place.groupId },
  });
  const showEmpty = notes.length === 0 && (emptyText !== null || draggingId !== null);
  // The same items array while the list is the same: a new one re-renders every sortable note.
  const items = useMemo(() => notes.map((n) => n.id), [notes]);
  // A long list shows its first notes at once and the rest a moment later (board/progressive.ts).
  const shown = useProgressiveCount(notes.length);
  // Drawn in sticky chunks of notes; a chunk off screen is skipped by the browser (board/noteChunks.ts).
  const chunks = useChunks(notes);
  let offset = 0;
  return (
    <SortableContext items={items} strategy={verticalListSortingStrategy}>
      {/* role="list": the chunks (role="none") sit between the list and its items. */}
      <ul
        ref={setNodeRef}
        role="list"
        className={`note-list${isOver ? ' note-list--over' : ''}${draggingId !== null ? ' note-list--dragging' : ''}`}
        aria-label={label}
      >
        {chunks.map((chunk) => {
          const from = offset;
          offset += chunk.items.length;
          if (from >= shown) return null;
          const drawn = from + chunk.items.length > shown ? chunk.items.slice(0, shown - from) : chunk.items;
          return (
            <div key={chunk.key} role="none" className="note-chunk" style={{ '--chunk-notes': chunk.items.length } as CSSProperties}>
              {drawn.map((n, i) => (
                <NoteCard key={n.id} note={n} number={firstNumber + from + i} sectionTitle={sectionTitle} />
              ))}
            </div>
          );
        })}
        {showEmpty && <li className="note-list__empty">{emptyText ?? t('dnd.dropHere')}</li>}
      </ul>
    </SortableContext>
  );
}
