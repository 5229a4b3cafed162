import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { BoardService } from './boards/boardService.js';
import { BoardEvents } from './boards/events.js';
import type { Config } from './config.js';
import { PlanService } from './export/planService.js';
import { RenderPool } from './export/renderPool.js';
import { balanceReader } from './facilitation/balance.js';
import { BoardSessions } from './facilitation/boardSessions.js';
import { Membership } from './facilitation/membership.js';
import { Steering } from './facilitation/steering.js';
import { createHttpApp } from './http/app.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { attachSessionServer, type SessionServer } from './session/sessionServer.js';
import { createBackends } from './backends.js';
import { createRateLimits } from './limits/index.js';
import type { BoardStore } from './store/types.js';
import { VoteService } from './votes/voteService.js';
import { DocRegistry } from './yjs/docRegistry.js';
import { BoardActivity } from './boards/activity.js';
import { BoardDeletion } from './boards/boardDeletion.js';
import { DeletedBoards } from './boards/deletedBoards.js';
import { Retention } from './boards/retention.js';
import type { DocLog } from './store/types.js';
import { attachSyncEndpoint } from './yjs/syncEndpoint.js';

// The contracts in shared/ use zod/mini (small in the browser), which carries no messages of its
// own: the server's validation errors are in English, as its other error messages are.
z.config(en());

export interface BoardServer {
  readonly httpServer: http.Server;
  readonly store: BoardStore;
  readonly registry: DocRegistry;
  listen(): Promise<{ port: number }>;
  /** Stops accepting, writes everything pending, closes the store. */
  close(): Promise<void>;
}

/**
 * Wires the parts together: store, board service, HTTP API, y-sync endpoint, session channel,
 * voting, facilitation and export. With REDIS_URL set, instances share presence, ballots,
 * session broadcasts (socket.io adapter) and doc updates (Redis Streams); with DATABASE_URL set,
 * everything durable is in PostgreSQL.
 */
export async function createBoardServer(config: Config, options: { log?: Logger; store?: BoardStore } = {}): Promise<BoardServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const backends = await createBackends(config, log, { store: options.store });
  const { store, ballotBox, bus, presence } = backends;
  // When each board was last used: a join, an accepted doc update, a session change (retention).
  const activity = new BoardActivity({ store, log });
  const boards = new BoardService(store, (boardId) => activity.touch(boardId));

  // The gauges read the parts below lazily, at scrape time.
  const metrics: Metrics = new Metrics({
    docConnections: () => sync.connectionCount(),
    sessionConnections: () => session.io.engine.clientsCount,
    openDocs: (): number => registry.openCount,
  });

  // What the services tell the board: the session server turns it into socket.io events, and
  // session changes stored here are forwarded to the other instances.
  const events = new BoardEvents();
  events.on('sessionChanged', (boardId) => void bus.control({ type: 'session-changed', boardId }).catch(() => {}));
  events.on('sessionChanged', (boardId) => activity.touch(boardId));
  events.on('roundChanged', (boardId) => activity.touch(boardId));
  events.on('logged', (boardId) => activity.touch(boardId));
  // Session state first: the doc layer asks it whether someone may edit.
  const sessions = new BoardSessions({ store, events, log });

  // Boards deleted lately, which this instance must not open or write presence for again.
  const deleted = new DeletedBoards();
  const registry: DocRegistry = new DocRegistry(
    {
      store: docLogTouching(store, activity),
      limits: config.limits,
      compactAfterUpdates: config.compactAfterUpdates,
      log,
      metrics,
      policy: sessions,
      fanout: bus,
    },
    deleted,
  );
  registry.on('rejected', ({ code }) => metrics.docRejections.inc({ reason: code }));

  bus.onControl((message) => {
    const failed = (err: unknown) => log.warn({ err, message }, 'could not act on a control message from another instance');
    if (message.type === 'session-changed') void sessions.reload(message.boardId).catch(failed);
    if (message.type === 'board-deleted') void deletion.dropHere(message.boardId, message.why, message.participantIds).catch(failed);
    if (message.type === 'close-participant') {
      void registry.closeParticipant(message.boardId, message.participantId, message.code, message.reason).catch(failed);
    }
  });
  bus.onReconnect(() => void registry.resyncAll().catch((err) => log.warn({ err }, 'resync after reconnect failed')));
  bus.onLag = (seconds) => metrics.streamLagSeconds.observe(seconds);

  const steering = new Steering({ sessions, registry, events, store });
  const membership = new Membership({
    store,
    sessions,
    events,
    closeDocConnections: async (boardId, participantId, code, reason) => {
      await registry.closeParticipant(boardId, participantId, code, reason);
      await bus.control({ type: 'close-participant', boardId, participantId, code, reason }).catch(() => {});
    },
  });
  const balance = balanceReader({
    store,
    registry,
    presentParticipants: async (boardId) => new Set((await presence.states(boardId)).states.keys()),
  });
  const votes = new VoteService({ store, box: ballotBox, registry, log, events });
  const deletion = new BoardDeletion({ store, registry, sessions, presence, ballotBox, bus, events, deleted, log });
  events.on('boardDeleted', (boardId) => activity.forget(boardId));
  const retention = new Retention({ store, deletion, days: config.retentionDays, sweepMs: config.retentionSweepMs, log });
  const renders = new RenderPool(log);
  const plans = new PlanService({ store, registry, sessions, balance });

  const limits = createRateLimits(config, { log, metrics, redisClient: backends.limitsRedis });
  const app = createHttpApp({
    boards,
    store,
    config,
    log,
    metrics,
    readiness: backends.readiness,
    plans,
    renders,
    deletion,
    retention,
    limits: limits.http,
  });
  const httpServer = http.createServer(app);
  const sync = attachSyncEndpoint(httpServer, { boards, registry, config, log, limits });
  const session: SessionServer = attachSessionServer(httpServer, {
    boards,
    store,
    registry,
    presence,
    events,
    votes,
    sessions,
    steering,
    membership,
    balance,
    publicUrl: config.publicUrl,
    log,
    metrics,
    socketBufferMaxBytes: config.socketBufferMaxBytes,
    deleted,
    limits,
  });
  await backends.attachSocketAdapter(session.io);
  retention.start();

  return {
    httpServer,
    store,
    registry,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve({ port: (httpServer.address() as AddressInfo).port }));
      }),
    async close() {
      await retention.stop();
      sync.close();
      await new Promise<void>((resolve) => session.io.close(() => resolve()));
      await registry.flushAll();
      httpServer.closeAllConnections();
      await renders.close();
      await backends.close();
    },
  };
}

/** The doc log the live boards write to, counting each accepted append as a use of the board. */
function docLogTouching(store: DocLog, activity: BoardActivity): DocLog {
  return {
    loadDoc: (boardId) => store.loadDoc(boardId),
    async appendUpdates(boardId, updates, edits) {
      const out = await store.appendUpdates(boardId, updates, edits);
      if (updates.length > 0) activity.touch(boardId);
      return out;
    },
    compact: (boardId, merge) => store.compact(boardId, merge),
    editCounts: (boardId) => store.editCounts(boardId),
  };
}
