import { createBoardServer } from './boardServer.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';

/** Entry point: `npm start` (built) or `tsx server/main.ts`. */
const config = loadConfig();
const log = createLogger(config.logLevel);
const server = await createBoardServer(config, { log });
const { port } = await server.listen();
const url = config.publicUrl ?? `http://localhost:${port}`;
log.info({ port, url, dataDir: config.dataDir, store: server.store.kind }, 'co-design board listening');
// A plain line for people (and for tests, which read the port from it).
process.stdout.write(`Co-design board is running at ${url} (port ${port})\n`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await server.close();
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
// A failure nobody awaited (a store or Redis call that went wrong in the background) is logged,
// not allowed to end the process: one board's bad moment must not stop every board's workshop.
process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
