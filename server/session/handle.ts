import type { Socket } from 'socket.io';
import type * as z from 'zod/mini';
import { ClientEvents, ErrorCode, type AckResult, type ClientAckData, type ClientEventName } from '../../shared/session.js';
import { BoardError } from '../boards/boardService.js';
import type { Logger } from '../logger.js';

export function statusToCode(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 400) return 'invalid-request';
  return 'internal';
}

type Payload<E extends ClientEventName> = z.infer<(typeof ClientEvents)[E]['payload']>;

/**
 * Registers one client request: the payload is validated against the zod contract, the handler
 * runs, and the outcome goes back through the acknowledgement as {ok, data} or {ok: false, error}.
 * Refusals (BoardError) carry their code and plain message; anything else is logged and answered
 * with a generic message, and never takes the process down.
 */
export function handle<E extends ClientEventName>(
  socket: Socket,
  log: Logger,
  event: E,
  run: (payload: Payload<E>) => Promise<ClientAckData<E>>,
): void {
  socket.on(event as string, async (...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (r: AckResult<ClientAckData<E>>) => void) : () => {};
    const parsed = ClientEvents[event].payload.safeParse(args[0] ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
      ack({
        ok: false,
        error: { code: 'invalid-request', message: `That request was not understood${where}: ${issue?.message ?? 'invalid'}.` },
      });
      return;
    }
    try {
      ack({ ok: true, data: await run(parsed.data as Payload<E>) });
    } catch (error) {
      if (error instanceof BoardError) {
        const known = ErrorCode.safeParse(error.code);
        ack({ ok: false, error: { code: known.success ? known.data : statusToCode(error.status), message: error.message } });
        return;
      }
      log.error({ err: error, event }, 'session handler failed');
      ack({ ok: false, error: { code: 'internal', message: 'Something went wrong on the board. Please try again.' } });
    }
  });
}
