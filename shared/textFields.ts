import * as z from 'zod/mini';

/**
 * A one-line text field a person types (a board title, a name, a vote's title): trimmed, within
 * `max` characters, and without control characters or non-characters, which some stores cannot
 * hold (PostgreSQL refuses U+0000) and which would break the exported plan's XML. The trim comes
 * first, so the length and the "not empty" rule apply to what is kept.
 */
export const singleLine = (max: number) =>
  z
    .string()
    .check(z.trim(), z.minLength(1), z.maxLength(max), z.regex(/^[^\p{Cc}\p{Cs}\uFFFE\uFFFF]*$/u, 'must not contain control characters'));
