/** Limits the server enforces on the shared doc; the client mirrors them so people never hit them by accident. */
export const LIMITS = {
  /** Characters in one note's text. */
  noteTextMax: 2000,
  /** Notes on one board. */
  notesPerBoardMax: 5000,
  /** Characters in a group title or a board title. */
  titleMax: 200,
  /** Characters in a display name. */
  nameMax: 60,
  /** Bytes in one inbound y-websocket frame (a reconnecting client's catch-up can be large). */
  yMessageMaxBytes: 2 * 1024 * 1024,
} as const;
