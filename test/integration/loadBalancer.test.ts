import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { addNote, listNotes } from '../../shared/boardDoc.js';
import type { AckResult, Welcome } from '../../shared/session.js';
import { connectDoc, createBoard, join, waitFor, type DocClient } from '../support/clients.js';
import { freePort } from '../support/privateServices.js';
import { startServer, tempDataDir, type RunningServer } from '../support/server.js';
import { DATABASE_URL, REDIS_URL, freshSchema, postgresAvailable, redisAvailable } from '../support/services.js';

/**
 * The deployment's own load-balancer config (deploy/nginx.conf, used by docker-compose.yml), run
 * by a real nginx in front of two instances: WebSocket upgrades for both channels, socket.io's
 * default long-polling start (which needs the sticky ip_hash), and failover when an instance dies.
 */
const nginxBin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
const servicesUp = (await redisAvailable()) && (await postgresAvailable());
if (!nginxBin && process.env.CI) throw new Error('nginx is not installed (apt-get install -y nginx-light)');
if (!nginxBin) console.warn('\n!!! SKIPPING the load-balancer suite: nginx is not installed.\n');

/** POST /api/boards from a given local source address; resolves with the status and checks a 429's Retry-After. */
function createFrom(base: string, localAddress: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/boards`,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        res.resume();
        if (res.statusCode === 429 && !(Number(res.headers['retry-after']) >= 1)) reject(new Error('429 without Retry-After'));
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ title: 'Budget', template: 'coproduction', language: 'en' }));
  });
}

let one: RunningServer;
let two: RunningServer;
let nginx: ChildProcess;
let url: string;
let accessLog: string;
const docs: DocClient[] = [];
const sockets: Socket[] = [];

describe.runIf(!!nginxBin && servicesUp)('load balancer (deploy/nginx.conf)', () => {
  beforeAll(async () => {
    // nginx reaches the instances over loopback; its X-Forwarded-For names the client (rate limits).
    const env = {
      REDIS_URL,
      DATABASE_URL,
      DATABASE_SCHEMA: freshSchema('lb'),
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'loopback',
      RATE_BOARD_CREATE: '4/60',
    };
    one = await startServer({ dataDir: tempDataDir(), env });
    two = await startServer({ dataDir: tempDataDir(), env });
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codesign-nginx-'));
    // The shipped config, with the compose service names pointed at this machine's instances.
    const conf = fs
      .readFileSync(path.resolve(import.meta.dirname, '../../deploy/nginx.conf'), 'utf8')
      .replace('server app1:3000', `server 127.0.0.1:${one.port}`)
      .replace('server app2:3000', `server 127.0.0.1:${two.port}`)
      .replace('listen 80;', `listen 127.0.0.1:${port};`)
      .replace('events {}', `events {}\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;`)
      .replace('access_log /var/log/nginx/access.log', `access_log ${dir}/access.log`)
      .replace('http {', `http {\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;`);
    accessLog = path.join(dir, 'access.log');
    fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
    nginx = spawn(nginxBin!, ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], { stdio: 'inherit' });
    url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, 'nginx up');
  });
  afterAll(async () => {
    for (const d of docs) d.destroy();
    for (const s of sockets) s.close();
    nginx?.kill();
    await one?.kill();
    await two?.kill();
  });

  // Linux routes all of 127.0.0.0/8 to loopback: each source address is a different client to nginx.
  // Runs first, before the other tests move the balancer onto one instance.
  it('gives each client address its own budget through nginx, and ignores an X-Forwarded-For the client sends', async () => {
    const create = (from: string, headers: Record<string, string> = {}) => createFrom(url, from, headers);
    const fromTwo = [];
    for (let i = 0; i < 5; i++) fromTwo.push(await create('127.0.0.2'));
    expect(fromTwo).toEqual([201, 201, 201, 201, 429]);
    // Another address behind the same nginx still has its own budget.
    expect(await create('127.0.0.3')).toBe(201);
    // A client naming a new address each time is still itself: nginx replaces the header.
    const spoofed = [];
    for (let i = 0; i < 5; i++)
      spoofed.push(await create('127.0.0.4', { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `203.0.113.${i}` }));
    expect(spoofed).toEqual([201, 201, 201, 201, 429]);
  });

  it('carries both channels through nginx, and keeps working when an instance dies', async () => {
    const b = await createBoard(url);
    const p1 = await join(url, b.boardId, b.joinKey, 'Through the balancer', 'service-user');
    const p2 = await join(two.url, b.boardId, b.joinKey, 'Direct', 'staff');
    const viaLb = connectDoc(url, b.boardId, p1.token);
    const direct = connectDoc(two.url, b.boardId, p2.token);
    docs.push(viaLb, direct);
    await Promise.all([viaLb.synced, direct.synced]);

    // socket.io with its default transports: long-polling first, then the WebSocket upgrade.
    const s = io(url, { auth: { boardId: b.boardId, token: p1.token }, forceNew: true });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    const hello = (await s.timeout(5000).emitWithAck('session:hello', {})) as AckResult<Welcome>;
    expect(hello.ok && hello.data.me.name).toBe('Through the balancer');
    await waitFor(() => s.io.engine.transport.name === 'websocket', 'socket.io upgraded to WebSocket through nginx');

    addNote(viaLb.doc, { sectionId: 'goals', text: 'via nginx', author: p1.authorKey });
    await waitFor(() => listNotes(direct.doc).some((n) => n.text === 'via nginx'), 'edit crosses the balancer and instances');

    // Kill both possible upstreams one at a time: whichever served us, the balancer moves us on.
    await one.kill();
    addNote(direct.doc, { sectionId: 'goals', text: 'after a failure', author: p2.authorKey });
    await waitFor(() => listNotes(viaLb.doc).some((n) => n.text === 'after a failure'), 'the balanced client carries on', 20_000);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('keeps tokens out of its access log: the doc channel is logged by path alone', async () => {
    const b = await createBoard(url);
    const p = await join(url, b.boardId, b.joinKey, 'Logged', 'staff');
    const doc = connectDoc(url, b.boardId, p.token);
    await doc.synced;
    doc.destroy();
    // nginx writes an upgraded connection's line when it ends.
    await waitFor(
      () => fs.existsSync(accessLog) && fs.readFileSync(accessLog, 'utf8').includes(`/yjs/${b.boardId}`),
      'the doc connection logged',
    );
    const log = fs.readFileSync(accessLog, 'utf8');
    expect(log).toContain(`GET /yjs/${b.boardId} HTTP/1.1" 101`);
    expect(log).not.toContain(p.token);
    expect(log).not.toContain('token=');
  });
});
