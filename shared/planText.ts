import type { BilingualText } from './i18nText.js';

/**
 * Characters no export may carry: what XML 1.0 forbids (C0 controls other than tab, line feed
 * and carriage return; U+FFFE and U+FFFF; lone surrogates) and every Unicode non-character
 * (U+FDD0–U+FDEF, and U+nFFFE and U+nFFFF in every plane). One of them in a note would make a
 * DOCX unreadable (its text is XML); every format drops them, so every export says the same.
 * With the `u` flag a surrogate pair is one code point, so only lone surrogates match.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the characters XML 1.0 forbids is the point
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\p{Surrogate}\p{Noncharacter_Code_Point}]/gu;

/** Participant text as the plan carries it: forbidden characters removed; anything not a string is ''. */
export function planText(value: unknown): string {
  return typeof value === 'string' ? value.replace(NOT_TEXT, '') : '';
}

/** Both languages of a text written in the doc, each through planText (a missing language is ''). */
export function planBilingual(value: BilingualText): BilingualText {
  return { en: planText(value.en), cy: planText(value.cy) };
}
