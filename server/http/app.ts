import express, { type ErrorRequestHandler, type Request } from 'express';
import { $ZodError } from 'zod/v4/core';
import { CreateBoardRequest, JoinRequest, type BoardRetention, type CreateBoardResponse } from '../../shared/api.js';
import type { About } from '../../shared/about.js';
import { requireFacilitator } from '../boards/access.js';
import type { BoardDeletion } from '../boards/boardDeletion.js';
import type { Retention } from '../boards/retention.js';
import { BoardError, describeParticipant, summarise, type BoardService } from '../boards/boardService.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { PlanService } from '../export/planService.js';
import type { RenderPool } from '../export/renderPool.js';
import { bearer, planRoutes } from './planRoutes.js';
import type { StoreConnection } from '../store/types.js';
import { securityHeaders, noStore } from './securityHeaders.js';
import { staticClient } from './staticFiles.js';
import type { httpLimits } from '../limits/httpLimits.js';

/** One dependency /readyz checks (the store, and Redis in the scaled deployment). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

function origin(req: Request, config: Config): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
}

/** The key travels in the URL fragment, which browsers never send to the server or in referrers. */
function joinUrl(base: string, boardId: string, key: string): string {
  return `${base}/join/${encodeURIComponent(boardId)}#key=${key}`;
}

export function createHttpApp(deps: {
  boards: BoardService;
  store: StoreConnection;
  config: Config;
  log: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  plans: PlanService;
  /** Renders DOCX and PDF exports in a worker thread. */
  renders: RenderPool;
  deletion: Pick<BoardDeletion, 'delete'>;
  retention: Pick<Retention, 'deletesAtFor'>;
  limits: ReturnType<typeof httpLimits>;
}): express.Express {
  const { boards, store, config, log, metrics } = deps;
  const app = express();
  app.disable('x-powered-by');
  // req.ip and req.protocol believe X-Forwarded-* only from the proxies TRUST_PROXY names.
  app.set('trust proxy', config.trustProxy ?? false);
  app.use(securityHeaders(config.publicUrl));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, 'ok' | 'failing'> = {};
    await Promise.all(
      deps.readiness.map(async ({ name, check }) => {
        try {
          await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
          checks[name] = 'ok';
        } catch (error) {
          log.warn({ err: String(error), check: name }, 'readiness check failed');
          checks[name] = 'failing';
        }
      }),
    );
    const ready = Object.values(checks).every((c) => c === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', store: store.kind, checks });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const api = express.Router();
  api.use(noStore);
  api.use(express.json({ limit: '16kb' }));

  const about: About = {
    operator: { name: config.operator.name ?? null, contact: config.operator.contact ?? null },
    retentionDays: config.retentionDays || null,
  };
  api.get('/about', (_req, res) => {
    res.json(about);
  });

  api.post('/boards', deps.limits.createBoard, async (req, res) => {
    const body = CreateBoardRequest.parse(req.body ?? {});
    const { board, joinKey, facilitatorKey } = await boards.createBoard(body);
    const base = origin(req, config);
    const response: CreateBoardResponse = {
      boardId: board.id,
      joinKey,
      facilitatorKey,
      joinUrl: joinUrl(base, board.id, joinKey),
      facilitatorUrl: joinUrl(base, board.id, facilitatorKey),
    };
    log.info({ boardId: board.id, template: board.template }, 'board created');
    res.status(201).json(response);
  });

  api.get('/boards/:boardId', async (req, res) => {
    const board = await boards.requireBoard(req.params.boardId);
    const key = req.get('x-board-key');
    if (!key) throw new BoardError(401, 'unauthorized', 'Open this board from the link you were given.');
    boards.roleForKey(board, key);
    res.json(summarise(board));
  });

  api.post('/boards/:boardId/participants', deps.limits.join, async (req, res) => {
    const body = JoinRequest.parse(req.body ?? {});
    const joined = await boards.join(req.params.boardId, body);
    log.info({ boardId: req.params.boardId, participantId: joined.participantId, role: joined.role }, 'participant joined');
    res.status(201).json(joined);
  });

  api.get('/boards/:boardId/me', async (req, res) => {
    const { board, participant } = await boards.authenticate(req.params.boardId, bearer(req));
    const deletesAt = await deps.retention.deletesAtFor(board.id);
    const retention: BoardRetention = { days: config.retentionDays || null, deletesAt };
    res.json({ board: summarise(board), me: describeParticipant(participant), retention });
  });

  api.delete('/boards/:boardId', async (req, res) => {
    const { board, participant } = await boards.authenticate(req.params.boardId, bearer(req));
    requireFacilitator(participant, 'Only the facilitator can delete this board.');
    // Deleted meanwhile (by another facilitator, or retention): gone either way.
    if (!(await deps.deletion.delete(board.id, 'deleted'))) throw new BoardError(404, 'not-found', 'There is no board at this address.');
    log.info({ boardId: board.id, participantId: participant.id }, 'board deleted by its facilitator');
    res.status(204).end();
  });

  api.use(planRoutes({ boards, plans: deps.plans, renders: deps.renders, log }));

  api.use((_req, _res) => {
    throw new BoardError(404, 'not-found', 'There is nothing at this address.');
  });
  app.use('/api', api);

  // The built client, precompressed and cached (staticFiles.ts), with index.html for client-side routes.
  const client = staticClient(config.clientDir);
  app.use(client.files);
  app.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, client.index);

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    if (error instanceof BoardError) {
      res.status(error.status).json({ error: { code: error.code, message: error.message } });
    } else if (error instanceof $ZodError) {
      const detail = error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
      res.status(400).json({ error: { code: 'invalid-request', message: `Please check what was sent. ${detail}` } });
    } else if (error?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid-json', message: 'The request body is not valid JSON.' } });
    } else if (error?.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too-large', message: 'The request is too large.' } });
    } else if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ error: { code: 'bad-request', message: 'The request could not be read.' } });
    } else {
      log.error({ err: error, path: req.path }, 'request failed');
      res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on the board. Please try again.' } });
    }
  };
  app.use(onError);
  return app;
}
