import { z } from 'zod';

/*
 * In a file of its own, not in api.ts: only the privacy and accessibility pages read it, and the
 * schemas in api.ts are in every page's JavaScript.
 */

/**
 * GET /api/about: who runs this board and how long boards are kept, for the privacy notice and
 * the accessibility statement. Null where the operator has not said (the pages then say "the
 * organisation that gave you the link").
 */
export const About = z.object({
  operator: z.object({ name: z.string().nullable(), contact: z.string().nullable() }),
  /** Boards not used for this many days are deleted; null: kept until a facilitator deletes them. */
  retentionDays: z.number().int().positive().nullable(),
});
export type About = z.infer<typeof About>;
