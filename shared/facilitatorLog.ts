import * as z from 'zod/mini';

/**
 * The visible log of what the facilitator (and anyone helping) did. Every participant can read
 * it: facilitation steers the group, it does not act behind its back.
 */
export const LOG_ACTIONS = [
  'vote-opened',
  'vote-closed',
  'assisted-ballot',
  'in-room-participant-added',
  'assist-permission-changed',
  'step-changed',
  'locked',
  'unlocked',
  'anonymity-changed',
  'participant-removed',
  'role-changed',
  'link-rotated',
  'share-link-created',
  /** The timer was set to a length (paused, from the start), or cleared. */
  'timer-set',
  'timer-cleared',
  'timer-started',
  'timer-paused',
  /** Time added (`ms` > 0) or taken away (`ms` < 0). */
  'timer-added',
  /** A closed round's results were used as the shared priorities. */
  'results-used',
  /** A facilitator lowered someone's raised hand (they had been heard). */
  'hand-cleared',
  /** A facilitator marked a break request as dealt with (never says who asked). */
  'break-cleared',
] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

export const LogEntry = z.object({
  id: z.string(),
  at: z.number(),
  actorId: z.string(),
  actorName: z.string(),
  action: z.enum(LOG_ACTIONS),
  /** Plain facts for the entry (names, titles, counts); never ballot contents. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type LogEntry = z.infer<typeof LogEntry>;
