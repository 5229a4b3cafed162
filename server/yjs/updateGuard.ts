import * as Y from 'yjs';
import { DOC_SHAPE } from '../../shared/docShape.js';
import { MAX_DEPTH, childPlace, contentProblem, sectionStructs, typeRefOf, type AnyType, type Place } from './shapePlaces.js';
import { CONTENT, readUpdateStructs, type GapRecord, type ItemRecord, type StructId, type StructRecord } from './updateStructs.js';

/**
 * Checks a client's update against the board's shape (shared/docShape.ts) and against what the
 * doc already holds, BEFORE it is applied, from the update's decoded structs alone. Work is
 * linear in the size of the update: every struct is resolved once, and walking up to a root
 * stops at the shape's depth, so a deep chain costs no more than a flat one.
 *
 * Refused:
 * - `shape`: a write under an unknown root type, an unknown field, a wrong type or value,
 *   nesting deeper than the shape, anything under the server-only `sections`, or deleting it;
 * - `missing`: content or deletions that depend on structs the server never received. Yjs would
 *   keep those "pending" in the live doc and serve them to every newcomer; an honest client that
 *   hits this reconnects and resyncs by state vector.
 */
export type UpdateRefusal = { kind: 'shape' | 'missing'; detail: string };

/** A struct the update builds on: one already in the doc, or one of the update's own. */
type Found = { inDoc: Y.Item | Y.GC } | { inUpdate: ItemRecord | GapRecord };
/** Where an item's parent is: a root's name, an item id (in the update or the doc), or a live type. */
type ParentRef = { parent: string | StructId | AnyType; sub: string | null } | 'gc';

class Refused extends Error {
  constructor(readonly refusal: UpdateRefusal) {
    super(refusal.detail);
  }
}
const shape = (detail: string) => new Refused({ kind: 'shape', detail });
const missing = (detail: string) => new Refused({ kind: 'missing', detail });

export function checkUpdate(doc: Y.Doc, update: Uint8Array): UpdateRefusal | null {
  try {
    const read = readUpdateStructs(update);
    if ('unsupported' in read) return { kind: 'shape', detail: `the board holds no ${read.unsupported}` };
    new UpdateCheck(doc, read.structs, read.deletes).run();
    return null;
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    // Not an update at all: junk, refused like any other bad shape.
    return { kind: 'shape', detail: `undecodable update: ${(error as Error).message}` };
  }
}

class UpdateCheck {
  private readonly byClient = new Map<number, StructRecord[]>();
  private readonly updateEnd = new Map<number, number>();
  private readonly parentMemo = new Map<ItemRecord, ParentRef>();
  private readonly updateTypePlace = new Map<ItemRecord, Place>();
  private readonly docTypePlace = new Map<AnyType, Place>();
  private readonly rootName = new Map<AnyType, string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: StructRecord[],
    private readonly deletes: { client: number; clock: number; len: number }[],
  ) {
    for (const [name, type] of doc.share) this.rootName.set(type, name);
  }

  run(): void {
    for (const s of this.structs) {
      const list = this.byClient.get(s.client);
      if (list) list.push(s);
      else this.byClient.set(s.client, [s]);
    }
    // Each client's new structs must continue exactly where the doc's state for that client ends.
    for (const [client, list] of this.byClient) {
      list.sort((a, b) => a.clock - b.clock);
      let expected = this.state(client);
      for (const s of list) {
        if (s.kind === 'skip') continue;
        if (s.clock > expected) throw missing(`structs of client ${client} start at ${s.clock}, the doc has ${expected}`);
        expected = Math.max(expected, s.clock + s.length);
      }
      this.updateEnd.set(client, expected);
    }
    for (const s of this.structs) {
      if (s.kind === 'item' && s.clock + s.length > this.state(s.client)) this.checkItem(s);
    }
    this.checkDeletes();
  }

  private state(client: number): number {
    return Y.getState(this.doc.store, client);
  }

  private known(client: number, clock: number): boolean {
    return clock < Math.max(this.state(client), this.updateEnd.get(client) ?? 0);
  }

  /** The struct holding `id`: in the doc if the doc has it, else in this update. */
  private find(id: StructId): Found {
    if (id.clock < this.state(id.client)) return { inDoc: Y.getItem(this.doc.store, Y.createID(id.client, id.clock)) as Y.Item | Y.GC };
    const list = this.byClient.get(id.client);
    if (list) {
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = list[mid];
        if (id.clock < s.clock) hi = mid - 1;
        else if (id.clock >= s.clock + s.length) lo = mid + 1;
        else if (s.kind === 'skip') break;
        else return { inUpdate: s };
      }
    }
    throw missing(`refers to ${id.client}:${id.clock}, which the server never received`);
  }

  /** The parent of a new item, as Yjs will work it out when integrating (left neighbour first). */
  private parentOf(item: ItemRecord): ParentRef {
    const chain: ItemRecord[] = [];
    const onChain = new Set<ItemRecord>();
    let result: ParentRef;
    let cur = item;
    for (;;) {
      const memo = this.parentMemo.get(cur);
      if (memo) {
        result = memo;
        break;
      }
      if (cur.parent !== null) {
        result = { parent: cur.parent, sub: cur.parentSub };
        break;
      }
      if (onChain.has(cur)) throw shape('items refer to each other in a circle');
      onChain.add(cur);
      chain.push(cur);
      const left = cur.origin ? this.find(cur.origin) : null;
      const right = cur.rightOrigin ? this.find(cur.rightOrigin) : null;
      if (isGc(left) || isGc(right)) {
        result = 'gc';
        break;
      }
      const next = left ?? right;
      if (!next) throw shape('an item with neither a parent nor neighbours');
      if ('inDoc' in next) {
        const n = next.inDoc as Y.Item;
        result = n.parent ? { parent: n.parent as AnyType, sub: n.parentSub } : 'gc';
        break;
      }
      cur = next.inUpdate as ItemRecord;
    }
    for (const c of chain) this.parentMemo.set(c, result);
    return result;
  }

  private placeOfRef(ref: ParentRef, depth: number): Place {
    if (ref === 'gc') return { at: 'gc' };
    const { parent } = ref;
    if (typeof parent === 'string') {
      const spec = Object.hasOwn(DOC_SHAPE, parent) ? DOC_SHAPE[parent] : undefined;
      if (!spec) throw shape(`unknown root type "${parent.slice(0, 40)}"`);
      return { at: 'root', name: parent, spec };
    }
    if (parent instanceof Y.AbstractType) return this.placeOfDocType(parent, depth + 1);
    const found = this.find(parent as StructId);
    if (isGc(found)) return { at: 'gc' };
    if ('inDoc' in found) {
      const content = (found.inDoc as Y.Item).content;
      if (!(content instanceof Y.ContentType)) throw shape('parent is not a shared type');
      return this.placeOfDocType(content.type, depth + 1);
    }
    const rec = found.inUpdate as ItemRecord;
    if (rec.content.ref !== CONTENT.type) throw shape('parent is not a shared type');
    return this.placeOfUpdateType(rec, depth + 1);
  }

  /** Where a type that is already in the doc sits (the doc may hold junk from before this check). */
  private placeOfDocType(type: AnyType, depth: number): Place {
    const memo = this.docTypePlace.get(type);
    if (memo) return memo;
    let place: Place;
    const item = type._item;
    if (item === null) {
      const name = this.rootName.get(type);
      const spec = name !== undefined && Object.hasOwn(DOC_SHAPE, name) ? DOC_SHAPE[name] : undefined;
      place = name !== undefined && spec ? { at: 'root', name, spec } : { at: 'invalid', why: 'unknown root type' };
    } else if (depth > MAX_DEPTH) {
      place = { at: 'invalid', why: 'nested deeper than the board allows' };
    } else {
      place = childPlace(this.placeOfDocType(item.parent as AnyType, depth + 1), item.parentSub, typeRefOf(type));
    }
    this.docTypePlace.set(type, place);
    return place;
  }

  /** Where a type created by this update sits. */
  private placeOfUpdateType(item: ItemRecord, depth: number): Place {
    const memo = this.updateTypePlace.get(item);
    if (memo) return memo;
    if (depth > MAX_DEPTH) throw shape('nested deeper than the board allows');
    const ref = this.parentOf(item);
    const parent = this.placeOfRef(ref, depth);
    const typeRef = item.content.ref === CONTENT.type ? item.content.typeRef : -1;
    const place = childPlace(parent, ref === 'gc' ? null : ref.sub, typeRef);
    this.updateTypePlace.set(item, place);
    return place;
  }

  private checkItem(item: ItemRecord): void {
    const ref = this.parentOf(item);
    const place = this.placeOfRef(ref, 0);
    if (ref === 'gc' || place.at === 'gc') return; // Yjs integrates it as garbage: no content, no type
    const problem = contentProblem(place, ref.sub, item.content);
    if (problem) throw shape(problem);
  }

  private checkDeletes(): void {
    const protectedStructs = sectionStructs(this.doc);
    for (const r of this.deletes) {
      if (r.len === 0) continue;
      if (!this.known(r.client, r.clock + r.len - 1))
        throw missing(`deletes ${r.client}:${r.clock}+${r.len}, which the server never received`);
      for (const p of protectedStructs) {
        if (p.client === r.client && r.clock < p.clock + p.length && p.clock < r.clock + r.len) {
          throw shape('the sections are set when the board is created');
        }
      }
    }
  }
}

function isGc(found: Found | null): boolean {
  if (!found) return false;
  return 'inDoc' in found ? found.inDoc instanceof Y.GC : found.inUpdate.kind === 'gc';
}
