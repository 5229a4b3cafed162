/** Text every person sees comes in both languages; the board's content picks per reader. */
export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface BilingualText {
  en: string;
  cy: string;
}

export function pick(text: BilingualText, lang: Language): string {
  return text[lang] || text.en;
}
