import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { checkAwareness } from './awarenessGuard.js';
import { encodeAwareness } from './messages.js';
import { REMOTE, type DocConnection, type Fanout } from './ports.js';

/**
 * A board's awareness (who is here, who is writing where): kept per connection, relayed to every
 * connection on this instance and to other instances. Each connection speaks only for its own
 * awareness client ids (bounded in number and size; see awarenessGuard.ts).
 */
export class AwarenessRelay {
  readonly awareness: Awareness;
  /** The awareness client ids each local connection speaks for. */
  private readonly idsOf = new Map<DocConnection, Set<number>>();
  private readonly owner = new Map<number, DocConnection | typeof REMOTE>();

  constructor(
    doc: Y.Doc,
    private readonly boardId: string,
    private readonly connections: () => Iterable<DocConnection>,
    private readonly fanout: Fanout,
  ) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  add(conn: DocConnection): void {
    this.idsOf.set(conn, new Set());
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, states)));
  }

  remove(conn: DocConnection): void {
    const ids = this.idsOf.get(conn);
    this.idsOf.delete(conn);
    if (ids && ids.size > 0) removeAwarenessStates(this.awareness, [...ids], null);
  }

  /** Applies what a connection may say of awareness (its own states); returns why it was refused, or null. */
  receive(conn: DocConnection, update: Uint8Array): string | null {
    const checked = checkAwareness(update, this.idsOf.get(conn) ?? new Set(), (id) => {
      const o = this.owner.get(id);
      return o !== undefined && o !== conn;
    });
    if ('problem' in checked) return checked.problem;
    if (checked.update) applyAwarenessUpdate(this.awareness, checked.update, conn);
    return null;
  }

  /** An awareness update another instance published. */
  receiveRemote(update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** Everyone's current state, for a client that asks. */
  encodeAll(): Uint8Array {
    return encodeAwareness(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const ids = this.idsOf.get(origin as DocConnection);
    if (ids) {
      for (const id of added) ids.add(id);
      for (const id of removed) ids.delete(id);
    }
    const by = ids ? (origin as DocConnection) : REMOTE;
    for (const id of added) this.owner.set(id, by);
    for (const id of removed) this.owner.delete(id);
    const update = encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]);
    const message = encodeAwareness(update);
    for (const conn of this.connections()) conn.send(message);
    if (origin !== REMOTE) this.fanout.publishAwareness(this.boardId, update).catch(() => {}); // best effort, like awareness itself
  };

  destroy(): void {
    this.awareness.destroy();
  }
}
