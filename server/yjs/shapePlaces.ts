import * as Y from 'yjs';
import { valueProblem, type EntrySpec, type RootSpec } from '../../shared/docShape.js';
import { ENTITY_ID } from '../../shared/ids.js';
import { CONTENT, TYPE_REF, type ItemRecord } from './updateStructs.js';

/** Places in the board's shape (shared/docShape.ts), as the update guard walks them. */

// Yjs' own types are generic over their content; only structure is read here.
// Yjs types are generic over their event type; only structure is read here.
export type AnyType = Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>;

/** Where a type sits in the shape. `gc`: Yjs will drop what is written there (a neighbour was garbage-collected). */
export type Place =
  | { at: 'root'; name: string; spec: RootSpec }
  | { at: 'entry'; key: string; spec: EntrySpec }
  | { at: 'text' }
  | { at: 'readOnly' }
  | { at: 'invalid'; why: string }
  | { at: 'gc' };

/** root → entry map → Y.Text field: nothing the shape allows is deeper than this. */
export const MAX_DEPTH = 3;

/** The server-written section structs of a doc (written once, at creation); clients may not delete them. */
const sectionStructsOf = new WeakMap<Y.Doc, { client: number; clock: number; length: number }[]>();

export function sectionStructs(doc: Y.Doc): { client: number; clock: number; length: number }[] {
  let out = sectionStructsOf.get(doc);
  if (!out) {
    const found: { client: number; clock: number; length: number }[] = [];
    const add = (item: Y.Item) => found.push({ client: item.id.client, clock: item.id.clock, length: item.length });
    const sections = doc.getArray('sections');
    for (let i = sections._start; i; i = i.right) add(i);
    sections.forEach((m) => {
      if (!(m instanceof Y.Map)) return;
      for (const latest of m._map.values()) for (let i: Y.Item | null = latest; i; i = i.left) add(i);
    });
    sectionStructsOf.set(doc, found);
    out = found;
  }
  return out;
}

/** The ContentType reference of a live type (only the three the board uses matter). */
export function typeRefOf(type: AnyType): number {
  return type instanceof Y.Map ? TYPE_REF.map : type instanceof Y.Text ? TYPE_REF.text : type instanceof Y.Array ? TYPE_REF.array : -1;
}

/** The place of a child type (by its type reference) stored under `sub` of a type at `parent`. */
export function childPlace(parent: Place, sub: string | null, typeRef: number): Place {
  switch (parent.at) {
    case 'gc':
    case 'invalid':
    case 'readOnly':
      return parent;
    case 'text':
      return { at: 'invalid', why: 'text holds no types' };
    case 'root':
      if (parent.spec.type === 'serverOnly') return { at: 'readOnly' };
      if (parent.spec.type === 'idList') return { at: 'invalid', why: `"${parent.name}" holds ids, not types` };
      if (sub === null || !ENTITY_ID.test(sub) || typeRef !== TYPE_REF.map) return { at: 'invalid', why: `not a ${parent.name} entry` };
      return { at: 'entry', key: sub, spec: parent.spec.entry };
    case 'entry': {
      const field = sub !== null && Object.hasOwn(parent.spec.fields, sub) ? parent.spec.fields[sub] : undefined;
      if (field?.kind === 'text' && typeRef === TYPE_REF.text) return { at: 'text' };
      return { at: 'invalid', why: 'not a text field' };
    }
  }
}

/** What is wrong with new content written at `place` under key `sub` (null for a sequence), or null. */
export function contentProblem(place: Exclude<Place, { at: 'gc' }>, sub: string | null, content: ItemRecord['content']): string | null {
  const deleted = content.ref === CONTENT.deleted;
  switch (place.at) {
    case 'readOnly':
      return 'the sections are set when the board is created';
    case 'invalid':
      return `written under a type the board does not have (${place.why})`;
    case 'root': {
      const { spec } = place;
      if (spec.type === 'serverOnly') return 'the sections are set when the board is created';
      if (spec.type === 'idList') {
        if (sub !== null) return `"${place.name}" is a list`;
        if (deleted) return null;
        if (content.ref !== CONTENT.any || !content.values.every((v) => typeof v === 'string' && ENTITY_ID.test(v))) {
          return `"${place.name}" holds note ids only`;
        }
        return null;
      }
      if (sub === null || !ENTITY_ID.test(sub)) return `"${place.name}" entries need a valid id`;
      if (deleted) return null;
      if (content.ref !== CONTENT.type || content.typeRef !== TYPE_REF.map) return `"${place.name}" entries are maps`;
      return null;
    }
    case 'entry': {
      const field = sub !== null && Object.hasOwn(place.spec.fields, sub) ? place.spec.fields[sub] : undefined;
      if (!field) return `unknown field "${String(sub).slice(0, 40)}"`;
      if (deleted) return null;
      if (field.kind === 'text') {
        if (content.ref !== CONTENT.type || content.typeRef !== TYPE_REF.text) return `"${sub}" must be text`;
        return null;
      }
      if (content.ref !== CONTENT.any || content.values.length !== 1) return `"${sub}" must be one plain value`;
      const value = content.values[0];
      const problem = valueProblem(field, value);
      if (problem) return `"${sub}": ${problem}`;
      if (sub === 'id' && value !== place.key) return '"id" must match the entry\'s key';
      return null;
    }
    case 'text':
      if (sub !== null) return 'text has no fields';
      if (deleted || content.ref === CONTENT.string) return null;
      return 'notes hold plain text only';
  }
}
