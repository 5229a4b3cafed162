import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { getNoteText, listPriorities, notesOf, prioritiesOf } from '../../../shared/boardDoc.js';

/**
 * The shared priority list (note ids, best first), as everyone sees it. Re-reads when the list
 * changes, and when notes are added or deleted (a deleted note drops out of the list); typing
 * in a note does not touch either.
 */
export function usePriorities(doc: Y.Doc): string[] {
  const [list, setList] = useState<string[]>(() => listPriorities(doc));
  useEffect(() => {
    const update = () =>
      setList((prev) => {
        const next = listPriorities(doc);
        return prev.length === next.length && prev.every((x, i) => x === next[i]) ? prev : next;
      });
    const priorities = prioritiesOf(doc);
    const notes = notesOf(doc);
    priorities.observe(update);
    notes.observe(update); // shallow: only notes added or deleted
    update();
    return () => {
      priorities.unobserve(update);
      notes.unobserve(update);
    };
  }, [doc]);
  return list;
}

/** A note's current text, live; null once the note is deleted. */
export function useNoteText(doc: Y.Doc, noteId: string): string | null {
  const [text, setText] = useState<string | null>(() => getNoteText(doc, noteId)?.toString() ?? null);
  useEffect(() => {
    let ytext: Y.Text | null = null;
    const update = () => setText(ytext ? ytext.toString() : null);
    const bind = () => {
      const next = getNoteText(doc, noteId);
      if (next !== ytext) {
        ytext?.unobserve(update);
        ytext = next;
        ytext?.observe(update);
      }
      update();
    };
    const onNotes = (e: Y.YMapEvent<Y.Map<unknown>>) => {
      if (e.keysChanged.has(noteId)) bind();
    };
    bind();
    const notes = notesOf(doc);
    notes.observe(onNotes);
    return () => {
      notes.unobserve(onNotes);
      ytext?.unobserve(update);
    };
  }, [doc, noteId]);
  return text;
}
