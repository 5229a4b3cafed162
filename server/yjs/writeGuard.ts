import * as Y from 'yjs';
import { actionsOf, groupsOf, notesOf, prioritiesOf, sectionsOf } from '../../shared/boardDoc.js';
import { DOC_CLOSE } from '../../shared/session.js';
import { EditCounter, editedItem } from './editCounter.js';
import { findViolation, type DocLimits, type LimitViolation } from './limitGuard.js';
import type { DocConnection } from './ports.js';
import { checkUpdate } from './updateGuard.js';

/** What became of one client update. */
export type WriteOutcome =
  /** Not applied at all: the shape or the history was wrong. The sender is closed with `close`. */
  | { kind: 'refused'; close: { code: number; reason: string }; detail: string }
  /** Applied, broke a limit, reverted exactly; the sender is closed with `close` and resyncs. */
  | { kind: 'reverted'; close: LimitViolation }
  /** Applied and reverted because the board is locked for this person; the connection stays. */
  | { kind: 'locked' }
  /** Kept. `edit` is true when it counts as a new edit for the balance of voice. */
  | { kind: 'accepted'; changed: boolean; edit: boolean };

/**
 * Decides what of a client's update the live doc keeps: first the update guard (shape and
 * history, before anything is applied), then the lock and the limits (after applying, reverted
 * exactly with an undo manager scoped to that connection), and edit counting for what stays.
 */
export class WriteGuard {
  /** Reverts an update that broke a limit or the lock; tracks only connection origins. */
  private readonly undo: Y.UndoManager;
  private readonly editCounter = new EditCounter();

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits: DocLimits,
  ) {
    this.undo = new Y.UndoManager([sectionsOf(doc), notesOf(doc), groupsOf(doc), prioritiesOf(doc), actionsOf(doc)], {
      trackedOrigins: new Set(),
      captureTimeout: 0,
    });
  }

  /** The origin of the guard's own reverts. */
  get revertOrigin(): Y.UndoManager {
    return this.undo;
  }

  track(conn: DocConnection): void {
    this.undo.trackedOrigins.add(conn);
  }

  untrack(conn: DocConnection): void {
    this.undo.trackedOrigins.delete(conn);
  }

  apply(conn: DocConnection, update: Uint8Array, canWrite: boolean): WriteOutcome {
    const refusal = checkUpdate(this.doc, update);
    if (refusal) {
      const close = refusal.kind === 'missing' ? DOC_CLOSE.missingHistory : DOC_CLOSE.invalidChange;
      return { kind: 'refused', close, detail: refusal.detail };
    }
    const notesBefore = notesOf(this.doc).size;
    let violation: LimitViolation | null = null;
    let item: string | null = null;
    const check = (tr: Y.Transaction) => {
      if (tr.origin !== conn) return;
      violation = findViolation(this.doc, tr, this.limits, notesBefore);
      item = editedItem(this.doc, tr);
    };
    this.doc.on('afterTransaction', check);
    try {
      Y.applyUpdate(this.doc, update, conn);
    } finally {
      this.doc.off('afterTransaction', check);
    }
    if (this.doc.store.pendingStructs || this.doc.store.pendingDs) {
      // The update guard makes this impossible; never keep or serve what could not be integrated.
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
    }
    const changed = this.undo.undoStack.length > 0;
    try {
      const found = violation as LimitViolation | null; // assigned in the callback above
      if (found) {
        // Revert exactly what this update did; the revert is stored and broadcast like any edit,
        // so the sender converges to the same state when it reconnects.
        this.undo.undo();
        return { kind: 'reverted', close: found };
      }
      if (!canWrite && changed) {
        // Locked: revert what they changed. The revert reaches them too, so their screen matches.
        this.undo.undo();
        return { kind: 'locked' };
      }
      // A sync reply with nothing new is not an edit; typing on in the same item is the same edit.
      const changedItem = item as string | null;
      return { kind: 'accepted', changed, edit: changed && !!changedItem && this.editCounter.count(conn.participantId, changedItem) };
    } finally {
      this.undo.clear();
    }
  }

  destroy(): void {
    this.undo.destroy();
  }
}
