import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { actionsOf, compareByOrder, readNoteById } from './boardDoc.js';
import { randomId } from './ids.js';

/**
 * The action plan, co-edited in the doc's `actions` map like everything else the group writes:
 *
 *   actions  Y.Map<id, Y.Map> {id, what: Y.Text, who, due, status, noteIds: string[], createdAt, order}
 *
 * `who` is free text (any person or group, e.g. "Carers' forum with Siân"); `due` is free text or
 * an ISO date; `noteIds` are the notes (or priorities) the action came from.
 */
export const ACTION_STATUSES = ['not-started', 'in-progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface ActionView {
  id: string;
  what: string;
  who: string;
  due: string;
  status: ActionStatus;
  noteIds: string[];
  createdAt: number;
  order: string;
}

const isStatus = (v: unknown): v is ActionStatus => typeof v === 'string' && (ACTION_STATUSES as readonly string[]).includes(v);

export function readAction(m: Y.Map<unknown>): ActionView | null {
  const id = m.get('id');
  if (typeof id !== 'string') return null;
  const what = m.get('what');
  const noteIds = m.get('noteIds');
  const str = (k: string) => (typeof m.get(k) === 'string' ? (m.get(k) as string) : '');
  return {
    id,
    what: what instanceof Y.Text ? what.toString() : '',
    who: str('who'),
    due: str('due'),
    status: isStatus(m.get('status')) ? (m.get('status') as ActionStatus) : 'not-started',
    noteIds: Array.isArray(noteIds) ? noteIds.filter((x): x is string => typeof x === 'string') : [],
    createdAt: typeof m.get('createdAt') === 'number' ? (m.get('createdAt') as number) : 0,
    order: str('order'),
  };
}

export function listActions(doc: Y.Doc): ActionView[] {
  const out: ActionView[] = [];
  actionsOf(doc).forEach((m) => {
    const a = m instanceof Y.Map ? readAction(m as Y.Map<unknown>) : null;
    if (a) out.push(a);
  });
  return out.sort(compareByOrder);
}

function actionMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const m = actionsOf(doc).get(id);
  return m instanceof Y.Map ? (m as Y.Map<unknown>) : null;
}

export function getActionText(doc: Y.Doc, id: string): Y.Text | null {
  const t = actionMap(doc, id)?.get('what');
  return t instanceof Y.Text ? t : null;
}

export interface NewAction {
  what?: string;
  who?: string;
  due?: string;
  noteIds?: string[];
  now?: number;
}

export function addAction(doc: Y.Doc, input: NewAction = {}): string {
  const id = randomId();
  doc.transact(() => {
    const last = listActions(doc).at(-1);
    const m = new Y.Map<unknown>();
    const what = new Y.Text();
    if (input.what) what.insert(0, input.what);
    m.set('id', id);
    m.set('what', what);
    m.set('who', input.who ?? '');
    m.set('due', input.due ?? '');
    m.set('status', 'not-started');
    m.set('noteIds', [...new Set(input.noteIds ?? [])]);
    m.set('createdAt', input.now ?? Date.now());
    m.set('order', generateKeyBetween(last?.order || null, null));
    actionsOf(doc).set(id, m);
  });
  return id;
}

/** "Turn into an action": a new action whose text starts as the note's and which links back to it. */
export function actionFromNote(doc: Y.Doc, noteId: string): string | null {
  const note = readNoteById(doc, noteId);
  if (!note) return null;
  return addAction(doc, { what: note.text, noteIds: [noteId] });
}

export function updateAction(doc: Y.Doc, id: string, fields: Partial<Pick<ActionView, 'who' | 'due' | 'status' | 'noteIds'>>): void {
  const m = actionMap(doc, id);
  if (!m) return;
  doc.transact(() => {
    if (fields.who !== undefined) m.set('who', fields.who);
    if (fields.due !== undefined) m.set('due', fields.due);
    if (fields.status !== undefined && isStatus(fields.status)) m.set('status', fields.status);
    if (fields.noteIds !== undefined) m.set('noteIds', [...new Set(fields.noteIds)]);
  });
}

export function deleteAction(doc: Y.Doc, id: string): void {
  actionsOf(doc).delete(id);
}
