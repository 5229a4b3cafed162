import * as z from 'zod/mini';

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
  operator: z.object({ name: z.nullable(z.string()), contact: z.nullable(z.string()) }),
  /** Boards not used for this many days are deleted; null: kept until a facilitator deletes them. */
  retentionDays: z.nullable(z.int().check(z.positive())),
});
export type About = z.infer<typeof About>;
