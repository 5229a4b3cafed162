import * as Y from 'yjs';
import {
  groupsOf,
  listGroups,
  listNotes,
  listSections,
  notesOf,
  sectionsOf,
  type GroupView,
  type NoteView,
  type SectionView,
} from '../../../shared/boardDoc.js';
import { useYObserved } from './useYObserved.js';

/** A note without its text: what the layout needs. The text is bound straight to each textarea. */
export type NoteMeta = Omit<NoteView, 'text'>;

export function useSections(doc: Y.Doc): SectionView[] {
  return useYObserved(sectionsOf(doc), () => listSections(doc));
}

/** Typing inside a note only touches its Y.Text: such events never change the layout. */
function touchesLayout(events: Array<Y.YEvent<any>>): boolean {
  return events.some((e) => !(e.target instanceof Y.Text));
}

export function useNoteLayout(doc: Y.Doc): NoteMeta[] {
  return useYObserved(
    notesOf(doc),
    () => listNotes(doc).map(({ text: _text, ...meta }) => meta),
    undefined,
    touchesLayout,
  );
}

export function useGroups(doc: Y.Doc): GroupView[] {
  return useYObserved(groupsOf(doc), () => listGroups(doc));
}
