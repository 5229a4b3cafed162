import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Private Redis and PostgreSQL servers for the failure tests, on free loopback ports, so a test
 * can kill and restart them without touching the machine's shared services.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - start > timeoutMs) throw new Error(`port ${port} did not open`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface PrivateRedis {
  url: string;
  kill(): Promise<void>;
  start(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitForPort(port);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    kill: async () => {
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise((r) => proc!.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

export interface PrivatePostgres {
  url: string;
  /** Immediate shutdown; does nothing when it is already stopped (so cleanup after a failure is safe). */
  stop(): void;
  start(): Promise<void>;
}

/** A throwaway PostgreSQL cluster, run as the postgres user (the server refuses to run as root). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = fs
    .readdirSync('/usr/lib/postgresql')
    .map((v) => `/usr/lib/postgresql/${v}/bin`)
    .find((d) => fs.existsSync(`${d}/pg_ctl`));
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codesign-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asPostgres = (cmd: string) => {
    const isRoot = process.getuid?.() === 0;
    if (isRoot) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { stdio: 'ignore' });
    else execFileSync('/bin/sh', ['-c', cmd], { stdio: 'ignore' });
  };
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  asPostgres(`${bin}/initdb -D ${data} -A trust -U postgres --no-sync >/dev/null`);
  let running = false;
  const start = async () => {
    asPostgres(`${bin}/pg_ctl -D ${data} -l ${dir}/log -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off" start`);
    running = true;
    await waitForPort(port);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop: () => {
      if (!running) return;
      asPostgres(`${bin}/pg_ctl -D ${data} -m immediate -w stop`);
      running = false;
    },
  };
}
