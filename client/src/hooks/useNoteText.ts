import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { getNoteText, notesOf } from '../../../shared/boardDoc.js';

/** A note's current text, live; null once the note is deleted (or before it has arrived). */
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
