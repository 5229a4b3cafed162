import type { Ballot, VoteRound } from '../../shared/votes.js';

export type DotsRefusal = 'round-closed' | 'budget-spent' | 'note-cap';

export type SetDotsResult = { ok: true; ballot: Ballot } | { ok: false; reason: DotsRefusal };

export interface StoredBallot {
  ballot: Ballot;
  /** Cast (at least partly) by someone else for an in-room participant. */
  assisted: boolean;
}

/**
 * Where ballots live while a round is open. Every change is one atomic check-and-set: the round
 * is open, the person's total stays within the budget, the note within the cap. Two
 * implementations pass the same suite: SQLite (single process) and Redis (scaled, Lua script),
 * so the budget holds even when one person is connected to two instances.
 */
export interface BallotBox {
  readonly kind: 'sqlite' | 'redis';
  openRound(round: VoteRound): Promise<void>;
  /** Sets this person's dots on one note to `dots` (0 removes them). */
  setDots(round: VoteRound, participantId: string, noteId: string, dots: number, assisted: boolean): Promise<SetDotsResult>;
  ballotOf(roundId: string, participantId: string): Promise<Ballot>;
  /** How many people have at least one dot on the board. */
  voterCount(roundId: string): Promise<number>;
  /** Stops all further changes atomically and returns every ballot. Idempotent. */
  closeRound(roundId: string): Promise<Map<string, StoredBallot>>;
  /** Forgets every ballot of these rounds at once (the board was deleted). */
  forgetRounds(roundIds: readonly string[], participantIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
