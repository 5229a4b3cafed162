import * as Y from 'yjs';
import {
  compareByOrder,
  groupsOf,
  listGroups,
  listSections,
  notesOf,
  prioritiesOf,
  sectionsOf,
  readNoteMeta,
  type GroupView,
  type NoteView,
  type SectionView,
} from '../../../shared/boardDoc.js';

/** A note without its text: what the layout needs. The text is bound straight to each text field. */
export type NoteMeta = Omit<NoteView, 'text'>;

/** The key of one list of notes on screen: a section's ungrouped notes, or one of its groups. */
export function placeKey(sectionId: string, groupId: string | null): string {
  return `${sectionId}\u0000${groupId ?? ''}`;
}

type Listener = () => void;

/** One empty list for every empty place, so "still empty" keeps its identity. */
const EMPTY = Object.freeze([]) as unknown as never[];

function sameMeta(a: NoteMeta, b: NoteMeta): boolean {
  return (
    a.id === b.id &&
    a.sectionId === b.sectionId &&
    a.colour === b.colour &&
    a.author === b.author &&
    a.createdAt === b.createdAt &&
    a.groupId === b.groupId &&
    a.order === b.order
  );
}

function sameArray<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A note's layout fields (no text), from shared/boardDoc.ts's one defensive reader. */
function readMeta(m: unknown): NoteMeta | null {
  return m instanceof Y.Map ? readNoteMeta(m as Y.Map<unknown>) : null;
}

/**
 * The board's shared doc, read once and then kept up to date incrementally from Yjs events, with
 * subscriptions fine enough that a change re-renders only what it changes:
 *
 *   note:<id>     one note's layout fields (colour, section, group, order, author)
 *   text:<id>     one note's text (typing; nothing else listens to keystrokes)
 *   place:<key>   the ordered notes of one list (a section's ungrouped notes, or a group):
 *                 membership and order only, never text
 *   section:<id>  every note of one section, in order
 *   notes         any layout change anywhere (counts, drag and drop, list view)
 *   sections, groups, priorities
 *
 * Snapshots keep their identity while unchanged (same note object, same arrays), so React's
 * memo and useSyncExternalStore skip everything a change did not touch. Typing in a note is
 * a Y.Text event: it only notifies text:<id>, in O(1), whatever the size of the board.
 *
 * A note whose group is gone, or is in another section, shows as ungrouped (groupId null).
 */
export class BoardStore {
  readonly doc: Y.Doc;
  private readonly listeners = new Map<string, Set<Listener>>();
  private sections: SectionView[] = [];
  private groups: GroupView[] = [];
  private groupSection = new Map<string, string>();
  /** Note metas as stored (raw groupId), and as shown (groupId normalised). */
  private raw = new Map<string, NoteMeta>();
  private shown = new Map<string, NoteMeta>();
  /** place key -> ids in it (unordered); and its ordered snapshot. */
  private members = new Map<string, Set<string>>();
  private places = new Map<string, NoteMeta[]>();
  private placeIds = new Map<string, string[]>();
  private sectionNotes = new Map<string, NoteMeta[]>();
  private allNotes: NoteMeta[] | null = null;
  private priorities: string[] = [];
  private priorityIndex = new Map<string, number>();
  private readonly cleanups: Array<() => void> = [];

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.sections = listSections(doc);
    this.readGroups();
    notesOf(doc).forEach((m, id) => {
      const meta = readMeta(m);
      if (meta && meta.id === id) this.raw.set(id, meta);
    });
    for (const [id, meta] of this.raw) this.place(id, this.normalise(meta));
    for (const key of this.members.keys()) this.rebuildPlace(key);
    for (const s of new Set([...this.shown.values()].map((n) => n.sectionId))) this.rebuildSection(s);
    this.readPriorities();

    const notes = notesOf(doc);
    const onNotes = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => this.onNotes(events, notes);
    notes.observeDeep(onNotes);
    this.cleanups.push(() => notes.unobserveDeep(onNotes));

    const sections = sectionsOf(doc);
    const onSections = () => {
      const next = listSections(doc);
      if (JSON.stringify(next) === JSON.stringify(this.sections)) return;
      this.sections = next;
      this.emit(['sections']);
    };
    sections.observeDeep(onSections);
    this.cleanups.push(() => sections.unobserveDeep(onSections));

    const groups = groupsOf(doc);
    const onGroups = () => this.onGroups();
    groups.observeDeep(onGroups);
    this.cleanups.push(() => groups.unobserveDeep(onGroups));

    const priorities = prioritiesOf(doc);
    const onPriorities = () => {
      if (this.readPriorities()) this.emit(['priorities']);
    };
    priorities.observe(onPriorities);
    this.cleanups.push(() => priorities.unobserve(onPriorities));
  }

  destroy(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.listeners.clear();
  }

  /* ---------- Reading (snapshots; same identity while unchanged) ---------- */

  getSections = (): SectionView[] => this.sections;
  getGroups = (): GroupView[] => this.groups;
  getNote(id: string): NoteMeta | null {
    return this.shown.get(id) ?? null;
  }
  /** The notes of one list, in order. */
  getPlace(sectionId: string, groupId: string | null): NoteMeta[] {
    return this.places.get(placeKey(sectionId, groupId)) ?? EMPTY;
  }
  /** Ids of the notes of one list, in order (for drag-and-drop item lists). */
  getPlaceIds(sectionId: string, groupId: string | null): string[] {
    return this.placeIds.get(placeKey(sectionId, groupId)) ?? EMPTY;
  }
  /** Every note of one section (ungrouped and grouped), in order. */
  getSectionNotes(sectionId: string): NoteMeta[] {
    return this.sectionNotes.get(sectionId) ?? EMPTY;
  }
  /** Every note, in order. Rebuilt (once) after a layout change, not on typing. */
  getNotes = (): NoteMeta[] => {
    if (!this.allNotes) {
      const next = [...this.shown.values()].sort(compareByOrder);
      this.allNotes = next;
    }
    return this.allNotes;
  };
  noteCount(): number {
    return this.shown.size;
  }
  getPriorities = (): string[] => this.priorities;
  /** The note's place in the shared priority list (0-based), or -1. */
  getPriorityIndex(noteId: string): number {
    return this.priorityIndex.get(noteId) ?? -1;
  }
  /** The note's Y.Text, or null once it is deleted. */
  getText(noteId: string): Y.Text | null {
    const m = notesOf(this.doc).get(noteId);
    const t = m instanceof Y.Map ? m.get('text') : null;
    return t instanceof Y.Text ? t : null;
  }

  /* ---------- Subscribing ---------- */

  subscribe(topic: string, listener: Listener): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(topic) === set) this.listeners.delete(topic);
    };
  }

  private emit(topics: Iterable<string>): void {
    // Copy first: a listener may subscribe or unsubscribe others.
    const calls: Listener[] = [];
    for (const t of topics) for (const l of this.listeners.get(t) ?? []) calls.push(l);
    for (const l of calls) l();
  }

  /* ---------- Keeping up with the doc ---------- */

  private normalise(meta: NoteMeta): NoteMeta {
    if (meta.groupId && this.groupSection.get(meta.groupId) !== meta.sectionId) return { ...meta, groupId: null };
    return meta;
  }

  /** Records a note's shown meta and its membership; returns the place keys it left and joined. */
  private place(id: string, next: NoteMeta | null): string[] {
    const prev = this.shown.get(id) ?? null;
    const touched: string[] = [];
    const prevKey = prev ? placeKey(prev.sectionId, prev.groupId) : null;
    const nextKey = next ? placeKey(next.sectionId, next.groupId) : null;
    if (prevKey !== nextKey) {
      if (prevKey) {
        this.members.get(prevKey)?.delete(id);
        touched.push(prevKey);
      }
      if (nextKey) {
        let set = this.members.get(nextKey);
        if (!set) {
          set = new Set();
          this.members.set(nextKey, set);
        }
        set.add(id);
        touched.push(nextKey);
      }
    } else if (nextKey) {
      touched.push(nextKey); // same list: its order or one of its members' fields changed
    }
    if (next) this.shown.set(id, next);
    else this.shown.delete(id);
    return touched;
  }

  private rebuildPlace(key: string): boolean {
    const ids = this.members.get(key);
    const next = ids && ids.size > 0 ? [...ids].map((id) => this.shown.get(id)!).sort(compareByOrder) : EMPTY;
    const prev = this.places.get(key) ?? EMPTY;
    if (sameArray(prev, next)) return false;
    this.places.set(key, next);
    const nextIds = next.map((n) => n.id);
    if (!sameArray(this.placeIds.get(key) ?? EMPTY, nextIds)) this.placeIds.set(key, nextIds);
    if (next.length === 0) this.members.delete(key);
    return true;
  }

  private rebuildSection(sectionId: string): boolean {
    const next: NoteMeta[] = [];
    for (const n of this.shown.values()) if (n.sectionId === sectionId) next.push(n);
    next.sort(compareByOrder);
    if (sameArray(this.sectionNotes.get(sectionId) ?? EMPTY, next)) return false;
    this.sectionNotes.set(sectionId, next);
    return true;
  }

  private onNotes(events: Array<Y.YEvent<Y.AbstractType<unknown>>>, notes: Y.Map<Y.Map<unknown>>): void {
    const dirty = new Set<string>();
    const texts = new Set<string>();
    for (const e of events) {
      if (e.target === notes) {
        // Added, deleted or replaced (an undone delete): its text is a different Y.Text now.
        for (const key of (e as Y.YMapEvent<unknown>).keysChanged) {
          dirty.add(key);
          texts.add(key);
        }
      } else if (e.target instanceof Y.Text) {
        // Typing: only this note's text listeners hear of it.
        const m = e.target.parent;
        const id = m instanceof Y.Map ? noteKey(m) : null;
        if (id !== null) texts.add(id);
      } else if (e.target instanceof Y.Map && e.target.parent === notes) {
        const id = noteKey(e.target);
        if (id !== null) {
          dirty.add(id);
          if ((e as Y.YMapEvent<unknown>).keysChanged.has('text')) texts.add(id);
        }
      }
    }
    const topics = new Set<string>();
    if (dirty.size > 0) this.applyDirty(dirty, topics);
    for (const id of texts) topics.add(`text:${id}`);
    if (topics.size > 0) this.emit(topics);
  }

  private applyDirty(dirty: Set<string>, topics: Set<string>): void {
    const notes = notesOf(this.doc);
    const places = new Set<string>();
    const sections = new Set<string>();
    let membership = false;
    for (const id of dirty) {
      const m = notes.get(id);
      const meta = readMeta(m);
      const raw = meta && meta.id === id ? meta : null;
      const prevRaw = this.raw.get(id) ?? null;
      if (raw && prevRaw && sameMeta(raw, prevRaw)) continue;
      if (raw) this.raw.set(id, raw);
      else this.raw.delete(id);
      if (!raw !== !prevRaw) membership = true;
      const prevShown = this.shown.get(id) ?? null;
      const next = raw ? this.normalise(raw) : null;
      if (next && prevShown && sameMeta(next, prevShown)) continue;
      topics.add(`note:${id}`);
      if (prevShown) sections.add(prevShown.sectionId);
      if (next) sections.add(next.sectionId);
      for (const k of this.place(id, next)) places.add(k);
    }
    this.finish(places, sections, topics);
    if (membership && this.readPriorities()) topics.add('priorities');
  }

  private finish(places: Set<string>, sections: Set<string>, topics: Set<string>): void {
    if (places.size === 0 && sections.size === 0) return;
    for (const k of places) if (this.rebuildPlace(k)) topics.add(`place:${k}`);
    for (const s of sections) if (this.rebuildSection(s)) topics.add(`section:${s}`);
    this.allNotes = null;
    topics.add('notes');
  }

  private readGroups(): void {
    this.groups = listGroups(this.doc);
    this.groupSection = new Map(this.groups.map((g) => [g.id, g.sectionId]));
  }

  private onGroups(): void {
    const prev = this.groups;
    const prevSections = this.groupSection;
    this.readGroups();
    const topics = new Set<string>();
    if (JSON.stringify(prev) !== JSON.stringify(this.groups)) {
      topics.add('groups');
    } else {
      this.groups = prev;
    }
    // A group that went, appeared or changed section changes how its notes are shown.
    const changed = new Set<string>();
    for (const [id, s] of prevSections) if (this.groupSection.get(id) !== s) changed.add(id);
    for (const [id, s] of this.groupSection) if (prevSections.get(id) !== s) changed.add(id);
    if (changed.size > 0) {
      const places = new Set<string>();
      const sections = new Set<string>();
      for (const [id, raw] of this.raw) {
        if (!raw.groupId || !changed.has(raw.groupId)) continue;
        const next = this.normalise(raw);
        const prevShown = this.shown.get(id);
        if (prevShown && sameMeta(prevShown, next)) continue;
        topics.add(`note:${id}`);
        sections.add(next.sectionId);
        for (const k of this.place(id, next)) places.add(k);
      }
      this.finish(places, sections, topics);
    }
    if (topics.size > 0) this.emit(topics);
  }

  /** Re-reads the priority list (first copy wins, only notes that exist); true if it changed. */
  private readPriorities(): boolean {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const id of prioritiesOf(this.doc).toArray()) {
      if (typeof id !== 'string' || seen.has(id) || !this.raw.has(id)) continue;
      seen.add(id);
      out.push(id);
    }
    if (sameArray(out, this.priorities)) return false;
    this.priorities = out;
    this.priorityIndex = new Map(out.map((id, i) => [id, i]));
    return true;
  }
}

/** The key of a note's map in `notes` (its id). */
function noteKey(m: Y.Map<unknown>): string | null {
  const key = (m as unknown as { _item?: { parentSub?: string | null } })._item?.parentSub;
  if (typeof key === 'string') return key;
  const id = m.get('id');
  return typeof id === 'string' ? id : null;
}

const stores = new WeakMap<Y.Doc, BoardStore>();

/** The one store of a doc, made on first use and dropped with the doc. */
export function boardStoreFor(doc: Y.Doc): BoardStore {
  let store = stores.get(doc);
  if (!store) {
    const s = new BoardStore(doc);
    stores.set(doc, s);
    doc.once('destroy', () => {
      s.destroy();
      stores.delete(doc);
    });
    store = s;
  }
  return store;
}
