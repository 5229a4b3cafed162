import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { notesOf } from '../../../../shared/boardDoc.js';
import { useBoardCore } from '../../board/BoardContext.js';
import { focusById, focusNoteControl } from '../../board/focus.js';
import { useFacilitationView } from '../facilitation/FacilitationViewContext.js';
import { Banner } from '../ui/Banner.js';
import { Button } from '../ui/Button.js';
import { restoreNote, snapshotNote, type NoteSnapshot } from './restore.js';
import { useWritingStore } from './writing.js';

/** Sent (on window) by whoever deletes a note on this page, with its snapshot, to offer Restore. */
export const NOTE_DELETED_EVENT = 'codesign:note-deleted';

export function noteDeletedHere(snap: NoteSnapshot): void {
  window.dispatchEvent(new CustomEvent<NoteSnapshot>(NOTE_DELETED_EVENT, { detail: snap }));
}

type Notice =
  | { kind: 'under-you'; snap: NoteSnapshot; who: string | null; serial: number }
  | { kind: 'mine'; snap: NoteSnapshot; serial: number };

/**
 * A note deleted while someone is typing in it: that person is told who deleted it (or
 * "Someone" on an anonymous board), focus goes to "Restore the note", and one press brings the
 * note back with everything they had typed. A note deleted on this page gets a Restore too.
 */
export function NoteWatch() {
  const { t } = useTranslation();
  const { doc, undoManager, announce } = useBoardCore();
  const { store, nameOf } = useWritingStore();
  const { anonymous } = useFacilitationView();
  const id = useId();
  const [notice, setNotice] = useState<Notice | null>(null);
  const focusedNote = useRef<NoteSnapshot | null>(null);
  const restoreButton = useRef<HTMLButtonElement>(null);
  const serial = useRef(0);

  // What the person is typing in, kept fresh: once a note is deleted its content can no longer be read.
  useEffect(() => {
    const noteOf = (el: EventTarget | null) =>
      el instanceof HTMLTextAreaElement ? (el.closest('[data-note-id]')?.getAttribute('data-note-id') ?? null) : null;
    const remember = (e: Event) => {
      const noteId = noteOf(e.target);
      if (!noteId) return;
      const value = (e.target as HTMLTextAreaElement).value;
      // Typing only changes the words: no need to read the board on every key.
      if (e.type === 'input' && focusedNote.current?.id === noteId) focusedNote.current.text = value;
      else focusedNote.current = snapshotNote(doc, noteId, value) ?? focusedNote.current;
    };
    const forget = (e: FocusEvent) => {
      const noteId = noteOf(e.target);
      // Keep it if the note is going away right now (the textarea is still in the page then).
      if (noteId && notesOf(doc).has(noteId)) focusedNote.current = null;
    };
    document.addEventListener('focusin', remember);
    // In the capture phase: a note's field stops its input events (hooks/useNoteTextBinding.ts).
    document.addEventListener('input', remember, true);
    document.addEventListener('focusout', forget);
    return () => {
      document.removeEventListener('focusin', remember);
      document.removeEventListener('input', remember, true);
      document.removeEventListener('focusout', forget);
    };
  }, [doc]);

  // Someone else deleted the note this person is typing in.
  useEffect(() => {
    const notes = notesOf(doc);
    const onChange = (event: Y.YMapEvent<Y.Map<unknown>>, tr: Y.Transaction) => {
      if (tr.local) return;
      const mine = focusedNote.current;
      if (!mine || !event.keysChanged.has(mine.id) || notes.has(mine.id)) return;
      const field = document.querySelector<HTMLTextAreaElement>(`[data-note-id="${CSS.escape(mine.id)}"] textarea`);
      const snap = { ...mine, text: field?.value ?? mine.text };
      focusedNote.current = null;
      const n = ++serial.current;
      const who = store?.deletedBy(mine.id) ?? null;
      setNotice({ kind: 'under-you', snap, who, serial: n });
      // Who deleted it may arrive a moment after the change itself.
      if (!who && !anonymous) {
        window.setTimeout(() => {
          const later = store?.deletedBy(mine.id) ?? null;
          if (later) setNotice((cur) => (cur && cur.serial === n && cur.kind === 'under-you' ? { ...cur, who: later } : cur));
        }, 500);
      }
    };
    notes.observe(onChange);
    return () => notes.unobserve(onChange);
  }, [doc, store, anonymous]);

  // Deleted on this page: offer Restore for a while.
  useEffect(() => {
    const onDeleted = (e: Event) => {
      const snap = (e as CustomEvent<NoteSnapshot>).detail;
      if (snap) setNotice({ kind: 'mine', snap, serial: ++serial.current });
    };
    window.addEventListener(NOTE_DELETED_EVENT, onDeleted);
    return () => window.removeEventListener(NOTE_DELETED_EVENT, onDeleted);
  }, []);

  useEffect(() => {
    if (!notice) return;
    if (notice.kind === 'under-you') {
      // Focus was in the note that has gone: it goes to the one action that helps.
      requestAnimationFrame(() => restoreButton.current?.focus());
      return;
    }
    const timer = window.setTimeout(() => setNotice((cur) => (cur?.serial === notice.serial ? null : cur)), 15_000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  // A notice is about a note that is gone: if it comes back some other way, the notice goes.
  useEffect(() => {
    if (!notice) return;
    const notes = notesOf(doc);
    const check = () => {
      if (notes.has(notice.snap.id)) setNotice((cur) => (cur?.serial === notice.serial ? null : cur));
    };
    notes.observe(check);
    return () => notes.unobserve(check);
  }, [notice, doc]);

  if (!notice) return null;

  const restore = () => {
    const snap = notice.snap;
    undoManager.stopCapturing();
    restoreNote(doc, snap);
    undoManager.stopCapturing();
    setNotice(null);
    announce(t('ui.note.restored'));
    focusNoteControl(snap.id, 'text');
    // The caret goes to the end of what they had written.
    const onFocus = (e: FocusEvent) => {
      const el = e.target;
      if (el instanceof HTMLTextAreaElement && el.closest(`[data-note-id="${CSS.escape(snap.id)}"]`)) {
        el.setSelectionRange(el.value.length, el.value.length);
        document.removeEventListener('focusin', onFocus);
      }
    };
    document.addEventListener('focusin', onFocus);
    window.setTimeout(() => document.removeEventListener('focusin', onFocus), 2000);
  };

  const dismiss = () => {
    const sectionId = notice.snap.sectionId;
    const wasUnder = notice.kind === 'under-you';
    setNotice(null);
    if (wasUnder) focusById(`add-note-${sectionId}`);
  };

  const message =
    notice.kind === 'mine'
      ? t('ui.note.deletedMine')
      : notice.who && nameOf(notice.who)
        ? t('ui.note.deletedBy', { name: nameOf(notice.who) })
        : t('ui.note.deletedBySomeone');

  return (
    <Banner
      tone={notice.kind === 'mine' ? 'info' : 'warn'}
      icon="trash"
      compact
      role={notice.kind === 'mine' ? 'status' : undefined}
      className="note-watch"
      onDismiss={dismiss}
      actions={
        <Button ref={restoreButton} size="sm" variant="primary" icon="restore" aria-describedby={`${id}-message`} onClick={restore}>
          {t('ui.note.restore')}
        </Button>
      }
    >
      <p id={`${id}-message`}>{message}</p>
    </Banner>
  );
}
