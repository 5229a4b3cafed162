import { useLayoutEffect, type RefObject } from 'react';
import type * as Y from 'yjs';
import { applyTextChange } from '../../../shared/textDiff.js';

type Delta = Array<{ insert?: string | object; retain?: number; delete?: number }>;

/** Maps a caret position through a remote change, so the person's caret stays where they were typing. */
export function transformPosition(pos: number, delta: Delta): number {
  let index = 0;
  let p = pos;
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < p) p += len;
      index += len;
    } else if (op.delete !== undefined) {
      if (index < p) p -= Math.min(op.delete, p - index);
    }
    if (index > p) break;
  }
  return p;
}

/**
 * Binds a plain textarea to a shared Y.Text: local input becomes a minimal splice
 * (applyTextChange), remote edits update the value and keep the caret and selection in place.
 * Draw the field with the text it starts with (`defaultValue`) where you can.
 */
export function useNoteTextBinding(ytext: Y.Text | null, ref: RefObject<HTMLTextAreaElement | null>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !ytext) return;
    // A field drawn with its text already (defaultValue) is not set again: setting the value of
    // a field in the page costs more than giving it at creation, on hundreds of notes at once.
    const text = ytext.toString();
    if (el.value !== text) el.value = text;
    const onInput = (e: Event) => {
      // The field is not React's to manage: an input event reaching React's root makes it
      // "restore" the textarea, which sets its defaultValue (its text node) on every key. That
      // is a change to the page's DOM, and on a big board it costs a style, layout and paint
      // pass over far more than this note. Listeners on the document still hear it when they
      // listen in the capture phase (notes/NoteWatch.tsx does).
      e.stopPropagation();
      applyTextChange(ytext, el.value);
    };
    const observer = (event: Y.YTextEvent) => {
      const next = ytext.toString();
      if (el.value === next) return;
      const focused = document.activeElement === el;
      if (!focused) {
        el.value = next;
        return;
      }
      const delta = event.delta as Delta;
      const start = transformPosition(el.selectionStart, delta);
      const end = transformPosition(el.selectionEnd, delta);
      const direction = el.selectionDirection;
      el.value = next;
      el.setSelectionRange(start, end, direction ?? undefined);
    };
    el.addEventListener('input', onInput);
    ytext.observe(observer);
    return () => {
      el.removeEventListener('input', onInput);
      ytext.unobserve(observer);
    };
  }, [ytext, ref]);
}
