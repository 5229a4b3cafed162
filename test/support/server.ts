import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  /** Output so far (stdout and stderr), for assertions and for debugging a failure. */
  output(): string;
  /** Graceful stop (SIGTERM), waits for exit. */
  stop(): Promise<void>;
  /** kill -9, waits for exit. */
  kill(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** The checkout to run (its server code and its built client); default this one. */
  root?: string;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Set by the "scaled" vitest project: every test server then runs on Redis and PostgreSQL. */
export const SCALED = process.env.CODESIGN_TEST_SCALED === '1';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Environment for a scaled server whose durable data is "in" dataDir: a PostgreSQL schema named after it. */
export function scaledEnv(dataDir: string): Record<string, string> {
  const schema = `t_${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
  return { REDIS_URL: REDIS, DATABASE_URL: DATABASE, DATABASE_SCHEMA: schema };
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'codesign-test-'));
}

/**
 * Starts the real server as its own process (so tests can kill -9 it), on a random port,
 * serving the built client, with its own data directory. Resolves once it is listening.
 */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? tempDataDir();
  // Each test says which services its server uses; nothing leaks in from the environment.
  const { REDIS_URL: _r, DATABASE_URL: _d, ...inherited } = process.env;
  const root = opts.root ?? ROOT;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...inherited,
      PORT: String(opts.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: path.join(root, 'dist/client'),
      LOG_LEVEL: 'warn',
      ...(SCALED ? scaledEnv(dataDir) : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), 30_000);
    const onData = () => {
      const m = /running at \S+ \(port (\d+)\)/.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stdout!.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });

  const stopWith = async (signal: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    proc,
    output: () => out,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}
