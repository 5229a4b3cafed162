import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { GroupView, SectionView } from '../../../shared/boardDoc.js';
import { boardStoreFor, type BoardStore, type NoteMeta } from '../board/boardStore.js';

/** A note without its text: what the layout needs. The text is bound straight to each textarea. */
export type { NoteMeta } from '../board/boardStore.js';

/**
 * Hooks over the board's store (client/src/board/boardStore.ts): each subscribes to one topic,
 * so a component re-renders only when what it reads changed. Typing in a note changes none of
 * them except useNoteText for that note.
 */
export function useBoardStore(doc: Y.Doc): BoardStore {
  return useMemo(() => boardStoreFor(doc), [doc]);
}

function useTopic<T>(store: BoardStore, topic: string, read: () => T): T {
  const subscribe = useCallback((cb: () => void) => store.subscribe(topic, cb), [store, topic]);
  return useSyncExternalStore(subscribe, read, read);
}

export function useSections(doc: Y.Doc): SectionView[] {
  const store = useBoardStore(doc);
  return useTopic(store, 'sections', store.getSections);
}

/** Every note's layout, in order; a group that is gone or elsewhere shows as no group. Not touched by typing. */
export function useNoteLayout(doc: Y.Doc): NoteMeta[] {
  const store = useBoardStore(doc);
  return useTopic(store, 'notes', store.getNotes);
}

export function useGroups(doc: Y.Doc): GroupView[] {
  const store = useBoardStore(doc);
  return useTopic(store, 'groups', store.getGroups);
}

/** One note's layout (colour, section, group, order, author); null once deleted. */
export function useNote(doc: Y.Doc, noteId: string): NoteMeta | null {
  const store = useBoardStore(doc);
  return useTopic(
    store,
    `note:${noteId}`,
    useCallback(() => store.getNote(noteId), [store, noteId]),
  );
}

/** The notes of one list (a section's ungrouped notes, or a group), in order: changes only when its membership, order or a member's layout changes. */
export function usePlaceNotes(doc: Y.Doc, sectionId: string, groupId: string | null): NoteMeta[] {
  const store = useBoardStore(doc);
  const key = `place:${sectionId}\u0000${groupId ?? ''}`;
  return useTopic(
    store,
    key,
    useCallback(() => store.getPlace(sectionId, groupId), [store, sectionId, groupId]),
  );
}

/** Ids of the notes of one list, in order: the same array until membership or order changes. */
export function usePlaceIds(doc: Y.Doc, sectionId: string, groupId: string | null): string[] {
  const store = useBoardStore(doc);
  const key = `place:${sectionId}\u0000${groupId ?? ''}`;
  return useTopic(
    store,
    key,
    useCallback(() => store.getPlaceIds(sectionId, groupId), [store, sectionId, groupId]),
  );
}

/** Every note of one section (ungrouped and in groups), in order. */
export function useSectionNotes(doc: Y.Doc, sectionId: string): NoteMeta[] {
  const store = useBoardStore(doc);
  return useTopic(
    store,
    `section:${sectionId}`,
    useCallback(() => store.getSectionNotes(sectionId), [store, sectionId]),
  );
}

/** How many notes the board has. */
export function useNoteCount(doc: Y.Doc): number {
  const store = useBoardStore(doc);
  return useTopic(
    store,
    'notes',
    useCallback(() => store.noteCount(), [store]),
  );
}

/** A note's Y.Text (to bind a text field to), following an undone delete to its new Y.Text. */
export function useNoteYText(doc: Y.Doc, noteId: string): Y.Text | null {
  const store = useBoardStore(doc);
  return useTopic(
    store,
    `text:${noteId}`,
    useCallback(() => store.getText(noteId), [store, noteId]),
  );
}
