import { describe, expect, it } from 'vitest';
import { PresenceBook } from '../../shared/presenceBook.js';

type E = { participantId: string; status: string };
const e = (participantId: string, status = 'online'): E => ({ participantId, status });
const ids = (b: PresenceBook<E>) => b.view()?.map((x) => `${x.participantId}:${x.status}`);

describe('presence book (full list, then changes ordered by revision)', () => {
  it('shows nothing before the first list, then the list, then changes in place or at the end', () => {
    const b = new PresenceBook<E>();
    expect(b.view()).toBeNull();
    expect(b.applyChange({ op: 'upsert', rev: 5, entry: e('c') })).toBe(true); // kept, not shown yet
    expect(b.view()).toBeNull();
    b.applyList([e('a'), e('b', 'away')], 4);
    expect(ids(b)).toEqual(['a:online', 'b:away', 'c:online']);
    b.applyChange({ op: 'upsert', rev: 6, entry: e('a', 'offline') });
    b.applyChange({ op: 'upsert', rev: 7, entry: e('d') });
    expect(ids(b)).toEqual(['a:offline', 'b:away', 'c:online', 'd:online']);
  });

  it('ignores a change older than what it holds for that person, also for someone removed', () => {
    const b = new PresenceBook<E>();
    b.applyList([e('a'), e('b')], 10);
    expect(b.applyChange({ op: 'upsert', rev: 12, entry: e('a', 'away') })).toBe(true);
    expect(b.applyChange({ op: 'upsert', rev: 11, entry: e('a', 'offline') })).toBe(false);
    expect(b.applyChange({ op: 'upsert', rev: 9, entry: e('b', 'offline') })).toBe(false); // older than the list
    expect(b.applyChange({ op: 'remove', rev: 13, participantId: 'b' })).toBe(true);
    expect(b.applyChange({ op: 'upsert', rev: 12, entry: e('b') })).toBe(false); // crossed with the removal
    expect(ids(b)).toEqual(['a:away']);
  });

  it('lets a newer list replace older entries and drop people removed before it, but keep newer changes', () => {
    const b = new PresenceBook<E>();
    b.applyList([e('a'), e('b'), e('c')], 10);
    b.applyChange({ op: 'upsert', rev: 30, entry: e('c', 'away') }); // overtook the list below
    b.applyChange({ op: 'upsert', rev: 31, entry: e('z') }); // joined after the list was read
    b.applyList([e('a', 'offline'), e('c')], 20); // b was removed in between
    expect(ids(b)).toEqual(['a:offline', 'c:away', 'z:online']);
    b.applyList([e('a')], 5); // an old list changes nothing it holds newer
    expect(ids(b)).toEqual(['a:offline', 'c:away', 'z:online']);
  });

  it('starts afresh on a new connection: the next list decides', () => {
    const b = new PresenceBook<E>();
    b.applyList([e('a'), e('b')], 100);
    b.restart();
    expect(b.view()).toBeNull();
    b.applyList([e('a', 'away')], 3); // a restarted server counts from lower down
    expect(ids(b)).toEqual(['a:away']);
  });
});
