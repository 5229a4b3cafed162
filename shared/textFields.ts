import * as z from 'zod/mini';

/**
 * A one-line text field a person types (a board title, a name, a vote's title): trimmed, within
 * `max` characters, and without control characters or non-characters, which some stores cannot
 * hold (PostgreSQL refuses U+0000) and which would break the exported plan's XML.
 */
export const singleLine = (max: number) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((s) => s.trim()),
    ),
    z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[^\p{Cc}\p{Cs}\uFFFE\uFFFF]*$/u, 'must not contain control characters')),
  );
