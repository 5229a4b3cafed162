import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { BoardService } from './boards/boardService.js';
import type { Config } from './config.js';
import { PlanService } from './export/planService.js';
import { FacilitationService } from './facilitation/facilitationService.js';
import { createHttpApp, type ReadinessCheck } from './http/app.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { RedisBus } from './scale/redisBus.js';
import { RedisPresence } from './scale/redisPresence.js';
import { MemoryPresence, type Presence } from './session/presence.js';
import { attachSessionServer, facilitatorsRoom, personRoom, type SessionServer } from './session/sessionServer.js';
import { createBallotBox, createStore } from './store/createStore.js';
import type { BoardStore } from './store/types.js';
import { VoteService } from './votes/voteService.js';
import { DocRegistry } from './yjs/docRegistry.js';
import { attachSyncEndpoint } from './yjs/syncEndpoint.js';

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
  const store = options.store ?? (await createStore(config));
  const ballotBox = await createBallotBox(config, store);
  const bus = config.redisUrl ? await RedisBus.connect(config.redisUrl, log) : undefined;
  const presence: Presence = bus ? new RedisPresence(bus.client) : new MemoryPresence();
  const boards = new BoardService(store);

  // The gauges read the parts below lazily, at scrape time.
  const metrics: Metrics = new Metrics({
    docConnections: () => sync.connectionCount(),
    sessionConnections: () => session.io.engine.clientsCount,
    openDocs: (): number => registry.openCount,
  });

  // A change to one person's entry goes to the board as that entry; one that does not say whose
  // (anonymity switched, or a caller that does not pass the id) as the whole list.
  const participantsChanged = (boardId: string, participantId?: string) =>
    void (participantId ? session.presenceChanged(boardId, participantId) : session.broadcastPresence(boardId));

  const facilitation: FacilitationService = new FacilitationService({
    store,
    registry: () => registry,
    log,
    presentParticipants: async (boardId) => new Set((await presence.states(boardId)).states.keys()),
    events: {
      stateChanged: (boardId, state) => session.emitTo(boardId, 'facilitation:state', state),
      breaksChanged: (boardId, breaks) => session.emitTo(facilitatorsRoom(boardId), 'break:list', { breaks }),
      logged: (boardId, entry) => session.emitTo(boardId, 'log:entry', entry),
      participantsChanged,
      roleChanged: (boardId, participantId, isFacilitator) => {
        const sockets = session.io.in(personRoom(participantId));
        if (isFacilitator) sockets.socketsJoin(facilitatorsRoom(boardId));
        else sockets.socketsLeave(facilitatorsRoom(boardId));
      },
      removed: (boardId, participantId) => {
        session.emitTo(personRoom(participantId), 'session:ended', {
          reason: 'removed',
          message: 'The facilitator has removed you from this board.',
        });
        session.io.in(personRoom(participantId)).disconnectSockets(true);
      },
      sessionChanged: (boardId) => void bus?.control({ type: 'session-changed', boardId }).catch(() => {}),
      closeParticipant: async (boardId, participantId, code, reason) => {
        await registry.closeParticipant(boardId, participantId, code, reason);
        await bus?.control({ type: 'close-participant', boardId, participantId, code, reason }).catch(() => {});
      },
    },
  });

  const registry: DocRegistry = new DocRegistry({
    store,
    limits: config.limits,
    compactAfterUpdates: config.compactAfterUpdates,
    log,
    metrics,
    policy: facilitation,
    fanout: bus,
  });
  registry.on('rejected', ({ code }) => metrics.docRejections.inc({ reason: code }));

  bus?.onControl((message) => {
    if (message.type === 'session-changed') void facilitation.reload(message.boardId);
    if (message.type === 'close-participant') void registry.closeParticipant(message.boardId, message.participantId, message.code, message.reason);
  });
  bus?.onReconnect(() => void registry.resyncAll());
  if (bus) bus.onLag = (seconds) => metrics.streamLagSeconds.observe(seconds);

  const readiness: ReadinessCheck[] = [{ name: store.kind, check: () => store.ping() }];
  if (bus) readiness.push({ name: 'redis', check: () => bus.ping() });
  const app = createHttpApp({ boards, store, config, log, metrics, readiness, plans: () => plans });
  const httpServer = http.createServer(app);
  const sync = attachSyncEndpoint(httpServer, { boards, registry, config, log });
  const session: SessionServer = attachSessionServer(httpServer, {
    boards,
    store,
    registry,
    presence,
    votes: () => votes,
    facilitation: () => facilitation,
    publicUrl: config.publicUrl,
    log,
    metrics,
    socketBufferMaxBytes: config.socketBufferMaxBytes,
  });
  let adapterClient: ReturnType<typeof createClient> | undefined;
  if (config.redisUrl) {
    // socket.io's own Redis connection: the streams adapter reads with blocking calls.
    adapterClient = createClient({ url: config.redisUrl });
    adapterClient.on('error', () => {});
    await adapterClient.connect();
    session.io.adapter(createAdapter(adapterClient));
  }

  const plans = new PlanService({ store, registry, facilitation });
  const votes = new VoteService({
    store,
    box: ballotBox,
    registry,
    log,
    events: {
      roundChanged: (boardId, round, voters) => session.emitTo(boardId, 'vote:round', { round, voters }),
      roundClosed: (boardId, closed) => session.emitTo(boardId, 'vote:results', closed),
      logged: (boardId, entry) => session.emitTo(boardId, 'log:entry', entry),
      participantsChanged,
    },
  });

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
      sync.close();
      await new Promise<void>((resolve) => session.io.close(() => resolve()));
      await registry.flushAll();
      httpServer.closeAllConnections();
      await presence.close();
      await bus?.close();
      if (adapterClient?.isOpen) await adapterClient.quit().catch(() => {});
      await ballotBox.close();
      await store.close();
    },
  };
}
