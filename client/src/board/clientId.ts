import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/**
 * Gives this device a fresh Yjs client id, in the doc and in awareness together. Every Yjs item
 * and every awareness entry carries its writer's id, which would tie what is written while the
 * board is anonymous to what the person wrote with their name (Yjs allows a client to change its
 * id; it then looks like a new writer). The two must stay equal: y-websocket announces awareness
 * under the doc's id when it connects, and an id awareness has never seen makes that throw.
 */
export function takeFreshClientId(doc: Y.Doc, awareness: Awareness): number {
  const ids = new Uint32Array(1);
  crypto.getRandomValues(ids);
  const id = ids[0];
  const state = awareness.getLocalState();
  // The old id leaves (others drop it at once), and the same state comes back under the new one.
  awareness.setLocalState(null);
  doc.clientID = id;
  awareness.clientID = id;
  // As a new Awareness starts: an empty state first (clock 0, which others ignore as "not newer"),
  // then the real one (clock 1), which everyone takes.
  awareness.setLocalState({});
  if (state !== null) awareness.setLocalState(state);
  return id;
}
