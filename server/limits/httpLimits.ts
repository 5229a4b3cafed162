import type { Request, RequestHandler } from 'express';
import { type TrustProxy, clientAddress } from './clientAddress.js';
import type { Limit } from './limiters.js';
import { refuseRequest } from './refusal.js';

/** Board ids are short; anything else is not a board (it gets 404) and gets no key of its own. */
const BOARD_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Creating boards is limited per client address; joining per address and per board. The address
 * limit is spent first, so made-up board ids cannot grow the per-board keys without bound.
 * Every attempt counts, a wrong key as much as a right one (guessing is what this slows).
 */
export function httpLimits(limits: { boardCreate: Limit; joinPerAddress: Limit; joinPerBoard: Limit }, trust: TrustProxy | null) {
  const guard =
    <P extends Record<string, string>>(checks: (req: Request<P>) => [Limit, string][]): RequestHandler<P> =>
    async (req, res, next) => {
      for (const [limit, key] of checks(req)) {
        const verdict = await limit.take(key);
        if (!verdict.allowed) return refuseRequest(res, verdict.retryAfterSeconds);
      }
      next();
    };
  return {
    createBoard: guard((req) => [[limits.boardCreate, clientAddress(req, trust)]]),
    join: guard<{ boardId: string }>((req) => {
      const boardId = String(req.params.boardId ?? '');
      const checks: [Limit, string][] = [[limits.joinPerAddress, clientAddress(req, trust)]];
      if (BOARD_KEY.test(boardId)) checks.push([limits.joinPerBoard, boardId]);
      return checks;
    }),
  };
}
