import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Answers a refused WebSocket upgrade with a plain HTTP error, before any document byte. */
export function rejectUpgrade(
  socket: Duplex,
  status: number,
  message: string,
  extra: { code?: string; headers?: Record<string, string>; body?: Record<string, unknown> } = {},
): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code: extra.code ?? STATUS_CODES[status] ?? 'error', message, ...extra.body } });
  const headers = Object.entries(extra.headers ?? {})
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      `Connection: close\r\nContent-Type: application/json\r\n${headers}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
