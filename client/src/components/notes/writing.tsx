import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/**
 * "Rhian is writing…": who is typing in which note, from Yjs awareness (nothing is stored).
 * Each person's awareness carries, under `codesign`, the note they are in and their participant
 * id, and, for a moment after they delete a note, which note (so whoever was typing in it can be
 * told who). While the board is anonymous nothing identifying is sent and nothing is shown.
 *
 * One listener for the whole board; each note subscribes to its own entry, so a person moving
 * between notes re-renders those two notes only.
 */
export interface WritingState {
  editing: string | null;
  pid: string | null;
  deleted: { noteId: string; at: number } | null;
}

const FIELD = 'codesign';

export class WritingStore {
  private byNote = new Map<string, string[]>();
  private listeners = new Map<string, Set<() => void>>();
  private readonly onChange = () => this.recompute();
  /** A stable empty list, so unchanged notes keep the same snapshot. */
  private static readonly NONE: string[] = [];
  private participantId: string | null = null;

  constructor(
    readonly awareness: Awareness,
    private anonymous: boolean,
  ) {
    awareness.on('change', this.onChange);
    this.recompute();
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    this.listeners.clear();
  }

  setAnonymous(anonymous: boolean): void {
    if (anonymous === this.anonymous) return;
    this.anonymous = anonymous;
    if (anonymous) this.publish({ editing: null, pid: null, deleted: null });
    this.recompute();
  }

  setParticipant(participantId: string): void {
    this.participantId = participantId;
  }

  isAnonymous(): boolean {
    return this.anonymous;
  }

  /** This person's own state (merged into what was there). */
  publish(patch: Partial<WritingState>): void {
    const current = (this.awareness.getLocalState()?.[FIELD] ?? {}) as Partial<WritingState>;
    const next: WritingState = { editing: null, pid: null, deleted: null, ...current, ...patch };
    next.pid = this.participantId;
    if (this.anonymous) {
      next.pid = null;
      next.deleted = null;
    }
    this.awareness.setLocalStateField(FIELD, next);
  }

  /** Participant ids of the other people writing in a note now. */
  writers(noteId: string): string[] {
    return this.byNote.get(noteId) ?? WritingStore.NONE;
  }

  /** Who deleted a note in the last minute, if they said (never on an anonymous board). */
  deletedBy(noteId: string): string | null {
    if (this.anonymous) return null;
    const now = Date.now();
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue;
      const s = state?.[FIELD] as Partial<WritingState> | undefined;
      if (s?.deleted?.noteId === noteId && typeof s.pid === 'string' && now - s.deleted.at < 60_000) return s.pid;
    }
    return null;
  }

  subscribe(noteId: string, cb: () => void): () => void {
    let set = this.listeners.get(noteId);
    if (!set) {
      set = new Set();
      this.listeners.set(noteId, set);
    }
    set.add(cb);
    return () => {
      set.delete(cb);
      if (set.size === 0) this.listeners.delete(noteId);
    };
  }

  private recompute(): void {
    const next = new Map<string, string[]>();
    if (!this.anonymous) {
      for (const [clientId, state] of this.awareness.getStates()) {
        if (clientId === this.awareness.clientID) continue;
        const s = state?.[FIELD] as Partial<WritingState> | undefined;
        if (!s || typeof s.editing !== 'string' || typeof s.pid !== 'string') continue;
        const list = next.get(s.editing) ?? [];
        if (!list.includes(s.pid)) list.push(s.pid);
        next.set(s.editing, list);
      }
    }
    const changed = new Set<string>();
    for (const [id, list] of next) {
      const before = this.byNote.get(id);
      if (!before || before.join() !== list.join()) changed.add(id);
      else next.set(id, before);
    }
    for (const id of this.byNote.keys()) if (!next.has(id)) changed.add(id);
    this.byNote = next;
    for (const id of changed) for (const cb of this.listeners.get(id) ?? []) cb();
  }
}

interface WritingContextValue {
  store: WritingStore | null;
  nameOf: (participantId: string) => string | null;
}

// Two contexts: the store keeps its identity, the names change as people come and go, and only
// what shows names reads them (a note's menu, drawn on every note, needs the store alone).
const WritingStoreContext = createContext<WritingStore | null>(null);
const WritingNamesContext = createContext<(participantId: string) => string | null>(() => null);

export function useWritingStore(): WritingContextValue {
  return { store: useContext(WritingStoreContext), nameOf: useContext(WritingNamesContext) };
}

/** The store alone (to publish to it): does not re-render when names change. */
export function useWritingStoreOnly(): WritingStore | null {
  return useContext(WritingStoreContext);
}

/** The names of the other people writing in a note now (empty on an anonymous board). */
export function useWriters(noteId: string): string[] {
  const { store, nameOf } = useWritingStore();
  const ids = useSyncExternalStore(
    (cb) => (store ? store.subscribe(noteId, cb) : () => {}),
    () => (store ? store.writers(noteId) : EMPTY),
  );
  return useMemo(() => ids.map((id) => nameOf(id)).filter((n): n is string => !!n), [ids, nameOf]);
}
const EMPTY: string[] = [];

/**
 * Provides the store, and keeps this person's own awareness up to date: the note whose text has
 * focus (from focusin/focusout anywhere on the page), their participant id, and nothing while
 * the board is anonymous.
 */
export function WritingProvider({
  awareness,
  anonymous,
  participantId,
  nameOf,
  children,
}: {
  awareness: Awareness;
  anonymous: boolean;
  participantId: string;
  nameOf: (participantId: string) => string | null;
  children: ReactNode;
}) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: one store per awareness; it is told of `anonymous` changes, not rebuilt for them.
  const store = useMemo(() => new WritingStore(awareness, anonymous), [awareness]);
  useEffect(() => () => store.destroy(), [store]);
  useEffect(() => store.setAnonymous(anonymous), [store, anonymous]);
  useEffect(() => store.setParticipant(participantId), [store, participantId]);

  useEffect(() => {
    const noteOf = (el: EventTarget | null): string | null =>
      el instanceof HTMLTextAreaElement ? (el.closest('[data-note-id]')?.getAttribute('data-note-id') ?? null) : null;
    const onFocus = (e: FocusEvent) => {
      const noteId = noteOf(e.target);
      if (noteId && !store.isAnonymous()) store.publish({ editing: noteId });
    };
    const onBlur = (e: FocusEvent) => {
      if (noteOf(e.target) && !noteOf(e.relatedTarget)) store.publish({ editing: null });
    };
    document.addEventListener('focusin', onFocus);
    document.addEventListener('focusout', onBlur);
    return () => {
      document.removeEventListener('focusin', onFocus);
      document.removeEventListener('focusout', onBlur);
    };
  }, [store]);

  return (
    <WritingStoreContext.Provider value={store}>
      <WritingNamesContext.Provider value={nameOf}>{children}</WritingNamesContext.Provider>
    </WritingStoreContext.Provider>
  );
}
