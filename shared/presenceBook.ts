/**
 * A client's copy of a board's presence, built from one full list (presence:list) and changes
 * to one person each (presence:change). Every presence read on the server takes a new, larger
 * revision, and messages may arrive out of order (two server instances, or two overlapping
 * reads in one), so the book keeps, per person, the highest revision it has applied — for a
 * removed person too — and ignores anything older. Generic over the entry type, so each client
 * part can keep only the fields it reads.
 */
export type PresenceBookChange<T> = { op: 'upsert'; rev: number; entry: T } | { op: 'remove'; rev: number; participantId: string };

export class PresenceBook<T extends { participantId: string }> {
  /** null: removed (kept so an older upsert cannot bring them back). */
  private people = new Map<string, { rev: number; entry: T | null }>();
  private haveList = false;

  /**
   * A new connection: the next full list is what counts. Until it arrives, changes are kept
   * (ordered by revision against it) and view() is null.
   */
  restart(): void {
    this.people = new Map();
    this.haveList = false;
  }

  /** A full list as of `rev`: replaces every entry held with an older revision, in the list's order. */
  applyList(participants: readonly T[], rev: number): void {
    const next = new Map<string, { rev: number; entry: T | null }>();
    for (const entry of participants) {
      const held = this.people.get(entry.participantId);
      next.set(entry.participantId, held && held.rev > rev ? held : { rev, entry });
    }
    // Not in the list: removed before it was read, unless what we hold is newer than the list.
    for (const [id, held] of this.people) if (!next.has(id) && held.rev > rev) next.set(id, held);
    this.people = next;
    this.haveList = true;
  }

  /** One person's change; returns whether it was newer than what the book held. */
  applyChange(change: PresenceBookChange<T>): boolean {
    const id = change.op === 'upsert' ? change.entry.participantId : change.participantId;
    const held = this.people.get(id);
    if (held && held.rev >= change.rev) return false;
    if (held) held.rev = change.rev;
    const record = held ?? { rev: change.rev, entry: null };
    record.entry = change.op === 'upsert' ? change.entry : null;
    if (!held) this.people.set(id, record);
    return true;
  }

  /** Everyone present in the book (list order, later arrivals after), or null before the first list. */
  view(): T[] | null {
    if (!this.haveList) return null;
    const out: T[] = [];
    for (const { entry } of this.people.values()) if (entry) out.push(entry);
    return out;
  }
}
