import * as Y from 'yjs';
import { actionsOf, groupsOf, notesOf } from '../../shared/boardDoc.js';

/** Changes to the same item by the same person within this window count as one edit. */
const SAME_EDIT_MS = 5_000;

/** Which item a transaction changed: "note:<id>", "action:<id>", "group:<id>", or the root's name. */
export function editedItem(doc: Y.Doc, tr: Y.Transaction): string | null {
  const containers: [Y.Map<unknown>, string][] = [
    [notesOf(doc) as Y.Map<unknown>, 'note'],
    [actionsOf(doc), 'action'],
    [groupsOf(doc) as Y.Map<unknown>, 'group'],
  ];
  for (const [type, keys] of tr.changed) {
    for (const [container, kind] of containers) {
      if ((type as unknown) === container) return `${kind}:${[...keys][0]}`;
      // At most root → entry → field: the update guard refuses anything deeper.
      let t: Y.AbstractType<unknown> | null = type as Y.AbstractType<unknown>;
      while (t?.parent) {
        if ((t.parent as unknown) === container && t instanceof Y.Map) return `${kind}:${String(t.get('id'))}`;
        t = t.parent as Y.AbstractType<unknown>;
      }
    }
  }
  for (const type of tr.changedParentTypes.keys()) {
    if (type.parent === null) {
      for (const [name, root] of doc.share) if (root === type) return name;
    }
  }
  return null;
}

/**
 * Counts edits for the balance of voice fairly: typing a sentence into one note is one edit, not
 * one per keystroke; working on another item, or coming back to the same one later, is another.
 */
export class EditCounter {
  private readonly last = new Map<string, { item: string; at: number }>();

  /** True when this change counts as a new edit by this person. */
  count(participantId: string, item: string, now = Date.now()): boolean {
    const prev = this.last.get(participantId);
    this.last.set(participantId, { item, at: now });
    return !prev || prev.item !== item || now - prev.at > SAME_EDIT_MS;
  }
}
