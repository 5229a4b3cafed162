import express, { type Request } from 'express';
import * as z from 'zod/mini';
import { EXPORT_FORMATS, EXPORT_LANGUAGES, type ExportFormat } from '../../shared/exportFormats.js';
import { requireFacilitator } from '../boards/access.js';
import { BoardError, type BoardService } from '../boards/boardService.js';
import type { Logger } from '../logger.js';
import { secretMatches } from '../auth/secrets.js';
import { renderCsv } from '../export/csv.js';
import { renderMarkdown } from '../export/markdown.js';
import type { PlanService } from '../export/planService.js';
import type { RenderPool } from '../export/renderPool.js';

const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS),
  lang: z.optional(z.enum(EXPORT_LANGUAGES)),
});

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const satisfies Record<ExportFormat, string>;

export function bearer(req: Request): string | null {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : null;
}

/** A file name people can read, safe in a header: letters, digits and dashes. */
function fileName(title: string, ext: string): string {
  const slug =
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'plan';
  return `${slug}.${ext}`;
}

/**
 * The agreed plan over HTTP: the facilitator's export in five formats, and the read-only plan
 * for everyone (with a participant token, or the share-back link's view key).
 */
export function planRoutes(deps: { boards: BoardService; plans: PlanService; renders: RenderPool; log: Logger }): express.Router {
  const { boards, log } = deps;
  const router = express.Router();
  // DOCX and PDF are built in a worker thread, so a big export never stalls live editing.
  const pool = deps.renders;

  router.get('/boards/:boardId/export', async (req, res) => {
    const query = ExportQuery.parse(req.query);
    const { board, participant } = await boards.authenticate(req.params.boardId, bearer(req));
    requireFacilitator(participant, 'Only the facilitator can export the plan.');
    const lang = query.lang ?? board.language;
    const plan = await deps.plans.plan(board.id);
    const started = Date.now();
    res.set('Content-Type', CONTENT_TYPES[query.format]);
    res.set('Content-Disposition', `attachment; filename="${fileName(board.title, query.format)}"`);
    res.set('Cache-Control', 'no-store');
    switch (query.format) {
      case 'json':
        res.send(JSON.stringify(plan, null, 2));
        break;
      case 'md':
        res.send(renderMarkdown(plan, lang));
        break;
      case 'csv':
        res.send(renderCsv(plan, lang));
        break;
      case 'docx':
      case 'pdf':
        res.send(await pool.render(query.format, plan, lang));
        break;
    }
    log.info({ boardId: board.id, format: query.format, lang, ms: Date.now() - started }, 'plan exported');
  });

  router.get('/boards/:boardId/plan', async (req, res) => {
    const board = await boards.requireBoard(req.params.boardId);
    const viewKey = req.get('x-view-key');
    if (viewKey) {
      if (!board.viewKeyHash || !secretMatches(viewKey, board.viewKeyHash)) {
        throw new BoardError(403, 'forbidden', 'This link to the plan is not valid any more. Ask the facilitator for a new one.');
      }
    } else {
      await boards.authenticate(board.id, bearer(req));
    }
    res.set('Cache-Control', 'no-store');
    res.json(await deps.plans.plan(board.id));
  });

  return router;
}
