import { z } from 'zod';
import { PARTICIPANT_GROUPS, ROLES } from './participants.js';
import { BoardSummary } from './api.js';

/**
 * socket.io session contract. The server is the only writer of session state; every client
 * request is validated against these schemas and answered through the acknowledgement.
 * docs/protocol.md is generated from this file (npm run docs:protocol) and a test checks it
 * is up to date.
 */

export const ErrorCode = z.enum([
  'invalid-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'storage-unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const Ack = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: z.object({ code: ErrorCode, message: z.string() }) }),
  ]);

export const Handshake = z.object({
  boardId: z.string().min(1).max(64),
  token: z.string().min(1).max(200),
});
export type Handshake = z.infer<typeof Handshake>;

/** What a person can set for themselves; "offline" is the server's word for someone not connected. */
export const PresenceStatus = z.enum(['online', 'away']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;
export const PresenceState = z.enum(['online', 'away', 'offline']);
export type PresenceState = z.infer<typeof PresenceState>;

export const PresenceEntry = z.object({
  participantId: z.string(),
  name: z.string(),
  group: z.enum(PARTICIPANT_GROUPS),
  role: z.enum(ROLES),
  status: PresenceState,
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

export const Me = z.object({
  participantId: z.string(),
  name: z.string(),
  group: z.enum(PARTICIPANT_GROUPS),
  role: z.enum(ROLES),
  authorKey: z.string(),
});
export type Me = z.infer<typeof Me>;

export const Welcome = z.object({ board: BoardSummary, me: Me });
export type Welcome = z.infer<typeof Welcome>;

/** Events a client sends: name → payload schema and acknowledgement data schema. */
export const ClientEvents = {
  'session:hello': {
    summary: 'Ask who you are and which board this is. Sent once after connecting.',
    payload: z.object({}).strict(),
    ack: Welcome,
  },
  'presence:set': {
    summary: 'Set your own presence: "away" when the tab is hidden, "online" when it is back.',
    payload: z.object({ status: PresenceStatus }).strict(),
    ack: z.object({ status: PresenceStatus }),
  },
} as const;

/** Events the server broadcasts to the board's room: name → payload schema. */
export const ServerEvents = {
  'presence:list': {
    summary:
      'The full presence list of the board (everyone who has joined, online, away or offline), sent on connect and after every change.',
    payload: z.object({ participants: z.array(PresenceEntry) }),
  },
  'doc:error': {
    summary:
      'Sent to you alone: your document connection was closed because an update broke a limit or could not be read. Codes: message-too-large, note-too-long, too-many-notes, malformed-message. What broke the limit was not kept; the y-websocket client reconnects and resyncs by itself.',
    payload: z.object({
      code: z.enum(['message-too-large', 'note-too-long', 'too-many-notes', 'malformed-message']).or(z.string()),
      message: z.string(),
    }),
  },
  'doc:storage': {
    summary:
      'Sent to the whole board: the durable store is failing (edits are held in the server and retried, and stay on your device) or has recovered.',
    payload: z.object({ state: z.enum(['failing', 'ok']), message: z.string() }),
  },
} as const;

export type ClientEventName = keyof typeof ClientEvents;
export type ServerEventName = keyof typeof ServerEvents;
export type ClientPayload<E extends ClientEventName> = z.input<(typeof ClientEvents)[E]['payload']>;
export type ClientAckData<E extends ClientEventName> = z.infer<(typeof ClientEvents)[E]['ack']>;
export type ServerPayload<E extends ServerEventName> = z.infer<(typeof ServerEvents)[E]['payload']>;
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

/**
 * Close codes the y-sync endpoint uses when it drops a connection, with the reason text.
 * Following the y-websocket client's convention, 4400-4499 mean "reconnecting cannot help"
 * (the client stops), 4500-4599 mean "reconnect": a change that broke a limit has been
 * reverted on the server, and reconnecting brings the revert to the sender.
 */
export const DOC_CLOSE = {
  /** 1009 is the WebSocket standard's "message too big"; ws sends it when maxPayload is exceeded. */
  messageTooLarge: { code: 1009, reason: 'message-too-large' },
  malformed: { code: 4400, reason: 'malformed-message' },
  noteTooLong: { code: 4522, reason: 'note-too-long' },
  tooManyNotes: { code: 4529, reason: 'too-many-notes' },
  slowConsumer: { code: 4508, reason: 'too-slow' },
} as const;
