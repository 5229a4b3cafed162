import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, join } from '../support/clients.js';
import { startServer, type RunningServer } from '../support/server.js';

/** The security headers of every response, on plain http and behind an https public address. */
let srv: RunningServer;
let secure: RunningServer;
beforeAll(async () => {
  [srv, secure] = await Promise.all([startServer(), startServer({ env: { PUBLIC_URL: 'https://board.example.wales' } })]);
});
afterAll(async () => {
  await Promise.all([srv?.stop(), secure?.stop()]);
});

/** The CSP as a map of directive → its values. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy');
  expect(header).toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  it('the app is served under a strict Content-Security-Policy, with no inline scripts or styles', async () => {
    for (const path of ['/', '/join/abc', '/board/abc', '/assets/none.js']) {
      const res = await fetch(srv.url + path);
      const policy = csp(res);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('style-src')).toEqual(["'self'"]);
      expect(policy.get('connect-src')).toEqual(["'self'", srv.url.replace('http', 'ws')]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('form-action')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(res.headers.get('content-security-policy')).not.toContain('unsafe');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      expect(res.headers.get('x-powered-by')).toBeNull();
      // Plain http: no HSTS (a test or intranet server must not pin itself to https).
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('scripts and styles carry only the headers that mean something on them, and no date to revalidate', async () => {
    const assets = fs.readdirSync(path.resolve(import.meta.dirname, '../../dist/client/assets'));
    const script = assets.find((f) => /^index-.*\.js$/.test(f));
    const style = assets.find((f) => f.endsWith('.css'));
    expect(script && style).toBeTruthy();
    for (const file of [script, style]) {
      const res = await fetch(`${srv.url}/assets/${file}`, { headers: { 'accept-encoding': 'br' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      for (const header of ['content-security-policy', 'permissions-policy', 'x-frame-options', 'last-modified', 'accept-ranges']) {
        expect(res.headers.get(header), header).toBeNull();
      }
    }
    // A missing script is a 404 or the app's page, and the page always has its policy.
    const missing = await fetch(`${srv.url}/assets/none.js`);
    if (missing.status === 200) expect(missing.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('behind an https public address: HSTS, and the WebSocket origin is wss on that address', async () => {
    const res = await fetch(secure.url + '/');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000; includeSubDomains/);
    expect(csp(res).get('connect-src')).toEqual(["'self'", 'wss://board.example.wales']);
    expect(csp(res).has('upgrade-insecure-requests')).toBe(true);
  });

  it('every API response, which carries keys or tokens, is never stored: board, join, me, errors', async () => {
    const created = await fetch(`${srv.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Headers', template: 'blank', language: 'en' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const board = await createBoard(srv.url);
    const person = await join(srv.url, board.boardId, board.joinKey, 'Siân');
    const me = await fetch(`${srv.url}/api/boards/${board.boardId}/me`, { headers: { authorization: `Bearer ${person.token}` } });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const joined = await fetch(`${srv.url}/api/boards/${board.boardId}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: board.joinKey, name: 'Rhys', group: 'staff' }),
    });
    expect(joined.status).toBe(201);
    expect(joined.headers.get('cache-control')).toBe('no-store');
    const refused = await fetch(`${srv.url}/api/boards/${board.boardId}/me`, { headers: { authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});
