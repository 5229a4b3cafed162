import net from 'node:net';

/**
 * True when something accepts TCP connections at the URL's host and port (within a second).
 * The port defaults by scheme: 5432 for postgres:, 6379 otherwise (redis:). Used by the vitest
 * config (whether to add the scaled project) and by the suites that need Redis or PostgreSQL.
 */
export function reachable(url: string): Promise<boolean> {
  const { hostname, port, protocol } = new URL(url);
  const defaultPort = protocol.startsWith('postgres') ? 5432 : 6379;
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
