import type { ParticipantGroup } from '../../shared/participants.js';
import { emptyGroupCounts, type NoteTally, type RoundResults } from '../../shared/votes.js';
import type { StoredBallot } from './ballotBox.js';

/**
 * Counts a closed round. Every note still in scope appears (dots on notes deleted during the
 * round are not counted). Equal totals share a rank and are marked as ties, so the group sees
 * a tie as a tie, not as an order someone chose.
 */
export function tallyRound(input: {
  roundId: string;
  /** Notes in scope at close, in board order (used only to list equal totals stably). */
  noteIds: string[];
  ballots: Map<string, StoredBallot>;
  groupOf: (participantId: string) => ParticipantGroup;
}): RoundResults {
  const inScope = new Set(input.noteIds);
  const tallies = new Map<string, NoteTally>(
    input.noteIds.map((noteId) => [noteId, { noteId, total: 0, byGroup: emptyGroupCounts(), rank: 0, tied: false }]),
  );
  const votersByGroup = emptyGroupCounts();
  let voters = 0;
  let dotsCast = 0;
  let assistedBallots = 0;
  for (const [participantId, { ballot, assisted }] of input.ballots) {
    const group = input.groupOf(participantId);
    let counted = 0;
    for (const [noteId, dots] of Object.entries(ballot)) {
      if (!inScope.has(noteId) || dots <= 0) continue;
      const t = tallies.get(noteId)!;
      t.total += dots;
      t.byGroup[group] += dots;
      counted += dots;
    }
    if (counted > 0) {
      voters++;
      votersByGroup[group]++;
      dotsCast += counted;
      if (assisted) assistedBallots++;
    }
  }
  const order = new Map(input.noteIds.map((id, i) => [id, i]));
  const ranked = [...tallies.values()].sort((a, b) => b.total - a.total || order.get(a.noteId)! - order.get(b.noteId)!);
  for (const t of ranked) {
    t.rank = 1 + ranked.filter((o) => o.total > t.total).length;
    t.tied = ranked.some((o) => o !== t && o.total === t.total);
  }
  return { roundId: input.roundId, voters, votersByGroup, dotsCast, assistedBallots, tallies: ranked };
}
