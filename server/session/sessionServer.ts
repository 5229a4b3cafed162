import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import {
  ClientEvents,
  Handshake,
  type AckResult,
  type ClientAckData,
  type ClientEventName,
  type ErrorCode,
  type PresenceEntry,
  type ServerEventName,
  type ServerPayload,
} from '../../shared/session.js';
import { BoardError, describeParticipant, summarise, type BoardService } from '../boards/boardService.js';
import type { Logger } from '../logger.js';
import type { BoardRecord, BoardStore, ParticipantRecord } from '../store/types.js';
import type { DocRegistry } from '../yjs/docRegistry.js';
import { PresenceTracker } from './presence.js';

interface SocketData {
  board: BoardRecord;
  participant: ParticipantRecord;
}
type SessionSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

const DOC_ERROR_MESSAGES: Record<string, string> = {
  'message-too-large': 'That change was too large to send in one go. It was not saved.',
  'note-too-long': 'A note can be at most 2,000 characters. The extra text was not saved.',
  'too-many-notes': 'This board has reached its limit of notes. The new note was not saved.',
  'malformed-message': 'Your device sent something the board could not read. It will reconnect.',
};
const STORAGE_MESSAGES = {
  failing: 'The board cannot save changes right now. Keep this page open: your changes will be saved when it recovers.',
  ok: 'The board is saving changes again.',
} as const;

function statusToCode(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 400) return 'invalid-request';
  return 'internal';
}

/**
 * The session channel (socket.io): authenticated in the handshake middleware, one room per
 * board and one per participant. Session state is decided here, never by clients; every
 * request is validated against the zod contract and answered through its acknowledgement.
 */
export function attachSessionServer(
  httpServer: HttpServer,
  deps: { boards: BoardService; store: BoardStore; registry: DocRegistry; log: Logger },
): Server {
  const { boards, store, registry, log } = deps;
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  const presence = new PresenceTracker();

  const emitTo = <E extends ServerEventName>(room: string, event: E, payload: ServerPayload<E>) =>
    io.to(room).emit(event, payload);

  const broadcastPresence = async (boardId: string) => {
    const people = await store.listParticipants(boardId);
    const participants: PresenceEntry[] = people.map((p) => ({
      participantId: p.id,
      name: p.name,
      group: p.group,
      role: p.role,
      status: presence.stateOf(boardId, p.id),
    }));
    emitTo(boardId, 'presence:list', { participants });
  };

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

  io.on('connection', (raw) => {
    const socket = raw as SessionSocket;
    const { board, participant } = socket.data;
    void socket.join([board.id, `p:${participant.id}`]);
    presence.connect(board.id, participant.id, socket.id);
    void broadcastPresence(board.id);

    handle(socket, 'session:hello', async () => ({ board: summarise(board), me: describeParticipant(participant) }));

    handle(socket, 'presence:set', async ({ status }) => {
      presence.setStatus(board.id, participant.id, socket.id, status);
      void broadcastPresence(board.id);
      return { status };
    });

    socket.on('disconnect', () => {
      presence.disconnect(board.id, participant.id, socket.id);
      void broadcastPresence(board.id);
    });
  });

  function handle<E extends ClientEventName>(
    socket: SessionSocket,
    event: E,
    run: (payload: z.infer<(typeof ClientEvents)[E]['payload']>) => Promise<ClientAckData<E>>,
  ): void {
    (socket as Socket).on(event as string, async (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (r: AckResult<ClientAckData<E>>) => void) : () => {};
      const parsed = ClientEvents[event].payload.safeParse(args[0] ?? {});
      if (!parsed.success) {
        ack({ ok: false, error: { code: 'invalid-request', message: `That request was not understood: ${parsed.error.issues[0]?.message ?? 'invalid'}.` } });
        return;
      }
      try {
        ack({ ok: true, data: await run(parsed.data as z.infer<(typeof ClientEvents)[E]['payload']>) });
      } catch (error) {
        if (error instanceof BoardError) {
          ack({ ok: false, error: { code: statusToCode(error.status), message: error.message } });
          return;
        }
        log.error({ err: error, event }, 'session handler failed');
        ack({ ok: false, error: { code: 'internal', message: 'Something went wrong on the board. Please try again.' } });
      }
    });
  }

  // Doc-channel problems are told on the session channel, in plain words.
  registry.on('rejected', ({ participantId, code }) => {
    emitTo(`p:${participantId}`, 'doc:error', { code, message: DOC_ERROR_MESSAGES[code] ?? 'That change was not saved.' });
  });
  registry.on('storageFailed', ({ boardId }) => {
    emitTo(boardId, 'doc:storage', { state: 'failing', message: STORAGE_MESSAGES.failing });
  });
  registry.on('storageRecovered', ({ boardId }) => {
    emitTo(boardId, 'doc:storage', { state: 'ok', message: STORAGE_MESSAGES.ok });
  });

  return io;
}
