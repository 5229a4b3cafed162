import net from 'node:net';

/**
 * Real Redis for the suites that need it: REDIS_URL, or the development machines' local server
 * at 127.0.0.1:6379. Under CI an unreachable Redis fails the suite loudly. Elsewhere (a laptop
 * with only Node and npm) the suite is skipped with a warning naming what is missing.
 */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
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

/** True when the Redis suites should run; throws under CI when Redis cannot be reached. */
export async function redisAvailable(): Promise<boolean> {
  if (await reachable(REDIS_URL)) return true;
  const message = `Redis is not reachable at ${REDIS_URL}: start it (redis-server) or set REDIS_URL.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n!!! SKIPPING Redis suites. ${message}\n`);
  return false;
}
