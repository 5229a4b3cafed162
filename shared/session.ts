import { z } from 'zod';
import { PARTICIPANT_GROUPS, ROLES } from './participants.js';
import { BoardSummary } from './api.js';
import { LogEntry } from './facilitatorLog.js';
import { Ballot, ClosedRound, MyVoteState, OpenRoundRequest, VoteRound } from './votes.js';

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
  // voting
  'round-already-open',
  'round-closed',
  'budget-spent',
  'note-cap',
  'note-out-of-scope',
  'note-deleted',
  'not-in-room',
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
  /** In the room without a device; their ballot is cast with someone's help. */
  inRoom: z.boolean(),
  /** Allowed by the facilitator to cast ballots for in-room participants. */
  canAssist: z.boolean(),
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
  'vote:open': {
    summary:
      'Facilitator: open a vote round over some sections, with the same budget of dots for everyone (1-20, default 3) and an optional cap per note. One round may be open at a time (round-already-open).',
    payload: OpenRoundRequest,
    ack: VoteRound,
  },
  'vote:set': {
    summary:
      'Set how many of your dots are on one note (0 takes them off). Refused, changing nothing, when the round is closed (round-closed), the budget would be exceeded (budget-spent), the per-note cap would be exceeded (note-cap), the note is not in the round\'s sections (note-out-of-scope) or has been deleted (note-deleted; taking dots off it is still allowed). `onBehalfOf` casts for an in-room participant: facilitator, or someone the facilitator allowed to assist; such a ballot is marked assisted and logged.',
    payload: z
      .object({
        roundId: z.string().min(1).max(64),
        noteId: z.string().min(1).max(64),
        dots: z.number().int().min(0).max(20),
        onBehalfOf: z.string().min(1).max(64).optional(),
      })
      .strict(),
    ack: z.object({ ballot: Ballot, remaining: z.number().int() }),
  },
  'vote:state': {
    summary:
      'Your view of voting: the open round with only your own ballot and how many people have voted, and every closed round with its results. `forParticipant` (assistants only) gives an in-room participant\'s view instead.',
    payload: z.object({ forParticipant: z.string().min(1).max(64).optional() }).strict(),
    ack: z.object({ current: MyVoteState.nullable(), closed: z.array(ClosedRound) }),
  },
  'vote:close': {
    summary: 'Facilitator: close the open round. The tallies (per note, total and split by participant group, ties marked) are published to everyone and stored.',
    payload: z.object({ roundId: z.string().min(1).max(64) }).strict(),
    ack: ClosedRound,
  },
  'participant:add-in-room': {
    summary: 'Facilitator: add someone who is in the room without a device (name and group), so their ballot can be cast with help.',
    payload: z.object({ name: z.string().trim().min(1).max(60), group: z.enum(PARTICIPANT_GROUPS) }).strict(),
    ack: z.object({ participantId: z.string(), name: z.string(), group: z.enum(PARTICIPANT_GROUPS) }),
  },
  'participant:allow-assist': {
    summary: 'Facilitator: allow (or stop allowing) a participant to cast ballots for in-room participants.',
    payload: z.object({ participantId: z.string().min(1).max(64), allowed: z.boolean() }).strict(),
    ack: z.object({ participantId: z.string(), allowed: z.boolean() }),
  },
  'log:list': {
    summary: 'The facilitator log: what was done on the board, when and by whom. Everyone may read it.',
    payload: z.object({}).strict(),
    ack: z.object({ entries: z.array(LogEntry) }),
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
  'vote:round': {
    summary:
      'The open round (or null when none is open) and how many people have voted in it. Sent on open, on close, and whenever the number of voters changes. Never carries ballots or tallies.',
    payload: z.object({ round: VoteRound.nullable(), voters: z.number().int() }),
  },
  'vote:results': {
    summary: 'A round has closed: its settings and results, the same for everyone.',
    payload: ClosedRound,
  },
  'log:entry': {
    summary: 'A new entry in the facilitator log.',
    payload: LogEntry,
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
