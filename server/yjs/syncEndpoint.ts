import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { DOC_CLOSE } from '../../shared/session.js';
import { BoardError, type BoardService } from '../boards/boardService.js';
import type { Config } from '../config.js';
import { rejectUpgrade } from '../http/upgradeReject.js';
import type { Logger } from '../logger.js';
import type { RateLimits } from '../limits/index.js';
import { refuseUpgrade } from '../limits/refusal.js';
import type { ParticipantRecord } from '../store/types.js';
import type { DocRegistry } from './docRegistry.js';
import type { LiveBoard } from './liveBoard.js';
import type { DocConnection } from './ports.js';

const PATH = /^\/yjs\/([^/]+)$/;
const budgetKey = (boardId: string, participantId: string) => `${boardId}:${participantId}`;

/** A ws connection seen through the DocConnection interface, with slow-consumer protection. */
class WsDocConnection implements DocConnection {
  alive = true;
  constructor(
    private readonly ws: WebSocket,
    readonly participant: ParticipantRecord,
    private readonly maxBufferedBytes: number,
  ) {}

  get participantId(): string {
    return this.participant.id;
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      // It cannot keep up; it will resync by state vector when it reconnects.
      this.close(DOC_CLOSE.slowConsumer.code, DOC_CLOSE.slowConsumer.reason);
      return;
    }
    this.ws.send(message);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }

  terminate(): void {
    this.ws.terminate();
  }

  ping(): void {
    this.ws.ping();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The y-websocket endpoint at /yjs/:boardId?token=…: authenticates during the HTTP upgrade
 * (a bad token never reaches the WebSocket), loads the board before the first sync message,
 * and hands frames to the live board. Any failure on one connection closes that connection only.
 */
export function attachSyncEndpoint(
  httpServer: HttpServer,
  deps: { boards: BoardService; registry: DocRegistry; config: Config; log: Logger; limits: Pick<RateLimits, 'upgrades' | 'doc'> },
): { close(): void; connectionCount(): number } {
  const { boards, registry, config, log, limits } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.yMessageMaxBytes });
  const conns = new Set<WsDocConnection>();

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = PATH.exec(url.pathname);
    if (!match) return; // not ours (socket.io has its own upgrade handler)
    socket.on('error', () => socket.destroy());
    // Counted before the token is checked: guessing tokens spends the address's budget too.
    const wait = await limits.upgrades.admit(req);
    if (wait !== null) return refuseUpgrade(socket, wait);
    let boardId: string;
    try {
      boardId = decodeURIComponent(match[1]);
    } catch {
      return rejectUpgrade(socket, 400, 'Bad board address.');
    }
    let participant: ParticipantRecord;
    let live: LiveBoard;
    try {
      ({ participant } = await boards.authenticate(boardId, url.searchParams.get('token')));
      // Closed for sending too much: not again until the window passes (the client backs off).
      const blocked = await limits.doc.blocked(budgetKey(boardId, participant.id));
      if (blocked !== null) return refuseUpgrade(socket, blocked);
      live = await registry.acquire(boardId);
    } catch (error) {
      if (error instanceof BoardError) return rejectUpgrade(socket, error.status, error.message);
      log.error({ err: error, boardId }, 'could not open board for sync');
      return rejectUpgrade(socket, 503, 'The board cannot be opened right now. Please try again in a moment.');
    }
    if (socket.destroyed) return registry.release(live);
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, live, participant));
  };

  const onConnection = (ws: WebSocket, live: LiveBoard, participant: ParticipantRecord) => {
    const conn = new WsDocConnection(ws, participant, config.maxBufferedBytes);
    conns.add(conn);
    ws.binaryType = 'nodebuffer';
    const key = budgetKey(live.boardId, participant.id);
    // Frames are handled in arrival order, each after its budget check; nothing after a refusal.
    let queue = Promise.resolve();
    let refused = false;
    const handle = (data: RawData, isBinary: boolean, allowed: boolean) => {
      if (refused) return;
      if (!allowed) {
        refused = true;
        registry.emit('rejected', { boardId: live.boardId, participantId: participant.id, code: DOC_CLOSE.rateLimited.reason });
        conn.close(DOC_CLOSE.rateLimited.code, DOC_CLOSE.rateLimited.reason);
        return;
      }
      try {
        if (!isBinary) throw new Error('text frame');
        live.handleMessage(conn, toBytes(data));
      } catch (error) {
        log.warn(
          { boardId: live.boardId, participantId: participant.id, err: String(error) },
          'malformed y-sync message; closing connection',
        );
        registry.emit('rejected', { boardId: live.boardId, participantId: participant.id, code: DOC_CLOSE.malformed.reason });
        conn.close(DOC_CLOSE.malformed.code, DOC_CLOSE.malformed.reason);
      }
    };
    ws.on('message', (data, isBinary) => {
      if (refused) return;
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength;
      queue = queue.then(() => limits.doc.take(key, size)).then((allowed) => handle(data, isBinary, allowed));
    });
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself (1009) when a frame exceeds maxPayload; say why on the session channel.
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        registry.emit('rejected', { boardId: live.boardId, participantId: participant.id, code: DOC_CLOSE.messageTooLarge.reason });
      }
      log.warn({ boardId: live.boardId, participantId: participant.id, err: error.message }, 'y-sync socket error');
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('close', () => {
      conns.delete(conn);
      live.removeConnection(conn);
      registry.release(live);
    });
    live.addConnection(conn);
  };

  const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void onUpgrade(req, socket, head);
  httpServer.on('upgrade', listener);

  // Heartbeat: a connection that has not answered the previous ping is dead.
  const heartbeat = setInterval(() => {
    for (const conn of conns) {
      if (!conn.alive) {
        conn.terminate();
        continue;
      }
      conn.alive = false;
      conn.ping();
    }
  }, config.heartbeatMs);
  heartbeat.unref();

  return {
    close() {
      clearInterval(heartbeat);
      httpServer.off('upgrade', listener);
      for (const conn of conns) conn.close(1001, 'server-shutdown');
      wss.close();
    },
    connectionCount: () => conns.size,
  };
}
