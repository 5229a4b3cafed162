/**
 * Moving a note can re-create its card somewhere else on the page, which loses keyboard focus.
 * After such an action we put focus back on the same control of the same note, once it exists.
 */
export type NoteControl = 'text' | 'handle' | 'up' | 'down' | 'options' | 'menu' | 'colour' | 'group' | 'delete';

/**
 * Asks the board to show an element that is about to be focused: its section (when one section
 * is shown at a time) or the drawer it is in (components/board/BoardUi.tsx listens).
 */
export function reveal(el: HTMLElement): void {
  el.dispatchEvent(new CustomEvent('codesign:reveal', { bubbles: true }));
}

function retry(find: () => HTMLElement | null, onFound: (el: HTMLElement) => void, frames = 30): void {
  let seen = 0;
  let revealed = false;
  const attempt = (left: number) => {
    const el = find();
    if (el) {
      if (!revealed) {
        revealed = true;
        reveal(el);
      }
      // Once it had focus, only a lost focus is put back: if the person has moved on (opened the
      // menu they were on, pressed Tab), taking focus back would undo what they just did.
      const active = document.activeElement;
      const lost = !active || active === document.body || !active.isConnected;
      if (seen > 0 && active !== el && !lost) return;
      if (active !== el) onFound(el);
      if (document.activeElement === el) seen++;
    }
    // Keep checking for a couple of frames after finding it: the list may still re-render.
    if (seen < 3 && left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  requestAnimationFrame(() => attempt(frames));
}

export function focusNoteControl(noteId: string, control: NoteControl): void {
  retry(
    () => document.querySelector(`[data-note-id="${CSS.escape(noteId)}"]`)?.querySelector<HTMLElement>(`[data-focus="${control}"]`) ?? null,
    (el) => el.focus(),
  );
}

/** Focuses an element by id once it exists (e.g. a new group's name field). */
export function focusById(id: string, select = false): void {
  retry(
    () => document.getElementById(id),
    (el) => {
      el.focus();
      if (select && el instanceof HTMLInputElement) el.select();
    },
  );
}
