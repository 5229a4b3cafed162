import { useCallback, useSyncExternalStore } from 'react';

/**
 * What every note card shows that comes from outside the note: whether this person may edit
 * (the board is locked), which notes are theirs ("You"), and who wrote the others (names from
 * facilitation, none on an anonymous board). These change a few times after the board opens
 * (the session and the facilitation state arrive) and rarely after that.
 *
 * Held in one store per board view, not in a context value: a card reads what it shows through
 * useNoteView(select), and re-renders only when that selection changes. A context whose value
 * changed would re-render every card of the board at once (300 and more), e.g. when the names
 * of the people arrive just after the board is shown.
 */
export interface NoteView {
  readOnly: boolean;
  /** Every key this person's notes may carry (named and anonymous). */
  myAuthorKeys: ReadonlySet<string>;
  /** Author key -> name; empty on an anonymous board. */
  authorNames: ReadonlyMap<string, string>;
}

export class NoteViewStore {
  private value: NoteView;
  private readonly listeners = new Set<() => void>();

  constructor(initial: NoteView) {
    this.value = initial;
  }

  get = (): NoteView => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(next: NoteView): void {
    const v = this.value;
    if (v.readOnly === next.readOnly && v.myAuthorKeys === next.myAuthorKeys && v.authorNames === next.authorNames) return;
    this.value = next;
    for (const l of [...this.listeners]) l();
  }
}

/** One thing from the note view (a boolean, a name): re-renders only when it changes. */
export function useNoteView<T extends string | number | boolean | null>(store: NoteViewStore, select: (view: NoteView) => T): T {
  // `select` may be a new function each render; what it returns is compared by value.
  const read = useCallback(() => select(store.get()), [store, select]);
  return useSyncExternalStore(store.subscribe, read, read);
}
