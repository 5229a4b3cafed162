import { describe, expect, it } from 'vitest';
import { PARTICIPANT_GROUPS, type ParticipantGroup } from '../../shared/participants.js';
import { emptyGroupCounts, type GroupCounts } from '../../shared/votes.js';
import { TOP_PRIORITIES, balanceOfVoice, type VoiceCounts } from '../../server/facilitation/balance.js';

type Person = VoiceCounts['people'][number];
const person = (id: string, group: ParticipantGroup, more: Partial<Person> = {}): Person => ({
  id,
  group,
  authorKey: `a-${id}`,
  anonAuthorKey: `x-${id}`,
  inRoom: false,
  removedAt: null,
  ...more,
});
const counts = (partial: Partial<GroupCounts>): GroupCounts => ({ ...emptyGroupCounts(), ...partial });
const none: VoiceCounts = { people: [], present: new Set(), edits: new Map(), rounds: [], notes: [], priorities: [] };
const tally = (byGroup: Partial<GroupCounts>) => ({ noteId: 'n', total: 0, byGroup: counts(byGroup), rank: 1, tied: false });
const round = (...tallies: ReturnType<typeof tally>[]) => ({
  results: { roundId: 'r', voters: 0, votersByGroup: emptyGroupCounts(), dotsCast: 0, assistedBallots: 0, tallies },
});

describe('balance of voice', () => {
  it('is all zeros for an empty board, with a figure for every group', () => {
    const b = balanceOfVoice(none);
    for (const figure of [b.present, b.notesWritten, b.editsMade, b.dotsCast, b.topPriorities]) {
      expect(Object.keys(figure).sort()).toEqual([...PARTICIPANT_GROUPS].sort());
      expect(Object.values(figure).every((n) => n === 0)).toBe(true);
    }
    expect(b.topPriorityCount).toBe(0);
  });

  it('counts as present the people connected and the people in the room, never the removed', () => {
    const people = [
      person('on', 'staff'),
      person('off', 'staff'),
      person('room', 'service-user', { inRoom: true }),
      person('gone', 'community', { removedAt: 5 }),
      person('gone-room', 'community', { inRoom: true, removedAt: 5 }),
    ];
    const b = balanceOfVoice({ ...none, people, present: new Set(['on', 'gone']) });
    expect(b.present).toEqual(counts({ staff: 1, 'service-user': 1 }));
  });

  it('credits notes by plain or anonymous author key, and edits by participant, to the group; unknown ones to "unspecified"', () => {
    const people = [person('s', 'staff'), person('f', 'family-carer', { removedAt: 9 })];
    const notes = [
      { id: 'n1', author: 'a-s' },
      { id: 'n2', author: 'x-s' },
      { id: 'n3', author: 'a-f' }, // a removed person's note still counts for their group
      { id: 'n4', author: 'someone-else' },
      { id: 'n5', author: '' },
    ];
    const edits = new Map([
      ['s', 4],
      ['f', 2],
      ['stranger', 3],
    ]);
    const b = balanceOfVoice({ ...none, people, notes, edits });
    expect(b.notesWritten).toEqual(counts({ staff: 2, 'family-carer': 1, unspecified: 2 }));
    expect(b.editsMade).toEqual(counts({ staff: 4, 'family-carer': 2, unspecified: 3 }));
  });

  it('never matches an empty author key to a person', () => {
    const b = balanceOfVoice({ ...none, people: [person('s', 'staff', { anonAuthorKey: '' })], notes: [{ id: 'n', author: '' }] });
    expect(b.notesWritten).toEqual(counts({ unspecified: 1 }));
  });

  it('adds up dots by group over every closed round and every note', () => {
    const rounds = [round(tally({ staff: 2, community: 1 }), tally({ staff: 1 })), round(tally({ 'service-user': 5 }))];
    expect(balanceOfVoice({ ...none, rounds }).dotsCast).toEqual(counts({ staff: 3, community: 1, 'service-user': 5 }));
  });

  it(`counts the top ${TOP_PRIORITIES} priorities by the group of whoever wrote the note, skipping (not replacing) notes that are gone`, () => {
    const people = [person('s', 'staff'), person('c', 'community')];
    const notes = ['p1', 'p2', 'p4', 'p5', 'p6', 'p7'].map((id, i) => ({ id, author: i % 2 ? 'a-c' : 'x-s' }));
    // p3 is not on the board any more; p6 and p7 are below the top five.
    const priorities = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
    const b = balanceOfVoice({ ...none, people, notes, priorities });
    expect(b.topPriorityCount).toBe(4);
    expect(b.topPriorities).toEqual(counts({ staff: 2, community: 2 }));
  });

  it('is pure: the same figures every time, and its input left as it was', () => {
    const input: VoiceCounts = Object.freeze({
      people: Object.freeze([Object.freeze(person('s', 'staff'))]),
      present: new Set(['s']),
      edits: new Map([['s', 1]]),
      rounds: Object.freeze([round(tally({ staff: 1 }))]),
      notes: Object.freeze([Object.freeze({ id: 'n', author: 'a-s' })]),
      priorities: Object.freeze(['n']),
    });
    const first = balanceOfVoice(input);
    expect(balanceOfVoice(input)).toEqual(first);
    expect(input.present).toEqual(new Set(['s']));
    expect(input.edits).toEqual(new Map([['s', 1]]));
    expect(first).toEqual({
      present: counts({ staff: 1 }),
      notesWritten: counts({ staff: 1 }),
      editsMade: counts({ staff: 1 }),
      dotsCast: counts({ staff: 1 }),
      topPriorities: counts({ staff: 1 }),
      topPriorityCount: 1,
    });
  });

  it('says nothing about any one person: only group figures come out', () => {
    const people = [person('secret-id', 'staff')];
    const b = balanceOfVoice({
      ...none,
      people,
      present: new Set(['secret-id']),
      notes: [{ id: 'n', author: 'a-secret-id' }],
      priorities: ['n'],
    });
    expect(JSON.stringify(b)).not.toContain('secret-id');
  });
});
