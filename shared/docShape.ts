import { NOTE_COLOURS } from './colours.js';
import { ACTION_STATUSES } from './actionPlan.js';
import { ENTITY_ID, SECTION_ID } from './ids.js';
import { LIMITS } from './limits.js';

/**
 * The board document's shape, defined once. The server checks every client update against it
 * before the update reaches the live doc (server/yjs/updateGuard.ts): an update that writes an
 * unknown root type, an unknown field, a value of the wrong type or size, or nests deeper than
 * this shape is refused whole. The accessors in boardDoc.ts and actionPlan.ts write only this.
 *
 *   sections    Y.Array<Y.Map>   written by the server when the board is created; read-only to clients
 *   notes       Y.Map<id, Y.Map> fields below, `text` a Y.Text
 *   groups      Y.Map<id, Y.Map>
 *   actions     Y.Map<id, Y.Map> `what` a Y.Text
 *   priorities  Y.Array<note id>
 */

/** A plain value stored in one map field (Yjs ContentAny with a single value). */
export type ValueSpec =
  | { kind: 'string'; max: number; pattern?: RegExp; oneOf?: readonly string[] }
  | { kind: 'number' }
  | { kind: 'idList'; max: number };

/** A field of an entry map: a plain value, or a Y.Text whose characters are limited separately. */
export type FieldSpec = ValueSpec | { kind: 'text' };

/** An entry of a keyed root map (a note, a group, an action): its key is its id. */
export interface EntrySpec {
  fields: Readonly<Record<string, FieldSpec>>;
}

export type RootSpec =
  | { type: 'entries'; entry: EntrySpec }
  | { type: 'idList' }
  /** Written only by the server (board creation); any client write under it is refused. */
  | { type: 'serverOnly' };

const id: ValueSpec = { kind: 'string', max: 64, pattern: ENTITY_ID };
const sectionId: ValueSpec = { kind: 'string', max: 64, pattern: SECTION_ID };
/** Fractional-index keys grow a character or so per insert between the same two neighbours. */
const order: ValueSpec = { kind: 'string', max: 1024 };
const timestamp: ValueSpec = { kind: 'number' };

export const DOC_SHAPE: Readonly<Record<string, RootSpec>> = {
  sections: { type: 'serverOnly' },
  notes: {
    type: 'entries',
    entry: {
      fields: {
        id,
        sectionId,
        text: { kind: 'text' },
        colour: { kind: 'string', max: 16, oneOf: NOTE_COLOURS },
        /** An opaque per-board author key. */
        author: { kind: 'string', max: 64 },
        createdAt: timestamp,
        groupId: id,
        order,
      },
    },
  },
  groups: {
    type: 'entries',
    entry: { fields: { id, sectionId, title: { kind: 'string', max: LIMITS.titleMax }, createdAt: timestamp } },
  },
  actions: {
    type: 'entries',
    entry: {
      fields: {
        id,
        what: { kind: 'text' },
        who: { kind: 'string', max: LIMITS.titleMax },
        due: { kind: 'string', max: LIMITS.titleMax },
        status: { kind: 'string', max: 16, oneOf: ACTION_STATUSES },
        noteIds: { kind: 'idList', max: 100 },
        createdAt: timestamp,
        order,
      },
    },
  },
  priorities: { type: 'idList' },
};

/** Why a plain value does not fit its spec, or null when it does. */
export function valueProblem(spec: ValueSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') return 'not a string';
      if (value.length > spec.max) return 'too long';
      if (spec.pattern && !spec.pattern.test(value)) return 'not a valid id';
      if (spec.oneOf && !spec.oneOf.includes(value)) return 'not an allowed value';
      return null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'not a number';
    case 'idList':
      if (!Array.isArray(value)) return 'not a list';
      if (value.length > spec.max) return 'too many ids';
      return value.every((v) => typeof v === 'string' && ENTITY_ID.test(v)) ? null : 'not a list of ids';
  }
}
