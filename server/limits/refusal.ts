import type { Duplex } from 'node:stream';
import type { Response } from 'express';
import { rejectUpgrade } from '../http/upgradeReject.js';

/** The error code every rate-limit refusal carries (HTTP body, upgrade body, socket.io ack). */
export const RATE_LIMITED = 'rate-limited';

/** Plain English for programs and logs; the client shows its own translated sentence from the code. */
export const rateLimitMessage = (seconds: number) =>
  `Too many requests in a short time. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;

const body = (seconds: number) => ({
  error: { code: RATE_LIMITED, message: rateLimitMessage(seconds), retryAfterSeconds: seconds },
});

/** 429 with Retry-After (seconds) and the usual error body. */
export function refuseRequest(res: Response, seconds: number): void {
  res.set('Retry-After', String(seconds)).status(429).json(body(seconds));
}

/** The same, for an upgrade (or socket.io handshake) that never reaches express. */
export function refuseUpgrade(socket: Duplex, seconds: number): void {
  rejectUpgrade(socket, 429, rateLimitMessage(seconds), {
    code: RATE_LIMITED,
    headers: { 'Retry-After': String(seconds) },
    body: { retryAfterSeconds: seconds },
  });
}

/** The body as a string, for a plain http.ServerResponse (socket.io's polling handshake). */
export const refusalBody = (seconds: number) => JSON.stringify(body(seconds));
