import * as z from 'zod/mini';
import { LIMITS } from './limits.js';
import { singleLine } from './textFields.js';
import { PARTICIPANT_GROUPS, type ParticipantGroup } from './participants.js';

/**
 * Equal-weight voting. Rounds and ballots are session state: decided by the server, never read
 * from the shared doc. While a round is open a client learns only its own ballot and how many
 * people have voted; tallies exist only after the round closes.
 */
export const VOTE_BUDGET = { min: 1, max: 20, default: 3 } as const;

export const OpenRoundRequest = z.strictObject({
  title: singleLine(LIMITS.titleMax),
  sectionIds: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(50)),
  budget: z._default(z.int().check(z.minimum(VOTE_BUDGET.min), z.maximum(VOTE_BUDGET.max)), VOTE_BUDGET.default),
  /** Most dots one person may put on one note; null = no cap. */
  perNoteCap: z._default(z.nullable(z.int().check(z.minimum(1), z.maximum(VOTE_BUDGET.max))), null),
});
export type OpenRoundRequest = z.infer<typeof OpenRoundRequest>;

export const RoundStatus = z.enum(['open', 'closed']);

export const VoteRound = z.object({
  roundId: z.string(),
  title: z.string(),
  sectionIds: z.array(z.string()),
  budget: z.int(),
  perNoteCap: z.nullable(z.int()),
  status: RoundStatus,
  openedAt: z.number(),
  closedAt: z.nullable(z.number()),
});
export type VoteRound = z.infer<typeof VoteRound>;

/**
 * One person's dots in one round: note id → dots. Note ids are chosen by clients, so a ballot is
 * never a plain `{}`: build one with ballotFrom() (no prototype, so `constructor` or `__proto__`
 * are ordinary keys) and read it with dotsOn().
 */
export const Ballot = z.record(z.string(), z.int().check(z.minimum(1)));
export type Ballot = z.infer<typeof Ballot>;

/** A ballot object from note id → dots pairs; entries with no dots are left out. */
export function ballotFrom(entries: Iterable<readonly [string, number]>): Ballot {
  const ballot = Object.create(null) as Ballot;
  for (const [noteId, dots] of entries) if (dots > 0) ballot[noteId] = dots;
  return ballot;
}

/** Dots on one note in a ballot (0 when none), whatever the note id is. */
export function dotsOn(ballot: Ballot | null | undefined, noteId: string): number {
  return ballot && Object.hasOwn(ballot, noteId) ? ballot[noteId] : 0;
}

export const GroupCounts = z.object(
  Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, z.int()])) as Record<ParticipantGroup, z.ZodMiniInt>,
);
export type GroupCounts = z.infer<typeof GroupCounts>;

export const NoteTally = z.object({
  noteId: z.string(),
  total: z.int(),
  byGroup: GroupCounts,
  /** Competition ranking: equal totals share a rank (1, 1, 3). */
  rank: z.int(),
  tied: z.boolean(),
});
export type NoteTally = z.infer<typeof NoteTally>;

export const RoundResults = z.object({
  roundId: z.string(),
  voters: z.int(),
  votersByGroup: GroupCounts,
  dotsCast: z.int(),
  assistedBallots: z.int(),
  /** Every note in scope at close, best first; notes deleted during the round are left out. */
  tallies: z.array(NoteTally),
});
export type RoundResults = z.infer<typeof RoundResults>;

export const MyVoteState = z.object({
  round: VoteRound,
  ballot: Ballot,
  remaining: z.int(),
  voters: z.int(),
});
export type MyVoteState = z.infer<typeof MyVoteState>;

export const ClosedRound = z.object({ round: VoteRound, results: RoundResults });
export type ClosedRound = z.infer<typeof ClosedRound>;

export function emptyGroupCounts(): GroupCounts {
  return Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, 0])) as GroupCounts;
}

export function dotsIn(ballot: Ballot): number {
  let n = 0;
  for (const v of Object.values(ballot)) n += v;
  return n;
}
