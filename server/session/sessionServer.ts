// Longer than most modules: every session request is listed here once, next to its handler, so the
// socket.io surface can be read in one place (the contracts are in shared/session.ts).
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  Handshake,
  type PresenceChange,
  type PresenceEntry,
  type PresenceList,
  type PresenceState,
  type ServerEventName,
  type ServerPayload,
} from '../../shared/session.js';
import type { BalanceOfVoice } from '../../shared/facilitation.js';
import { BoardError, describeParticipant, summarise, type BoardService } from '../boards/boardService.js';
import type { DeletedBoards } from '../boards/deletedBoards.js';
import type { BoardDeletionReason, BoardEventSource } from '../boards/events.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { BoardRecord, BoardStore, ParticipantRecord } from '../store/types.js';
import type { BoardSessions } from '../facilitation/boardSessions.js';
import type { Membership } from '../facilitation/membership.js';
import type { Steering } from '../facilitation/steering.js';
import type { VoteService } from '../votes/voteService.js';
import type { DocRegistry } from '../yjs/docRegistry.js';
import { handle, statusToCode } from './handle.js';
import { guardOutbound } from './outboundGuard.js';
import type { RateLimits } from '../limits/index.js';
import { limitSessionEvents } from '../limits/sessionLimits.js';
import type { Presence } from './presence.js';

interface SocketData {
  board: BoardRecord;
  participant: ParticipantRecord;
}

const DOC_ERROR_MESSAGES: Record<string, string> = {
  'message-too-large': 'That change was too large to send in one go. It was not saved.',
  'note-too-long': 'A note can be at most 2,000 characters. The extra text was not saved.',
  'too-many-notes': 'This board has reached its limit of notes. The new note was not saved.',
  'malformed-message': 'Your device sent something the board could not read. It will reconnect.',
  'board-locked': 'The facilitator has paused editing. Your change was not kept.',
  'invalid-change': 'Your device sent a change the board does not allow. It was not saved.',
  'missing-history': 'Your device was missing some recent changes. It will reconnect and catch up.',
  'rate-limited': 'Your device sent a lot very quickly, so the board paused its connection. It will reconnect shortly.',
};
const DELETED_MESSAGES: Record<BoardDeletionReason, string> = {
  deleted: 'The facilitator has deleted this board. Nothing of it is kept.',
  retention: 'This board has been deleted because it was not used for a long time. Nothing of it is kept.',
};
const STORAGE_MESSAGES = {
  failing: 'The board cannot save changes right now. Keep this page open: your changes will be saved when it recovers.',
  ok: 'The board is saving changes again.',
} as const;

export interface SessionServer {
  io: Server;
  emitTo<E extends ServerEventName>(room: string, event: E, payload: ServerPayload<E>): void;
  /**
   * The whole board gets the whole presence list again: for a change to every entry (anonymity
   * switched) or one the caller cannot pin to a person. O(people) to each of them: not per join.
   */
  broadcastPresence(boardId: string): Promise<void>;
  /** The whole board hears that one person's entry changed (or that they were removed). */
  presenceChanged(boardId: string, participantId: string): Promise<void>;
}

/** The room of a board's facilitators (break requests go only there). */
export const facilitatorsRoom = (boardId: string) => `f:${boardId}`;
export const personRoom = (participantId: string) => `p:${participantId}`;

/**
 * The session channel (socket.io): authenticated in the handshake middleware, one room per
 * board and one per participant. Session state is decided here, never by clients; every
 * request is validated against the zod contract and answered through its acknowledgement.
 * About 300 lines: the handshake, the rooms and one short handler an event, each handing the
 * work to a service (voting/, facilitation/, presence); the services hold the logic.
 */
export function attachSessionServer(
  httpServer: HttpServer,
  deps: {
    boards: BoardService;
    store: BoardStore;
    registry: DocRegistry;
    /** What the services tell the board; turned into socket.io events here. */
    events: BoardEventSource;
    votes: VoteService;
    sessions: BoardSessions;
    steering: Steering;
    membership: Membership;
    balance: (boardId: string) => Promise<BalanceOfVoice>;
    publicUrl: string | undefined;
    presence: Presence;
    log: Logger;
    metrics: Metrics;
    /** Bytes queued for one connection past which it is dropped (SOCKET_BUFFER_MAX_BYTES). */
    socketBufferMaxBytes: number;
    /** Boards deleted lately: a socket of one is told and closed, and its leaving writes no presence. */
    deleted: DeletedBoards;
    limits: Pick<RateLimits, 'upgrades' | 'sessionEvents'>;
  },
): SessionServer {
  const { boards, store, registry, log, events, votes, sessions, steering, membership, balance } = deps;
  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // A phone that drops off for a moment gets the events it missed (the Redis streams adapter
    // keeps them across instances). The handshake check still runs, so a removed person stays out.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });
  const { presence } = deps;
  // New connections per address, before the handshake middleware below.
  io.engine.use(deps.limits.upgrades.engineMiddleware());

  const emitTo: SessionServer['emitTo'] = (room, event, payload) => {
    io.to(room).emit(event, payload);
  };

  // Presence: each entry is built here, with the privacy rule in one place: author keys only
  // while the board is not anonymous. Presence is read first and the store after, so an entry
  // with a higher revision is never built from older data than one with a lower revision.
  const entryOf = (p: ParticipantRecord, status: PresenceState, anonymous: boolean): PresenceEntry => ({
    participantId: p.id,
    name: p.name,
    group: p.group,
    role: p.role,
    status,
    inRoom: p.inRoom,
    canAssist: p.canAssist,
    coFacilitator: p.coFacilitator,
    authorKey: anonymous ? null : p.authorKey,
  });

  const presenceList = async (boardId: string): Promise<PresenceList> => {
    const { states, rev } = await presence.states(boardId);
    const [people, anonymous] = await Promise.all([store.listParticipants(boardId), sessions.isAnonymous(boardId)]);
    const participants = people.filter((p) => p.removedAt === null).map((p) => entryOf(p, states.get(p.id) ?? 'offline', anonymous));
    return { participants, rev };
  };

  const presenceChange = async (boardId: string, participantId: string): Promise<PresenceChange> => {
    const { state, rev } = await presence.stateOf(boardId, participantId);
    const [p, anonymous] = await Promise.all([store.getParticipant(boardId, participantId), sessions.isAnonymous(boardId)]);
    if (!p || p.removedAt !== null) return { op: 'remove', rev, participantId };
    return { op: 'upsert', rev, entry: entryOf(p, state, anonymous) };
  };

  const failed = (boardId: string) => (err: unknown) => log.warn({ err, boardId }, 'presence broadcast failed');

  const broadcastPresence = async (boardId: string) => {
    emitTo(boardId, 'presence:list', await presenceList(boardId));
  };

  /** One person's change, to the whole board. */
  const announce = async (boardId: string, participantId: string) => {
    emitTo(boardId, 'presence:change', await presenceChange(boardId, participantId));
  };
  const presenceChanged = (boardId: string, participantId: string) => announce(boardId, participantId).catch(failed(boardId));

  presence.onExpired((boardId, participantIds) => {
    for (const id of participantIds) void presenceChanged(boardId, id);
  });

  io.use(async (socket, next) => {
    const parsed = Handshake.safeParse(socket.handshake.auth);
    const fail = (status: number, message: string) => {
      const err = new Error(message) as Error & { data?: unknown };
      err.data = { status, code: statusToCode(status) };
      next(err);
    };
    if (!parsed.success) return fail(400, 'Missing board or token. Open the board from your join link.');
    try {
      const { board, participant } = await boards.authenticate(parsed.data.boardId, parsed.data.token);
      socket.data = { board, participant } satisfies SocketData;
      next();
    } catch (error) {
      if (error instanceof BoardError) return fail(error.status, error.message);
      log.error({ err: error }, 'session handshake failed');
      fail(503, 'The board is not available right now. Please try again.');
    }
  });

  io.on('connection', (socket: Socket) => {
    const { board, participant } = socket.data as SocketData;
    const boardId = board.id;
    const me = participant.id;
    // Its handshake passed just before the board was deleted.
    if (deps.deleted.has(boardId)) {
      socket.emit('board:deleted', { reason: 'deleted', message: DELETED_MESSAGES.deleted });
      socket.disconnect(true);
      return;
    }
    guardOutbound(socket, deps.socketBufferMaxBytes, ({ transport, queuedBytes }) => {
      deps.metrics.sessionSlowConsumers.inc({ transport });
      log.warn(
        { boardId, participantId: me, transport, queuedBytes, limit: deps.socketBufferMaxBytes },
        'session client too slow: disconnected',
      );
    });
    limitSessionEvents(socket, deps.limits.sessionEvents, `${boardId}:${me}`, log, { boardId, participantId: me });
    void socket.join([boardId, personRoom(me), ...(participant.role === 'facilitator' ? [facilitatorsRoom(boardId)] : [])]);
    // The rest of the board hears about one person. The newcomer asks for the whole list once
    // (presence:get): it is answered in the acknowledgement, not emitted, because with connection
    // state recovery every socket.emit is a broadcast in socket.io — kept for two minutes in
    // memory, or written to the Redis stream and read by every instance — which for a list that
    // grows with the board would make joins quadratic in memory again.
    void presence
      .connect(boardId, me, socket.id)
      .then(() => announce(boardId, me))
      .catch(failed(boardId));
    // Read from the store after 'connect': if it fails (the database went away), the client asks
    // again when it reconnects; nothing here may end the process.
    const unsent = (what: string) => (err: unknown) => log.warn({ err, boardId, what }, 'could not send the session state to a newcomer');
    void votes.voters(boardId).then(({ round, voters }) => socket.emit('vote:round', { round, voters }), unsent('vote:round'));
    void sessions.view(boardId).then((state) => socket.emit('facilitation:state', state), unsent('facilitation:state'));
    void sessions.breaksFor(boardId, me).then((breaks) => breaks && socket.emit('break:list', { breaks }), unsent('break:list'));
    const origin = () => deps.publicUrl ?? `${socket.handshake.secure ? 'https' : 'http'}://${socket.handshake.headers.host}`;

    handle(socket, log, 'session:hello', async () => ({ board: summarise(board), me: describeParticipant(participant) }));
    handle(socket, log, 'presence:set', async ({ status }) => {
      await presence.setStatus(boardId, me, socket.id, status);
      void presenceChanged(boardId, me);
      return { status };
    });
    handle(socket, log, 'presence:get', () => presenceList(boardId));

    handle(socket, log, 'vote:open', (req) => votes.open(boardId, me, req));
    handle(socket, log, 'vote:set', (req) => votes.setDots(boardId, me, req));
    handle(socket, log, 'vote:state', ({ forParticipant }) => votes.stateFor(boardId, me, forParticipant));
    handle(socket, log, 'vote:close', ({ roundId }) => votes.close(boardId, me, roundId));
    handle(socket, log, 'vote:use-results', ({ roundId }) => votes.useResults(boardId, me, roundId));
    handle(socket, log, 'participant:add-in-room', (req) => membership.addInRoom(boardId, me, req));
    handle(socket, log, 'participant:allow-assist', (req) => membership.allowAssist(boardId, me, req));
    handle(socket, log, 'log:list', async () => ({ entries: await store.listLog(boardId) }));

    handle(socket, log, 'facilitation:get', async () => ({
      state: await sessions.view(boardId),
      breaks: await sessions.breaksFor(boardId, me),
    }));
    handle(socket, log, 'step:set', ({ step }) => steering.setStep(boardId, me, step));
    handle(socket, log, 'timer:set', ({ durationMs }) => steering.setTimer(boardId, me, durationMs));
    handle(socket, log, 'timer:run', ({ running }) => steering.runTimer(boardId, me, running));
    handle(socket, log, 'timer:add', ({ ms }) => steering.addTime(boardId, me, ms));
    handle(socket, log, 'board:lock', ({ locked }) => steering.setLocked(boardId, me, locked));
    handle(socket, log, 'board:anonymous', ({ anonymous }) => steering.setAnonymous(boardId, me, anonymous));
    handle(socket, log, 'role:set', ({ participantId, facilitator }) => membership.setRole(boardId, me, participantId, facilitator));
    handle(socket, log, 'participant:remove', ({ participantId }) => membership.remove(boardId, me, participantId));
    handle(socket, log, 'link:rotate', async () => {
      const { joinKey } = await membership.rotateJoinLink(boardId, me);
      return { joinKey, joinUrl: `${origin()}/join/${encodeURIComponent(boardId)}#key=${joinKey}` };
    });
    handle(socket, log, 'shareback:create', async () => {
      const { viewKey } = await membership.createShareLink(boardId, me);
      return { viewKey, viewUrl: `${origin()}/plan/${encodeURIComponent(boardId)}#view=${viewKey}` };
    });
    handle(socket, log, 'hand:set', ({ raised }) => steering.setHand(boardId, me, raised));
    handle(socket, log, 'hand:clear', ({ participantId }) => steering.clearHand(boardId, me, participantId));
    handle(socket, log, 'break:request', ({ anonymous }) => steering.requestBreak(boardId, me, anonymous));
    handle(socket, log, 'break:clear', ({ id }) => steering.clearBreak(boardId, me, id));
    handle(socket, log, 'balance:get', () => balance(boardId));

    socket.on('disconnect', () => {
      if (deps.deleted.has(boardId)) return; // the board is gone, presence with it
      void presence
        .disconnect(boardId, me, socket.id)
        .then(() => announce(boardId, me))
        .catch(failed(boardId));
    });
  });

  // What the services tell the board, as socket.io events.
  events.on('stateChanged', (boardId, state) => emitTo(boardId, 'facilitation:state', state));
  events.on('breaksChanged', (boardId, breaks) => emitTo(facilitatorsRoom(boardId), 'break:list', { breaks }));
  events.on('logged', (boardId, entry) => emitTo(boardId, 'log:entry', entry));
  // One person's entry changed: that entry; a change that does not say whose: the whole list.
  events.on(
    'participantsChanged',
    (boardId, participantId) =>
      void (participantId ? presenceChanged(boardId, participantId) : broadcastPresence(boardId).catch(failed(boardId))),
  );
  events.on('roundChanged', (boardId, round, voters) => emitTo(boardId, 'vote:round', { round, voters }));
  events.on('roundClosed', (boardId, closed) => emitTo(boardId, 'vote:results', closed));
  events.on('roleChanged', (boardId, participantId, isFacilitator) => {
    const sockets = io.in(personRoom(participantId));
    if (isFacilitator) sockets.socketsJoin(facilitatorsRoom(boardId));
    else sockets.socketsLeave(facilitatorsRoom(boardId));
  });
  events.on('removed', (_boardId, participantId) => {
    emitTo(personRoom(participantId), 'session:ended', { reason: 'removed', message: 'The facilitator has removed you from this board.' });
    io.in(personRoom(participantId)).disconnectSockets(true);
  });

  // Each instance tells and closes its own connections (io.local): every instance hears of the
  // delete, and a broadcast from each would reach everyone once per instance.
  events.on('boardDeleted', (boardId, why) => {
    io.local.to(boardId).emit('board:deleted', { reason: why, message: DELETED_MESSAGES[why] });
    io.local.in(boardId).disconnectSockets(true);
  });

  // Doc-channel problems are told on the session channel, in plain words.
  registry.on('rejected', ({ participantId, code }) => {
    emitTo(personRoom(participantId), 'doc:error', { code, message: DOC_ERROR_MESSAGES[code] ?? 'That change was not saved.' });
  });
  registry.on('storageFailed', ({ boardId }) => {
    emitTo(boardId, 'doc:storage', { state: 'failing', message: STORAGE_MESSAGES.failing });
  });
  registry.on('storageRecovered', ({ boardId }) => {
    emitTo(boardId, 'doc:storage', { state: 'ok', message: STORAGE_MESSAGES.ok });
  });

  return { io, emitTo, broadcastPresence: (boardId) => broadcastPresence(boardId).catch(failed(boardId)), presenceChanged };
}
