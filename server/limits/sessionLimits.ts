import type { Socket } from 'socket.io';
import type { Logger } from '../logger.js';
import type { Limit } from './limiters.js';
import { RATE_LIMITED, rateLimitMessage } from './refusal.js';

/**
 * Session (socket.io) events per person on this instance, checked before anything is parsed or
 * run. A refused request is answered at once through its acknowledgement (code rate-limited),
 * so the person's app can say so; a connection that carries on sending past twice its budget
 * is disconnected. Keyed by person rather than by socket, so reconnecting does not refill it.
 */
export function limitSessionEvents(socket: Socket, limit: Limit, key: string, log: Logger, context: Record<string, string>): void {
  let dropped = false;
  socket.use((packet, next) => {
    void limit.take(key).then((verdict) => {
      if (verdict.allowed) return next();
      const ack = packet.at(-1);
      if (typeof ack === 'function') {
        const seconds = verdict.retryAfterSeconds;
        ack({ ok: false, error: { code: RATE_LIMITED, message: rateLimitMessage(seconds), retryAfterSeconds: seconds } });
      }
      if (!dropped && verdict.consumed > limit.rate.points * 2) {
        dropped = true;
        log.warn({ ...context, limit: limit.name }, 'session connection kept sending past its rate limit: disconnected');
        socket.disconnect(true);
      }
    });
  });
}
