import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Redaction is a safety net: call sites never pass tokens, keys or ballots,
 * and these paths catch the obvious mistakes.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['token', 'key', 'joinKey', 'facilitatorKey', '*.token', '*.key', 'req.headers.authorization', 'req.headers["x-board-key"]'],
      censor: '[redacted]',
    },
  });
}
