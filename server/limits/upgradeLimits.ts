import { type IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { type TrustProxy, clientAddress } from './clientAddress.js';
import type { Limit } from './limiters.js';
import { refusalBody, refuseUpgrade } from './refusal.js';

/** New connections per client address: document WebSocket upgrades and socket.io handshakes share one budget. */
export class UpgradeGate {
  constructor(
    private readonly limit: Limit,
    private readonly trust: TrustProxy | null,
  ) {}

  /** Spends one connection for this address; null when allowed, else the seconds to wait. */
  async admit(req: IncomingMessage): Promise<number | null> {
    const verdict = await this.limit.take(clientAddress(req, this.trust));
    return verdict.allowed ? null : verdict.retryAfterSeconds;
  }

  /**
   * engine.io middleware: counts each new socket.io connection (no sid yet), whether it starts
   * with long-polling or a WebSocket; the requests of a connection already made are not counted.
   */
  engineMiddleware() {
    return (req: IncomingMessage, res: ServerResponse | { socket: Duplex }, next: (err?: Error) => void) => {
      // A pattern, not new URL(): a request line the URL parser refuses would throw here.
      if (/[?&]sid=/.test(req.url ?? '')) return next();
      void this.admit(req).then((wait) => {
        if (wait === null) return next();
        // Not passed on: engine.io would answer 400 or close without a word.
        if (res instanceof ServerResponse) {
          res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(wait) }).end(refusalBody(wait));
        } else {
          refuseUpgrade(res.socket, wait);
        }
      }, next);
    };
  }
}
