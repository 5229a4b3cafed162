// Long by design: every socket.io event's contract in one file, from which docs/protocol.md is generated.
import * as z from 'zod/mini';
import { ENTITY_ID } from './ids.js';
import { LIMITS } from './limits.js';
import { singleLine } from './textFields.js';
import { PARTICIPANT_GROUPS, ROLES } from './participants.js';
import { BoardSummary } from './api.js';
import { LogEntry } from './facilitatorLog.js';
import { BalanceOfVoice, BreakRequest, FacilitationState, TIMER_MAX_MS } from './facilitation.js';
import { Ballot, ClosedRound, MyVoteState, OpenRoundRequest, VoteRound } from './votes.js';

/**
 * socket.io session contract. The server is the only writer of session state; every client
 * request is validated against these schemas and answered through the acknowledgement.
 * docs/protocol.md is generated from this file (npm run docs:protocol) and a test checks it
 * is up to date. It is long on purpose: the whole contract in one file, as the protocol document is.
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
  // facilitation
  'last-facilitator',
  // too many requests in a short time: wait `retryAfterSeconds` and try again
  'rate-limited',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const Ack = <T extends z.ZodMiniType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({
      ok: z.literal(false),
      error: z.object({ code: ErrorCode, message: z.string(), retryAfterSeconds: z.optional(z.int().check(z.positive())) }),
    }),
  ]);

export const Handshake = z.object({
  boardId: z.string().check(z.minLength(1), z.maxLength(64)),
  token: z.string().check(z.minLength(1), z.maxLength(200)),
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
  /** Holds the facilitator role because a facilitator shared it (so it can be taken back). */
  coFacilitator: z.boolean(),
  /**
   * The opaque key this person's notes carry, so notes can show their author's name. Left out
   * (null) while the board is anonymous: nothing the server sends then links a note to a person.
   */
  authorKey: z.nullable(z.string()),
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

/**
 * Presence travels as one full list (asked for by a newcomer, or sent to everyone when anonymity
 * changes) and then as changes to one person each, so a join costs the board one entry, not the whole list.
 * Every presence read on the server takes a new, larger revision; changes computed by different
 * server instances (or by overlapping reads in one) may arrive out of order, so a client keeps,
 * per person, the highest revision it has applied and ignores anything older (see
 * shared/presenceBook.ts).
 */
export const PresenceRev = z.int().check(z.nonnegative());
export const PresenceList = z.object({
  participants: z.array(PresenceEntry),
  /** Everything in the list is as of this revision: it replaces what you hold with an older one. */
  rev: PresenceRev,
});
export type PresenceList = z.infer<typeof PresenceList>;
export const PresenceChange = z.discriminatedUnion('op', [
  /** This person's entry as of `rev` (added, or replacing the one you hold). */
  z.object({ op: z.literal('upsert'), rev: PresenceRev, entry: PresenceEntry }),
  /** The facilitator removed this person: take them out of the list. */
  z.object({ op: z.literal('remove'), rev: PresenceRev, participantId: z.string() }),
]);
export type PresenceChange = z.infer<typeof PresenceChange>;

export const Me = z.object({
  participantId: z.string(),
  name: z.string(),
  group: z.enum(PARTICIPANT_GROUPS),
  role: z.enum(ROLES),
  authorKey: z.string(),
  /** Write notes with this key while the board is anonymous (see JoinResponse). */
  anonAuthorKey: z.string(),
});
export type Me = z.infer<typeof Me>;

export const Welcome = z.object({ board: BoardSummary, me: Me });
export type Welcome = z.infer<typeof Welcome>;

/** Events a client sends: name → payload schema and acknowledgement data schema. */
export const ClientEvents = {
  'session:hello': {
    summary: 'Ask who you are and which board this is. Sent once after connecting.',
    payload: z.strictObject({}),
    ack: Welcome,
  },
  'presence:set': {
    summary: 'Set your own presence: "away" when the tab is hidden, "online" when it is back.',
    payload: z.strictObject({ status: PresenceStatus }),
    ack: z.object({ status: PresenceStatus }),
  },
  'presence:get': {
    summary:
      'The full presence list, as in presence:list. Ask once after connecting (and after each reconnect), then apply presence:change. It is an answer rather than an event because events sent to one connection are kept for connection-state recovery, and this one grows with the board.',
    payload: z.strictObject({}),
    ack: PresenceList,
  },
  'vote:open': {
    summary:
      'Facilitator: open a vote round over some sections, with the same budget of dots for everyone (1-20, default 3) and an optional cap per note. One round may be open at a time (round-already-open).',
    payload: OpenRoundRequest,
    ack: VoteRound,
  },
  'vote:set': {
    summary:
      "Set how many of your dots are on one note (0 takes them off). Refused, changing nothing, when the round is closed (round-closed), the budget would be exceeded (budget-spent), the per-note cap would be exceeded (note-cap), the note is not in the round's sections (note-out-of-scope) or has been deleted (note-deleted; taking dots off it is still allowed). `onBehalfOf` casts for an in-room participant: facilitator, or someone the facilitator allowed to assist; such a ballot is marked assisted and logged.",
    payload: z.strictObject({
      roundId: z.string().check(z.minLength(1), z.maxLength(64)),
      noteId: z.string().check(z.regex(ENTITY_ID, 'not a note id')),
      dots: z.int().check(z.minimum(0), z.maximum(20)),
      onBehalfOf: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    }),
    ack: z.object({ ballot: Ballot, remaining: z.int() }),
  },
  'vote:state': {
    summary:
      "Your view of voting: the open round with only your own ballot and how many people have voted, and every closed round with its results. `forParticipant` (assistants only) gives an in-room participant's view instead.",
    payload: z.strictObject({ forParticipant: z.optional(z.string().check(z.minLength(1), z.maxLength(64))) }),
    ack: z.object({ current: z.nullable(MyVoteState), closed: z.array(ClosedRound) }),
  },
  'vote:close': {
    summary:
      'Facilitator: close the open round. The tallies (per note, total and split by participant group, ties marked) are published to everyone and stored.',
    payload: z.strictObject({ roundId: z.string().check(z.minLength(1), z.maxLength(64)) }),
    ack: ClosedRound,
  },
  'vote:use-results': {
    summary:
      "Facilitator: say that a closed round's results are being used as the shared priorities (the client writes the list into the board doc, as any edit). The server checks the round is closed and writes it to the log.",
    payload: z.strictObject({ roundId: z.string().check(z.minLength(1), z.maxLength(64)) }),
    ack: z.object({ roundId: z.string() }),
  },
  'participant:add-in-room': {
    summary: 'Facilitator: add someone who is in the room without a device (name and group), so their ballot can be cast with help.',
    payload: z.strictObject({ name: singleLine(LIMITS.nameMax), group: z.enum(PARTICIPANT_GROUPS) }),
    ack: z.object({ participantId: z.string(), name: z.string(), group: z.enum(PARTICIPANT_GROUPS) }),
  },
  'participant:allow-assist': {
    summary: 'Facilitator: allow (or stop allowing) a participant to cast ballots for in-room participants.',
    payload: z.strictObject({ participantId: z.string().check(z.minLength(1), z.maxLength(64)), allowed: z.boolean() }),
    ack: z.object({ participantId: z.string(), allowed: z.boolean() }),
  },
  'facilitation:get': {
    summary: 'The current step, timer, lock, anonymity and raised hands. Facilitators also get the break requests.',
    payload: z.strictObject({}),
    ack: z.object({ state: FacilitationState, breaks: z.nullable(z.array(BreakRequest)) }),
  },
  'step:set': {
    summary: 'Facilitator: move the group to a step (a section id), or to none (null). Views follow unless a person chooses not to.',
    payload: z.strictObject({ step: z.nullable(z.string().check(z.minLength(1), z.maxLength(64))) }),
    ack: FacilitationState,
  },
  'timer:set': {
    summary: 'Facilitator: set the timer to a length (paused), or clear it (null).',
    payload: z.strictObject({ durationMs: z.nullable(z.int().check(z.minimum(1000), z.maximum(TIMER_MAX_MS))) }),
    ack: FacilitationState,
  },
  'timer:run': {
    summary: 'Facilitator: start (true) or pause (false) the timer.',
    payload: z.strictObject({ running: z.boolean() }),
    ack: FacilitationState,
  },
  'timer:add': {
    summary: 'Facilitator: add time to the timer (negative takes time away, not below zero).',
    payload: z.strictObject({ ms: z.int().check(z.minimum(-TIMER_MAX_MS), z.maximum(TIMER_MAX_MS)) }),
    ack: FacilitationState,
  },
  'board:lock': {
    summary:
      "Facilitator: make the board read-only for participants (true) or editable again (false). While locked the server reverts participants' document changes; facilitators can still edit.",
    payload: z.strictObject({ locked: z.boolean() }),
    ack: FacilitationState,
  },
  'board:anonymous': {
    summary: 'Facilitator: hide (true) or show (false) who wrote each note. While anonymous, presence entries carry no author key.',
    payload: z.strictObject({ anonymous: z.boolean() }),
    ack: FacilitationState,
  },
  'role:set': {
    summary:
      'Facilitator: share the facilitator role with a participant (true), or take a shared role back (false). Nobody can take the role unasked; the facilitator who created the board keeps theirs.',
    payload: z.strictObject({ participantId: z.string().check(z.minLength(1), z.maxLength(64)), facilitator: z.boolean() }),
    ack: z.object({ participantId: z.string(), facilitator: z.boolean() }),
  },
  'participant:remove': {
    summary: 'Facilitator: remove a participant. Their token stops working at once on both channels; their notes stay.',
    payload: z.strictObject({ participantId: z.string().check(z.minLength(1), z.maxLength(64)) }),
    ack: z.object({ participantId: z.string() }),
  },
  'link:rotate': {
    summary: 'Facilitator: replace the join link. The old link stops working; people already in stay.',
    payload: z.strictObject({}),
    ack: z.object({ joinKey: z.string(), joinUrl: z.string() }),
  },
  'shareback:create': {
    summary:
      'Facilitator: make a read-only link to the agreed plan for everyone who took part ("you said, we did"). It opens the plan view and nothing else: it cannot join, edit or vote. Making a new one replaces the old.',
    payload: z.strictObject({}),
    ack: z.object({ viewKey: z.string(), viewUrl: z.string() }),
  },
  'hand:set': {
    summary: 'Raise (true) or lower (false) your hand.',
    payload: z.strictObject({ raised: z.boolean() }),
    ack: FacilitationState,
  },
  'hand:clear': {
    summary: "Facilitator: lower someone's hand (they have been heard).",
    payload: z.strictObject({ participantId: z.string().check(z.minLength(1), z.maxLength(64)) }),
    ack: FacilitationState,
  },
  'break:request': {
    summary: 'Ask for a pause ("I need a break"). Shown to facilitators only; with `anonymous` your name is not attached.',
    payload: z.strictObject({ anonymous: z.boolean() }),
    ack: z.object({ sent: z.literal(true) }),
  },
  'break:clear': {
    summary: 'Facilitator: mark a break request as dealt with.',
    payload: z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(64)) }),
    ack: z.object({ breaks: z.array(BreakRequest) }),
  },
  'balance:get': {
    summary:
      'The balance of voice: for each participant group, people present, notes written, edits made, dots cast and top priorities. Group figures only, never individuals.',
    payload: z.strictObject({}),
    ack: BalanceOfVoice,
  },
  'log:list': {
    summary: 'The facilitator log: what was done on the board, when and by whom. Everyone may read it.',
    payload: z.strictObject({}),
    ack: z.object({ entries: z.array(LogEntry) }),
  },
} as const;

/** Events the server broadcasts to the board's room: name → payload schema. */
export const ServerEvents = {
  'presence:list': {
    summary:
      'The full presence list of the board (everyone who has joined, online, away or offline). Sent to the whole board when anonymity is switched (every entry gains or loses its author key) or after a change the server does not pin to one person (an in-room participant added, permission to assist changed). Entries you hold with a higher `rev` (a change that overtook the list) stay; people you hold with a lower `rev` who are not in the list were removed.',
    payload: PresenceList,
  },
  'presence:change': {
    summary:
      "Sent to the whole board: one person's entry changed (they connected, went away, came back or went offline, or their role changed) — `upsert` with the whole entry — or the facilitator removed them — `remove`. Apply it only if its `rev` is higher than the one you hold for that person; otherwise it is older news and is ignored.",
    payload: PresenceChange,
  },
  'doc:error': {
    summary:
      'Sent to you alone: a change of yours to the document was not kept. For message-too-large, note-too-long, too-many-notes and malformed-message your document connection was also closed (the y-websocket client reconnects and resyncs by itself); for board-locked the change was reverted while the board is locked and the connection stays open.',
    payload: z.object({
      code: z.union([
        z.enum(['message-too-large', 'note-too-long', 'too-many-notes', 'malformed-message', 'board-locked', 'rate-limited']),
        z.string(),
      ]),
      message: z.string(),
    }),
  },
  'vote:round': {
    summary:
      'The open round (or null when none is open) and how many people have voted in it. Sent on open, on close, and whenever the number of voters changes. Never carries ballots or tallies.',
    payload: z.object({ round: z.nullable(VoteRound), voters: z.int() }),
  },
  'vote:results': {
    summary: 'A round has closed: its settings and results, the same for everyone.',
    payload: ClosedRound,
  },
  'facilitation:state': {
    summary: 'Step, timer, lock, anonymity or raised hands changed (or you just connected).',
    payload: FacilitationState,
  },
  'break:list': {
    summary: 'Sent to facilitators only: the open break requests.',
    payload: z.object({ breaks: z.array(BreakRequest) }),
  },
  'session:ended': {
    summary: 'Sent to you alone before your connection is closed: the facilitator removed you from the board.',
    payload: z.object({ reason: z.literal('removed'), message: z.string() }),
  },
  'board:deleted': {
    summary:
      'Sent to the whole board just before every connection to it is closed: the board has been deleted (by its facilitator, or because it was not used for the retention period). Nothing of it is kept on the server; clear any copy kept on the device (y-indexeddb) and do not reconnect. From now on every address of the board answers 404, and its document connections are closed with 4410 (board-deleted).',
    payload: z.object({ reason: z.enum(['deleted', 'retention']), message: z.string() }),
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
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; retryAfterSeconds?: number } };

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
  /** The facilitator removed this person: their token no longer works, so do not reconnect. */
  removed: { code: 4403, reason: 'removed' },
  /** The board was deleted: nothing is left to sync with, so do not reconnect (and clear the offline copy). */
  boardDeleted: { code: 4410, reason: 'board-deleted' },
  noteTooLong: { code: 4522, reason: 'note-too-long' },
  tooManyNotes: { code: 4529, reason: 'too-many-notes' },
  slowConsumer: { code: 4508, reason: 'too-slow' },
  /** The update wrote something the board's shape does not allow (shared/docShape.ts); retrying sends it again. */
  invalidChange: { code: 4422, reason: 'invalid-change' },
  /** The update built on changes the server never received; reconnecting resyncs them by state vector. */
  missingHistory: { code: 4512, reason: 'missing-history' },
  /** Too many messages or bytes in a short time: reconnect later (upgrades answer 429 with Retry-After until then). */
  rateLimited: { code: 4530, reason: 'rate-limited' },
} as const;
