import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { About } from '../../shared/about.js';
import { startServer, tempDataDir, type RunningServer } from '../support/server.js';

/**
 * The privacy notice and the accessibility statement are client-side routes: the server answers
 * them with the app (index.html, under its Content-Security-Policy), and GET /api/about tells the
 * pages who runs the board (OPERATOR_NAME, OPERATOR_CONTACT) and how long boards are kept.
 */
const INDEX = '<!doctype html><html lang="en"><head><title>Co-design board</title></head><body><div id="root"></div></body></html>';

describe('the privacy and accessibility pages on the server', () => {
  let clientDir: string;
  const servers: RunningServer[] = [];
  const start = async (env: Record<string, string>) => {
    const srv = await startServer({ env: { CLIENT_DIR: clientDir, ...env } });
    servers.push(srv);
    return srv;
  };

  beforeAll(() => {
    clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'codesign-client-'));
    fs.writeFileSync(path.join(clientDir, 'index.html'), INDEX);
  });
  afterAll(async () => {
    for (const srv of servers) {
      await srv.stop();
      fs.rmSync(srv.dataDir, { recursive: true, force: true });
    }
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  it('answers /privacy and /accessibility with the app, as it does every page', async () => {
    const srv = await start({});
    for (const route of ['/privacy', '/accessibility', '/privacy/', '/accessibility/']) {
      const res = await fetch(srv.url + route);
      expect(res.status, route).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('names the operator and their contact when configured, with the retention period', async () => {
    const srv = await start({
      OPERATOR_NAME: '  Bwrdd Iechyd Prifysgol Enghraifft ',
      OPERATOR_CONTACT: 'preifatrwydd@example.wales',
      RETENTION_DAYS: '30',
    });
    const res = await fetch(`${srv.url}/api/about`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    expect(About.parse(await res.json())).toEqual({
      operator: { name: 'Bwrdd Iechyd Prifysgol Enghraifft', contact: 'preifatrwydd@example.wales' },
      retentionDays: 30,
    });
  });

  it('says nothing of an operator that is not configured (or blank), and null days when boards are kept for ever', async () => {
    const srv = await start({ OPERATOR_NAME: '   ', RETENTION_DAYS: '0' });
    const about = About.parse(await (await fetch(`${srv.url}/api/about`)).json());
    expect(about).toEqual({ operator: { name: null, contact: null }, retentionDays: null });
  });

  it('refuses to start with an operator name longer than 200 characters', async () => {
    const dataDir = tempDataDir();
    try {
      await expect(startServer({ dataDir, env: { CLIENT_DIR: clientDir, OPERATOR_NAME: 'x'.repeat(201) } })).rejects.toThrow(
        /OPERATOR_NAME/,
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
