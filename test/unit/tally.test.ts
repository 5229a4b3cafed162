import { describe, expect, it } from 'vitest';
import type { ParticipantGroup } from '../../shared/participants.js';
import { ballotFrom, emptyGroupCounts, type GroupCounts, type RoundResults } from '../../shared/votes.js';
import type { StoredBallot } from '../../server/votes/ballotBox.js';
import { tallyRound } from '../../server/votes/tally.js';

/**
 * tallyRound (server/votes/tally.ts) on its own: what a closed round's results say, given the
 * notes in scope at close (in board order), the stored ballots and each voter's group.
 */

type Voter = { group: ParticipantGroup; dots: [noteId: string, dots: number][]; assisted?: boolean };

function tally(noteIds: string[], voters: Record<string, Voter> | Map<string, Voter>): RoundResults {
  const entries = voters instanceof Map ? [...voters] : Object.entries(voters);
  const ballots = new Map<string, StoredBallot>(
    entries.map(([id, v]) => [id, { ballot: ballotFrom(v.dots), assisted: v.assisted ?? false }]),
  );
  const groups = new Map(entries.map(([id, v]) => [id, v.group]));
  return tallyRound({ roundId: 'round00000000001', noteIds, ballots, groupOf: (id) => groups.get(id) ?? 'unspecified' });
}

const groups = (counts: Partial<GroupCounts>): GroupCounts => ({ ...emptyGroupCounts(), ...counts });
/** noteId → [total, rank, tied], best first. */
const ranking = (r: RoundResults) => r.tallies.map((t) => [t.noteId, t.total, t.rank, t.tied]);

describe('tallying a closed vote round', () => {
  it('ranks by total with competition ranking: equal totals share a rank and the next rank skips (1, 1, 3)', () => {
    const r0 = tally(['a', 'b', 'c', 'd'], {
      p1: { group: 'staff', dots: [['a', 2]] },
      p2: { group: 'community', dots: [['b', 2]] },
      p3: { group: 'staff', dots: [['c', 1]] },
    });
    expect(ranking(r0)).toEqual([
      ['a', 2, 1, true],
      ['b', 2, 1, true],
      ['c', 1, 3, false],
      ['d', 0, 4, false],
    ]);

    const r = tally(['a', 'b', 'c', 'd'], {
      p1: {
        group: 'staff',
        dots: [
          ['b', 2],
          ['c', 1],
        ],
      },
      p2: {
        group: 'staff',
        dots: [
          ['c', 1],
          ['d', 1],
        ],
      },
      p3: { group: 'staff', dots: [['d', 1]] },
    });
    expect(ranking(r)).toEqual([
      ['b', 2, 1, true],
      ['c', 2, 1, true],
      ['d', 2, 1, true],
      ['a', 0, 4, false],
    ]);

    const r2 = tally(['a', 'b', 'c', 'd'], {
      p1: { group: 'staff', dots: [['a', 3]] },
      p2: {
        group: 'staff',
        dots: [
          ['b', 2],
          ['c', 1],
        ],
      },
      p3: {
        group: 'staff',
        dots: [
          ['c', 1],
          ['d', 1],
        ],
      },
    });
    expect(ranking(r2)).toEqual([
      ['a', 3, 1, false],
      ['b', 2, 2, true],
      ['c', 2, 2, true],
      ['d', 1, 4, false],
    ]);
  });

  it('lists equal totals in board order, whatever order the ballots or note ids sort in', () => {
    const board = ['zeta', 'alpha', 'mid', 'beta'];
    const r = tally(board, {
      // Ballots arrive in an order unrelated to the board; the dots within one are unordered too.
      p9: {
        group: 'staff',
        dots: [
          ['beta', 1],
          ['alpha', 1],
        ],
      },
      p1: {
        group: 'community',
        dots: [
          ['mid', 1],
          ['zeta', 1],
        ],
      },
    });
    expect(r.tallies.map((t) => t.noteId)).toEqual(board);
    expect(r.tallies.every((t) => t.rank === 1 && t.tied)).toBe(true);

    // Notes nobody voted for are listed too, tied last, still in board order.
    const r2 = tally(board, { p1: { group: 'staff', dots: [['beta', 1]] } });
    expect(ranking(r2)).toEqual([
      ['beta', 1, 1, false],
      ['zeta', 0, 2, true],
      ['alpha', 0, 2, true],
      ['mid', 0, 2, true],
    ]);
  });

  it('splits every note’s total by the voters’ groups and counts voters per group', () => {
    const r = tally(['a', 'b'], {
      su1: {
        group: 'service-user',
        dots: [
          ['a', 2],
          ['b', 1],
        ],
      },
      su2: { group: 'service-user', dots: [['a', 1]] },
      carer: { group: 'family-carer', dots: [['b', 3]] },
      staff: {
        group: 'staff',
        dots: [
          ['a', 1],
          ['b', 2],
        ],
      },
      guest: { group: 'unspecified', dots: [['a', 1]] },
    });
    const byId = new Map(r.tallies.map((t) => [t.noteId, t]));
    expect(byId.get('a')).toMatchObject({ total: 5, byGroup: groups({ 'service-user': 3, staff: 1, unspecified: 1 }) });
    expect(byId.get('b')).toMatchObject({ total: 6, byGroup: groups({ 'service-user': 1, 'family-carer': 3, staff: 2 }) });
    for (const t of r.tallies) expect(Object.values(t.byGroup).reduce((s, n) => s + n, 0)).toBe(t.total);
    expect(r.voters).toBe(5);
    expect(r.votersByGroup).toEqual(groups({ 'service-user': 2, 'family-carer': 1, staff: 1, unspecified: 1 }));
    expect(r.dotsCast).toBe(11);
    expect(r.roundId).toBe('round00000000001');
  });

  it('counts assisted ballots among the voters, once per ballot', () => {
    const r = tally(['a', 'b'], {
      inRoom1: {
        group: 'service-user',
        dots: [
          ['a', 2],
          ['b', 1],
        ],
        assisted: true,
      },
      inRoom2: { group: 'family-carer', dots: [['b', 1]], assisted: true },
      own: { group: 'staff', dots: [['a', 1]] },
    });
    expect(r.assistedBallots).toBe(2);
    expect(r.voters).toBe(3);
    expect(r.dotsCast).toBe(5);
  });

  it('does not count dots on notes that left the scope or were deleted during the round', () => {
    const r = tally(['kept1', 'kept2'], {
      p1: {
        group: 'staff',
        dots: [
          ['kept1', 1],
          ['deleted', 2],
        ],
      },
      // Every dot of this ballot is on notes no longer in scope: not a voter, not an assisted ballot.
      p2: {
        group: 'community',
        dots: [
          ['deleted', 1],
          ['moved-out', 2],
        ],
        assisted: true,
      },
    });
    expect(ranking(r)).toEqual([
      ['kept1', 1, 1, false],
      ['kept2', 0, 2, false],
    ]);
    expect(r.tallies.map((t) => t.noteId)).not.toContain('deleted');
    expect(r.dotsCast).toBe(1);
    expect(r.voters).toBe(1);
    expect(r.votersByGroup).toEqual(groups({ staff: 1 }));
    expect(r.assistedBallots).toBe(0);
  });

  it('ignores entries with no dots: ballotFrom leaves them out, and a stored zero or negative is skipped too', () => {
    expect(
      Object.keys(
        ballotFrom([
          ['a', 0],
          ['b', -1],
          ['c', 2],
        ]),
      ),
    ).toEqual(['c']);

    // A ballot as the store might hand it back, with an entry of 0 dots (or worse) in it.
    const raw = Object.assign(Object.create(null) as Record<string, number>, { a: 0, b: -2 });
    const ballots = new Map<string, StoredBallot>([
      ['empty', { ballot: raw, assisted: true }],
      ['real', { ballot: ballotFrom([['b', 1]]), assisted: false }],
    ]);
    const r = tallyRound({ roundId: 'r', noteIds: ['a', 'b'], ballots, groupOf: () => 'staff' });
    expect(ranking(r)).toEqual([
      ['b', 1, 1, false],
      ['a', 0, 2, false],
    ]);
    expect(r.tallies.find((t) => t.noteId === 'b')!.byGroup.staff).toBe(1);
    expect(r.voters).toBe(1);
    expect(r.dotsCast).toBe(1);
    expect(r.assistedBallots).toBe(0);
  });

  it('an empty round lists every note in scope with no votes, all tied', () => {
    const r = tally(['a', 'b'], {});
    expect(r).toEqual({
      roundId: 'round00000000001',
      voters: 0,
      votersByGroup: emptyGroupCounts(),
      dotsCast: 0,
      assistedBallots: 0,
      tallies: [
        { noteId: 'a', total: 0, byGroup: emptyGroupCounts(), rank: 1, tied: true },
        { noteId: 'b', total: 0, byGroup: emptyGroupCounts(), rank: 1, tied: true },
      ],
    });
    expect(tally([], { p: { group: 'staff', dots: [['gone', 1]] } })).toMatchObject({ tallies: [], voters: 0, dotsCast: 0 });
  });

  it('treats ids such as constructor, __proto__ and hasOwnProperty as ordinary notes and people', () => {
    const notes = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const voters = new Map<string, Voter>([
      [
        '__proto__',
        {
          group: 'service-user',
          dots: [
            ['__proto__', 2],
            ['constructor', 1],
          ],
        },
      ],
      [
        'constructor',
        {
          group: 'staff',
          dots: [
            ['constructor', 2],
            ['valueOf', 1],
          ],
        },
      ],
      ['toString', { group: 'family-carer', dots: [['hasOwnProperty', 1]] }],
    ]);
    const r = tally(notes, voters);
    expect(ranking(r)).toEqual([
      ['constructor', 3, 1, false],
      ['__proto__', 2, 2, false],
      ['hasOwnProperty', 1, 3, false],
      ['toString', 0, 4, false],
    ]);
    expect(r.tallies[0].byGroup).toEqual(groups({ 'service-user': 1, staff: 2 }));
    // `valueOf` is not in scope: its dot is not counted, and no prototype member leaked in as a note.
    expect(r.dotsCast).toBe(6);
    expect(r.voters).toBe(3);
    expect(r.votersByGroup).toEqual(groups({ 'service-user': 1, staff: 1, 'family-carer': 1 }));
    // The results survive the JSON round trip the store makes (no prototype-shaped surprises).
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('does not change the ballots it is given', () => {
    const ballot = ballotFrom([['a', 2]]);
    const ballots = new Map<string, StoredBallot>([['p', { ballot, assisted: false }]]);
    tallyRound({ roundId: 'r', noteIds: ['a'], ballots, groupOf: () => 'staff' });
    tallyRound({ roundId: 'r', noteIds: ['a'], ballots, groupOf: () => 'staff' });
    expect({ ...ballot }).toEqual({ a: 2 });
    expect(tallyRound({ roundId: 'r', noteIds: ['a'], ballots, groupOf: () => 'staff' }).tallies[0].total).toBe(2);
  });
});
