import { z } from 'zod';

/**
 * A one-line text field a person types (a board title, a name, a vote's title): trimmed, within
 * `max` characters, and without control characters or non-characters, which some stores cannot
 * hold (PostgreSQL refuses U+0000) and which would break the exported plan's XML.
 */
export const singleLine = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1)
        .max(max)
        .regex(/^[^\p{Cc}\p{Cs}\uFFFE\uFFFF]*$/u, 'must not contain control characters'),
    );
