import * as decoding from 'lib0/decoding';

/**
 * Reads a Yjs update (format v1, what y-websocket sends) into plain records, without building
 * Yjs types or items: what the update guard needs to check it before Yjs touches it, at a cost
 * that stays linear and small (no object per shared type, no integration). Content the board
 * never holds (formatting, embeds, binary, sub-documents, XML types, legacy JSON) stops the
 * reading at once: the update will be refused whole anyway.
 */

/** Content kinds (the low five bits of a struct's info byte), as Yjs numbers them. */
export const CONTENT = {
  gc: 0,
  deleted: 1,
  json: 2,
  binary: 3,
  string: 4,
  embed: 5,
  format: 6,
  type: 7,
  any: 8,
  doc: 9,
  skip: 10,
} as const;

/** Shared-type references inside ContentType. */
export const TYPE_REF = { array: 0, map: 1, text: 2 } as const;

export interface StructId {
  client: number;
  clock: number;
}

export interface ItemRecord {
  kind: 'item';
  client: number;
  clock: number;
  length: number;
  origin: StructId | null;
  rightOrigin: StructId | null;
  /** A root type's name, the id of the parent item, or null when it comes from a neighbour. */
  parent: string | StructId | null;
  parentSub: string | null;
  content:
    | { ref: typeof CONTENT.deleted }
    | { ref: typeof CONTENT.string; str: string }
    | { ref: typeof CONTENT.type; typeRef: number }
    | { ref: typeof CONTENT.any; values: unknown[] };
}

export interface GapRecord {
  kind: 'gc' | 'skip';
  client: number;
  clock: number;
  length: number;
}

export type StructRecord = ItemRecord | GapRecord;

export interface DeleteRange {
  client: number;
  clock: number;
  len: number;
}

export type ReadResult = { structs: StructRecord[]; deletes: DeleteRange[] } | { unsupported: string };

const BIT6 = 0x20;
const BIT7 = 0x40;
const BIT8 = 0x80;
const BITS5 = 0x1f;

const readId = (d: decoding.Decoder): StructId => ({ client: decoding.readVarUint(d), clock: decoding.readVarUint(d) });

/** Throws on bytes that are not an update (lib0 reads past the end). */
export function readUpdateStructs(update: Uint8Array): ReadResult {
  const d = decoding.createDecoder(update);
  const structs: StructRecord[] = [];
  const clients = decoding.readVarUint(d);
  for (let i = 0; i < clients; i++) {
    const count = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    let clock = decoding.readVarUint(d);
    for (let j = 0; j < count; j++) {
      const info = decoding.readUint8(d);
      const ref = info & BITS5;
      if (ref === CONTENT.gc || ref === CONTENT.skip) {
        const length = decoding.readVarUint(d);
        structs.push({ kind: ref === CONTENT.gc ? 'gc' : 'skip', client, clock, length });
        clock += length;
        continue;
      }
      const origin = info & BIT8 ? readId(d) : null;
      const rightOrigin = info & BIT7 ? readId(d) : null;
      const ownParentInfo = (info & (BIT7 | BIT8)) === 0;
      const parent = ownParentInfo ? (decoding.readVarUint(d) === 1 ? decoding.readVarString(d) : readId(d)) : null;
      const parentSub = ownParentInfo && info & BIT6 ? decoding.readVarString(d) : null;
      let content: ItemRecord['content'];
      let length: number;
      switch (ref) {
        case CONTENT.deleted:
          length = decoding.readVarUint(d);
          content = { ref };
          break;
        case CONTENT.string: {
          const str = decoding.readVarString(d);
          length = str.length;
          content = { ref, str };
          break;
        }
        case CONTENT.type: {
          const typeRef = decoding.readVarUint(d);
          if (typeRef !== TYPE_REF.array && typeRef !== TYPE_REF.map && typeRef !== TYPE_REF.text) {
            return { unsupported: `shared type ${typeRef}` };
          }
          length = 1;
          content = { ref, typeRef };
          break;
        }
        case CONTENT.any: {
          const n = decoding.readVarUint(d);
          const values: unknown[] = [];
          for (let k = 0; k < n; k++) values.push(decoding.readAny(d));
          length = n;
          content = { ref, values };
          break;
        }
        default:
          return { unsupported: `content kind ${ref}` };
      }
      structs.push({ kind: 'item', client, clock, length, origin, rightOrigin, parent, parentSub, content });
      clock += length;
    }
  }
  const deletes: DeleteRange[] = [];
  const dsClients = decoding.readVarUint(d);
  for (let i = 0; i < dsClients; i++) {
    const client = decoding.readVarUint(d);
    const n = decoding.readVarUint(d);
    for (let k = 0; k < n; k++) deletes.push({ client, clock: decoding.readVarUint(d), len: decoding.readVarUint(d) });
  }
  return { structs, deletes };
}
