import * as z from 'zod/mini';
import { PARTICIPANT_GROUPS } from './participants.js';

/**
 * Facilitation state: the facilitator steers (step, timer, lock, anonymity) but decides nothing
 * for the group. Everyone sees this state and the log of every change to it.
 */
export const TIMER_MAX_MS = 4 * 60 * 60 * 1000;

export const TimerState = z.object({
  /** The length it was set to, plus any time added. */
  durationMs: z.int(),
  /** Time left when paused; ignore while running (use endsAt). */
  remainingMs: z.int(),
  /** Server time it ends at while running; null when paused or not started. */
  endsAt: z.nullable(z.number()),
});
export type TimerState = z.infer<typeof TimerState>;

export const HandRaised = z.object({ participantId: z.string(), raisedAt: z.number() });

export const FacilitationState = z.object({
  /** The section the group is working on, or null before the facilitator picks one. */
  step: z.nullable(z.string()),
  timer: z.nullable(TimerState),
  locked: z.boolean(),
  anonymous: z.boolean(),
  /** Raised hands, oldest first: the facilitator's queue. */
  hands: z.array(HandRaised),
  /** The server's clock when this was sent, so clients can correct for their own clock. */
  serverNow: z.number(),
});
export type FacilitationState = z.infer<typeof FacilitationState>;

export const BreakRequest = z.object({
  id: z.string(),
  at: z.number(),
  /** Null when the person asked without their name. */
  participantId: z.nullable(z.string()),
  name: z.nullable(z.string()),
});
export type BreakRequest = z.infer<typeof BreakRequest>;

const groupFigures = z.object(
  Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, z.int()])) as Record<(typeof PARTICIPANT_GROUPS)[number], z.ZodMiniInt>,
);

/** Whose voices are in the plan, by participant group only: never by person. */
export const BalanceOfVoice = z.object({
  present: groupFigures,
  notesWritten: groupFigures,
  editsMade: groupFigures,
  dotsCast: groupFigures,
  /** Of the top entries of the shared priority list, how many came from each group. */
  topPriorities: groupFigures,
  topPriorityCount: z.int(),
});
export type BalanceOfVoice = z.infer<typeof BalanceOfVoice>;
