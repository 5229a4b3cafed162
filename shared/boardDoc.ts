// Long by design: every accessor of the shared doc in one place, so every write a client makes goes through here.
import * as Y from 'yjs';
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import type { BilingualText } from './i18nText.js';
import { DEFAULT_NOTE_COLOUR, isNoteColour, type NoteColour } from './colours.js';
import { randomId } from './ids.js';
import type { TemplateDefinition } from './templates.js';

/**
 * The shape of a board's shared Yjs doc, and typed accessors for it. Every participant writes
 * this doc equally; nothing here may decide anything that must be fair (votes, roles, lock):
 * those live in the server's session state. (Long on purpose: every writer of the doc, client
 * and server, goes through these accessors, so the doc's rules stay in one place.)
 *
 *   sections   Y.Array<Y.Map>  {id, title: {en, cy}, prompt: {en, cy}}
 *   notes      Y.Map<id, Y.Map> {id, sectionId, text: Y.Text, colour, author, createdAt, groupId?, order}
 *   groups     Y.Map<id, Y.Map> {id, sectionId, title, createdAt}
 *   priorities Y.Array<noteId>
 *   actions    Y.Map (filled by the action-plan work)
 *
 * `author` is an opaque per-board author key, never a name or participant id.
 * `order` is a fractional index (string); ties (concurrent inserts) break on id.
 */
export const ROOT = {
  sections: 'sections',
  notes: 'notes',
  groups: 'groups',
  priorities: 'priorities',
  actions: 'actions',
} as const;

export interface SectionView {
  id: string;
  title: BilingualText;
  prompt: BilingualText;
}

export interface NoteView {
  id: string;
  sectionId: string;
  text: string;
  colour: NoteColour;
  author: string;
  createdAt: number;
  groupId: string | null;
  order: string;
}

export interface GroupView {
  id: string;
  sectionId: string;
  title: string;
  createdAt: number;
}

export function sectionsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ROOT.sections);
}
export function notesOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(ROOT.notes);
}
export function groupsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(ROOT.groups);
}
export function prioritiesOf(doc: Y.Doc): Y.Array<string> {
  return doc.getArray<string>(ROOT.priorities);
}
export function actionsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT.actions);
}

/** Fills an empty doc with a template's sections. Used once, by the server, when a board is created. */
export function initBoardDoc(doc: Y.Doc, template: TemplateDefinition): void {
  doc.transact(() => {
    const sections = sectionsOf(doc);
    for (const s of template.sections) {
      const m = new Y.Map<unknown>();
      m.set('id', s.id);
      m.set('title', { ...s.title });
      m.set('prompt', { ...s.prompt });
      sections.push([m]);
    }
  });
}

function isBilingual(v: unknown): v is BilingualText {
  return typeof v === 'object' && v !== null && typeof (v as BilingualText).en === 'string';
}

export function readSection(m: Y.Map<unknown>): SectionView | null {
  const id = m.get('id');
  const title = m.get('title');
  const prompt = m.get('prompt');
  if (typeof id !== 'string' || !isBilingual(title)) return null;
  return { id, title, prompt: isBilingual(prompt) ? prompt : { en: '', cy: '' } };
}

export function listSections(doc: Y.Doc): SectionView[] {
  return sectionsOf(doc)
    .toArray()
    .map(readSection)
    .filter((s): s is SectionView => s !== null);
}

/** Reads a note map defensively: the doc is written by clients, so any field may be missing or wrong. */
export function readNote(m: Y.Map<unknown>): NoteView | null {
  const meta = readNoteMeta(m);
  if (!meta) return null;
  const text = m.get('text');
  return { ...meta, text: text instanceof Y.Text ? text.toString() : '' };
}

/** A note's fields without its text (what layout needs), read as defensively as readNote. */
export function readNoteMeta(m: Y.Map<unknown>): Omit<NoteView, 'text'> | null {
  const id = m.get('id');
  const sectionId = m.get('sectionId');
  if (typeof id !== 'string' || typeof sectionId !== 'string') return null;
  const colour = m.get('colour');
  const author = m.get('author');
  const createdAt = m.get('createdAt');
  const groupId = m.get('groupId');
  const order = m.get('order');
  return {
    id,
    sectionId,
    colour: isNoteColour(colour) ? colour : DEFAULT_NOTE_COLOUR,
    author: typeof author === 'string' ? author : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    groupId: typeof groupId === 'string' && groupId ? groupId : null,
    order: typeof order === 'string' ? order : '',
  };
}

export function compareByOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function listNotes(doc: Y.Doc): NoteView[] {
  const out: NoteView[] = [];
  notesOf(doc).forEach((m) => {
    const n = m instanceof Y.Map ? readNote(m) : null;
    if (n) out.push(n);
  });
  return out.sort(compareByOrder);
}

export function notesInSection(doc: Y.Doc, sectionId: string): NoteView[] {
  return listNotes(doc).filter((n) => n.sectionId === sectionId);
}

export function getNoteText(doc: Y.Doc, noteId: string): Y.Text | null {
  const m = notesOf(doc).get(noteId);
  const t = m instanceof Y.Map ? m.get('text') : null;
  return t instanceof Y.Text ? t : null;
}

/** An order key that sorts after every note in the section. */
function orderAtEnd(doc: Y.Doc, sectionId: string, exceptId?: string): string {
  const notes = notesInSection(doc, sectionId).filter((n) => n.id !== exceptId);
  const last = notes.at(-1);
  return generateKeyBetween(last && isValidKey(last.order) ? last.order : null, null);
}

function isValidKey(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

export interface NewNote {
  sectionId: string;
  text?: string;
  colour?: NoteColour;
  author: string;
  groupId?: string | null;
  now?: number;
}

export function addNote(doc: Y.Doc, input: NewNote): string {
  const id = randomId();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    const text = new Y.Text();
    if (input.text) text.insert(0, input.text);
    m.set('id', id);
    m.set('sectionId', input.sectionId);
    m.set('text', text);
    m.set('colour', input.colour ?? DEFAULT_NOTE_COLOUR);
    m.set('author', input.author);
    m.set('createdAt', input.now ?? Date.now());
    if (input.groupId) m.set('groupId', input.groupId);
    m.set('order', orderAtEnd(doc, input.sectionId));
    notesOf(doc).set(id, m);
  });
  return id;
}

function noteMap(doc: Y.Doc, noteId: string): Y.Map<unknown> | null {
  const m = notesOf(doc).get(noteId);
  return m instanceof Y.Map ? m : null;
}

export function setNoteColour(doc: Y.Doc, noteId: string, colour: NoteColour): void {
  noteMap(doc, noteId)?.set('colour', colour);
}

export function deleteNote(doc: Y.Doc, noteId: string): void {
  doc.transact(() => {
    notesOf(doc).delete(noteId);
    const priorities = prioritiesOf(doc);
    for (let i = priorities.length - 1; i >= 0; i--) if (priorities.get(i) === noteId) priorities.delete(i, 1);
  });
}

/**
 * Moves a note to `sectionId` at position `index` among that section's other notes
 * (default: the end). Leaves its group if the group belongs to another section.
 */
export function moveNote(doc: Y.Doc, noteId: string, sectionId: string, index?: number): void {
  const m = noteMap(doc, noteId);
  if (!m) return;
  const others = notesInSection(doc, sectionId).filter((n) => n.id !== noteId);
  const at = index === undefined ? others.length : Math.max(0, Math.min(index, others.length));
  const before = others[at - 1]?.order ?? null;
  // Notes added at the same moment share a key, so there is no key between two of them: the
  // notes from `at` on that share `before`'s key get new keys after the moved note's.
  const rekey: string[] = [];
  let end = at;
  while (before !== null && others[end]?.order === before) rekey.push(others[end++].id);
  const after = others[end]?.order ?? null;
  let order: string;
  let keys: string[] = [];
  try {
    [order, ...keys] = generateNKeysBetween(before, after, rekey.length + 1);
  } catch {
    order = orderAtEnd(doc, sectionId, noteId);
    keys = [];
  }
  doc.transact(() => {
    if (m.get('sectionId') !== sectionId) {
      m.set('sectionId', sectionId);
      const groupId = m.get('groupId');
      const group = typeof groupId === 'string' ? groupsOf(doc).get(groupId) : undefined;
      if (groupId && (!(group instanceof Y.Map) || group.get('sectionId') !== sectionId)) m.delete('groupId');
    }
    m.set('order', order);
    keys.forEach((key, i) => {
      noteMap(doc, rekey[i])?.set('order', key);
    });
  });
}

/** Moves a note one place up (-1) or down (+1) within its section. */
export function shiftNote(doc: Y.Doc, noteId: string, delta: -1 | 1): void {
  const note = readNoteById(doc, noteId);
  if (!note) return;
  const notes = notesInSection(doc, note.sectionId);
  const from = notes.findIndex((n) => n.id === noteId);
  const to = from + delta;
  if (to < 0 || to >= notes.length) return;
  // `to` is also the index among the *other* notes that puts it one place further along
  moveNote(doc, noteId, note.sectionId, to);
}

export function readNoteById(doc: Y.Doc, noteId: string): NoteView | null {
  const m = noteMap(doc, noteId);
  return m ? readNote(m) : null;
}

export function readGroup(m: Y.Map<unknown>): GroupView | null {
  const id = m.get('id');
  const sectionId = m.get('sectionId');
  const title = m.get('title');
  if (typeof id !== 'string' || typeof sectionId !== 'string') return null;
  const createdAt = m.get('createdAt');
  return { id, sectionId, title: typeof title === 'string' ? title : '', createdAt: typeof createdAt === 'number' ? createdAt : 0 };
}

export function listGroups(doc: Y.Doc, sectionId?: string): GroupView[] {
  const out: GroupView[] = [];
  groupsOf(doc).forEach((m) => {
    const g = m instanceof Y.Map ? readGroup(m) : null;
    if (g && (sectionId === undefined || g.sectionId === sectionId)) out.push(g);
  });
  // Oldest first, so groups stay where people put them; ties (same millisecond) break on id.
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export function addGroup(doc: Y.Doc, sectionId: string, title: string, now = Date.now()): string {
  const id = randomId();
  const m = new Y.Map<unknown>();
  m.set('id', id);
  m.set('sectionId', sectionId);
  m.set('title', title);
  m.set('createdAt', now);
  groupsOf(doc).set(id, m);
  return id;
}

export function renameGroup(doc: Y.Doc, groupId: string, title: string): void {
  const m = groupsOf(doc).get(groupId);
  if (m instanceof Y.Map) m.set('title', title);
}

/** Removes a group; its notes stay, ungrouped. */
export function deleteGroup(doc: Y.Doc, groupId: string): void {
  doc.transact(() => {
    notesOf(doc).forEach((m) => {
      if (m instanceof Y.Map && m.get('groupId') === groupId) m.delete('groupId');
    });
    groupsOf(doc).delete(groupId);
  });
}

/** Puts a note in a group (or takes it out with null). The group must be in the note's section. */
export function setNoteGroup(doc: Y.Doc, noteId: string, groupId: string | null): void {
  const m = noteMap(doc, noteId);
  if (!m) return;
  if (groupId === null) {
    m.delete('groupId');
    return;
  }
  const g = groupsOf(doc).get(groupId);
  if (!(g instanceof Y.Map)) return;
  doc.transact(() => {
    if (g.get('sectionId') !== m.get('sectionId')) {
      m.set('sectionId', g.get('sectionId'));
      m.set('order', orderAtEnd(doc, String(g.get('sectionId')), noteId));
    }
    m.set('groupId', groupId);
  });
}

/* ---------- The shared priority list ----------
 * `priorities` is a Y.Array of note ids that anyone may change. Two people can move or add the
 * same note at the same moment, which leaves the id in the array twice, and a note can be
 * deleted by someone whose client never cleaned the list. So the list is always read through
 * listPriorities (first copy wins, ids of deleted notes are skipped), and positions in the
 * helpers below are positions in that cleaned list.
 */

/** The priority list as people see it: note ids, no duplicates, only notes that still exist. */
export function listPriorities(doc: Y.Doc): string[] {
  const notes = notesOf(doc);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of prioritiesOf(doc).toArray()) {
    if (typeof id !== 'string' || seen.has(id) || !(notes.get(id) instanceof Y.Map)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

/** Deletes every copy of `noteId` from the raw array (call inside a transaction). */
function deleteEveryCopy(list: Y.Array<string>, noteId: string): void {
  for (let i = list.length - 1; i >= 0; i--) if (list.get(i) === noteId) list.delete(i, 1);
}

/**
 * Puts `noteId` at `index` of the cleaned list (default and past the end: last). Works whether
 * or not the note is already in the list. Ignores notes that do not exist.
 */
export function movePriority(doc: Y.Doc, noteId: string, index?: number): void {
  if (!(notesOf(doc).get(noteId) instanceof Y.Map)) return;
  const list = prioritiesOf(doc);
  doc.transact(() => {
    deleteEveryCopy(list, noteId);
    const others = listPriorities(doc);
    const at = index === undefined ? others.length : Math.max(0, Math.min(Math.trunc(index), others.length));
    if (at >= others.length) {
      list.push([noteId]);
      return;
    }
    // Insert just before the raw entry that is shown at position `at` (its first copy).
    const raw = list.toArray().indexOf(others[at]);
    list.insert(raw, [noteId]);
  });
}

/** Adds a note at the end of the priority list (or at `index`). No-op if it is already there or gone. */
export function addPriority(doc: Y.Doc, noteId: string, index?: number): void {
  if (listPriorities(doc).includes(noteId)) return;
  movePriority(doc, noteId, index);
}

/** Takes a note off the priority list (every copy of it). */
export function removePriority(doc: Y.Doc, noteId: string): void {
  const list = prioritiesOf(doc);
  if (!list.toArray().includes(noteId)) return;
  doc.transact(() => deleteEveryCopy(list, noteId));
}

/** Moves a priority one place up (-1) or down (+1). False when it is already first/last or not listed. */
export function shiftPriority(doc: Y.Doc, noteId: string, delta: -1 | 1): boolean {
  const list = listPriorities(doc);
  const from = list.indexOf(noteId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= list.length) return false;
  movePriority(doc, noteId, to);
  return true;
}

/**
 * Replaces the whole priority list with `noteIds` in that order (e.g. a vote's ranking),
 * leaving out duplicates and notes that no longer exist. One transaction: one undo step.
 */
export function seedPriorities(doc: Y.Doc, noteIds: readonly string[]): void {
  const notes = notesOf(doc);
  const ids = [...new Set(noteIds)].filter((id) => notes.get(id) instanceof Y.Map);
  const list = prioritiesOf(doc);
  doc.transact(() => {
    if (list.length > 0) list.delete(0, list.length);
    if (ids.length > 0) list.push(ids);
  });
}
