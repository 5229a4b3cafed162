import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress.js';
import { chooseEncoding } from '../../server/http/staticFiles.js';
import { startServer, type RunningServer } from '../support/server.js';

/** A raw GET (Node's fetch would decode the body itself), with the body as sent. */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('static files: precompressed and cached', () => {
  let srv: RunningServer;
  let clientDir: string;
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `note ${i} about the day centre`))};\n`;
  const html = `<!doctype html><html><head><script type="module" src="/assets/app-3f9a1c.js"></script></head><body>${'<p>board</p>'.repeat(80)}</body></html>`;

  beforeAll(async () => {
    clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'codesign-client-'));
    fs.mkdirSync(path.join(clientDir, 'assets'));
    fs.writeFileSync(path.join(clientDir, 'assets/app-3f9a1c.js'), script);
    fs.writeFileSync(path.join(clientDir, 'assets/tiny-77aa00.js'), 'export {};\n'); // too small to compress
    fs.writeFileSync(path.join(clientDir, 'index.html'), html);
    const done = precompressDir(clientDir);
    expect(done.map((f) => f.file).sort()).toEqual(['assets/app-3f9a1c.js', 'index.html']);
    srv = await startServer({ env: { CLIENT_DIR: clientDir } });
  });
  afterAll(async () => {
    await srv?.stop();
    if (srv) fs.rmSync(srv.dataDir, { recursive: true, force: true });
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  it('sends brotli to a browser that accepts it, and the body decodes to the file', async () => {
    // Chromium's header: gzip is listed first, brotli is still chosen.
    const res = await get(`${srv.url}/assets/app-3f9a1c.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 3);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('sends gzip when brotli is not accepted, and the file as it is when nothing is', async () => {
    const gz = await get(`${srv.url}/assets/app-3f9a1c.js`, { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);

    const refused = await get(`${srv.url}/assets/app-3f9a1c.js`, { 'accept-encoding': 'br;q=0, gzip' });
    expect(refused.headers['content-encoding']).toBe('gzip');

    const plain = await get(`${srv.url}/assets/app-3f9a1c.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    const tiny = await get(`${srv.url}/assets/tiny-77aa00.js`, { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('export {};\n');
  });

  it('caches hashed assets for a year (immutable) and index.html not at all', async () => {
    const asset = await get(`${srv.url}/assets/app-3f9a1c.js`, { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    for (const route of ['/', '/board/abc123', '/join/abc123', '/index.html']) {
      const page = await get(`${srv.url}${route}`, { 'accept-encoding': 'br, gzip' });
      expect(page.status, route).toBe(200);
      expect(page.headers['cache-control'], route).toBe('no-cache');
      expect(page.headers['content-type'], route).toMatch(/^text\/html/);
      expect(page.headers['content-encoding'], route).toBe('br');
      expect(zlib.brotliDecompressSync(page.body).toString(), route).toBe(html);
    }
  });

  it('answers a conditional request with 304, and leaves the API alone', async () => {
    const first = await get(`${srv.url}/assets/app-3f9a1c.js`, { 'accept-encoding': 'br' });
    const again = await get(`${srv.url}/assets/app-3f9a1c.js`, { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    const api = await get(`${srv.url}/api/nothing-here`, { 'accept-encoding': 'br' });
    expect(api.status).toBe(404);
    expect(api.headers['content-encoding']).toBeUndefined();
  });

  it('chooses the encoding from Accept-Encoding', () => {
    const both = new Set(['br', 'gzip']);
    expect(chooseEncoding('gzip, deflate, br', both)).toBe('br');
    expect(chooseEncoding('gzip', both)).toBe('gzip');
    expect(chooseEncoding('*', both)).toBe('br');
    expect(chooseEncoding('*, br;q=0', both)).toBe('gzip');
    expect(chooseEncoding('identity', both)).toBeNull();
    expect(chooseEncoding(undefined, both)).toBeNull();
    expect(chooseEncoding('br', new Set(['gzip']))).toBeNull();
  });
});
