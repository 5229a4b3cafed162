/**
 * Note colours. Colour is never the only signal: each has a name (translated in the client) and
 * a pattern the client draws on the note, so the colours can be told apart without seeing colour.
 */
export const NOTE_COLOURS = ['yellow', 'blue', 'green', 'pink', 'orange', 'purple'] as const;
export type NoteColour = (typeof NOTE_COLOURS)[number];
export const DEFAULT_NOTE_COLOUR: NoteColour = 'yellow';

export function isNoteColour(value: unknown): value is NoteColour {
  return typeof value === 'string' && (NOTE_COLOURS as readonly string[]).includes(value);
}
