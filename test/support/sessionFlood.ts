import { io } from 'socket.io-client';
import type { AckResult } from '../../shared/session.js';

/**
 * A flooding session client in its own process (so its own work does not slow the test's honest
 * clients): `node --import tsx test/support/sessionFlood.ts <url> <boardId> <token> <count>` emits
 * `count` presence:get requests at once, and prints what came back as one JSON line when the
 * server disconnects it (or after 20 s).
 */
const [url, boardId, token, count] = process.argv.slice(2);
const socket = io(url, { auth: { boardId, token }, transports: ['websocket'], forceNew: true, reconnection: false });
const counts = { ok: 0, limited: 0, other: 0, retryAfterSeconds: 0, disconnect: '' };
const finish = () => {
  process.stdout.write(`${JSON.stringify(counts)}\n`);
  process.exit(0);
};
socket.once('connect_error', (err) => {
  counts.disconnect = `connect_error: ${err.message}`;
  finish();
});
socket.once('connect', () => {
  for (let i = 0; i < Number(count); i++) {
    socket.emit('presence:get', {}, (ack: AckResult<unknown>) => {
      if (ack.ok) counts.ok++;
      else if (ack.error.code === 'rate-limited') {
        counts.limited++;
        counts.retryAfterSeconds ||= ack.error.retryAfterSeconds ?? 0;
      } else counts.other++;
    });
  }
});
socket.once('disconnect', (reason) => {
  counts.disconnect = reason;
  setTimeout(finish, 100);
});
setTimeout(finish, 20_000);
