import fs from 'node:fs';
import { type IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../client/src/api.js';
import { apiErrorText, docErrorText } from '../../client/src/errors.js';
import { loadConfig } from '../../server/config.js';
import { clientAddress, parseTrustProxy } from '../../server/limits/clientAddress.js';
import { Limiters, Refusals } from '../../server/limits/limiters.js';
import { UpgradeGate } from '../../server/limits/upgradeLimits.js';
import { createLogger } from '../../server/logger.js';
import { Metrics } from '../../server/metrics.js';

/** TRUST_PROXY and the rate settings as config reads them, and the client's translated refusal. */

const req = (peer: string, forwarded?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as IncomingMessage;

describe('the client address', () => {
  it('is the socket peer unless a proxy is trusted', () => {
    expect(clientAddress(req('::ffff:10.1.2.3', '6.6.6.6'), null)).toBe('10.1.2.3');
  });
  it('with hops, is that many entries back from the peer, whatever else the client wrote', () => {
    const one = parseTrustProxy('1');
    expect(clientAddress(req('127.0.0.1', '6.6.6.6, 198.51.100.7'), one)).toBe('198.51.100.7');
    expect(clientAddress(req('127.0.0.1'), one)).toBe('127.0.0.1');
  });
  it('with a list, walks back only through the named proxies', () => {
    const trust = parseTrustProxy('loopback, 10.0.0.0/8');
    expect(clientAddress(req('127.0.0.1', '6.6.6.6, 198.51.100.7, 10.0.0.9'), trust)).toBe('198.51.100.7');
    expect(clientAddress(req('192.0.2.1', '6.6.6.6'), trust)).toBe('192.0.2.1');
  });
  it('is made a short key whatever a client writes in X-Forwarded-For', () => {
    const one = parseTrustProxy('1');
    const junk = `${'x'.repeat(5000)}, __proto__, , \u0000, ::ffff:999.1.1.1`;
    const address = clientAddress(req('127.0.0.1', junk), one);
    expect(address.length).toBeLessThanOrEqual(64);
    expect(address).toBe('999.1.1.1');
    expect(clientAddress(req('127.0.0.1', junk), null)).toBe('127.0.0.1');
  });
  it('refuses settings that would let anyone choose their address, or that it cannot read', () => {
    expect(() => parseTrustProxy('true')).toThrow();
    expect(() => parseTrustProxy('proxy.example')).toThrow();
    expect(parseTrustProxy('')).toBeNull();
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});

describe('the connection gate', () => {
  it('passes on requests of a connection already made, and answers a request line the URL parser refuses', async () => {
    const metrics = new Metrics({ docConnections: () => 0, sessionConnections: () => 0, openDocs: () => 0 });
    const limiters = new Limiters(null, new Refusals(createLogger('silent'), metrics));
    const gate = new UpgradeGate(limiters.local('upgrade-per-address', { points: 1, seconds: 60 }), null);
    const middleware = gate.engineMiddleware();
    const call = (url: string) =>
      new Promise<string>((resolve) => {
        const res = new ServerResponse({ method: 'GET' } as IncomingMessage);
        res.end = (() => resolve(`answered ${res.statusCode}`)) as typeof res.end;
        middleware({ url, socket: { remoteAddress: '192.0.2.9' }, headers: {} } as unknown as IncomingMessage, res, (err) =>
          resolve(err ? 'error' : 'next'),
        );
      });
    expect(await call('/socket.io/?EIO=4&transport=polling&sid=abc')).toBe('next');
    expect(await call('http://[bad/socket.io/?EIO=4')).toBe('next');
    expect(await call('/socket.io/?EIO=4&transport=polling')).toBe('answered 429');
  });
});

describe('rate settings', () => {
  it('have workshop-sized defaults and read <count>/<seconds>', () => {
    const c = loadConfig({});
    expect(c.rateLimits.boardCreate).toEqual({ points: 60, seconds: 600 });
    expect(c.rateLimits.joinPerAddress.points).toBeGreaterThanOrEqual(60);
    expect(loadConfig({ RATE_SESSION_EVENTS: '5/2' }).rateLimits.sessionEvents).toEqual({ points: 5, seconds: 2 });
    for (const bad of ['0/10', '10', '10/0', 'many']) expect(() => loadConfig({ RATE_DOC_MESSAGES: bad })).toThrow(/RATE_DOC_MESSAGES/);
  });
});

describe('the refusal, as people read it', () => {
  const LOCALES = path.resolve(import.meta.dirname, '../../client/src/locales');
  async function t(lang: 'en' | 'cy') {
    const merged: Record<string, unknown> = {};
    for (const file of fs.readdirSync(path.join(LOCALES, lang))) {
      Object.assign(merged, JSON.parse(fs.readFileSync(path.join(LOCALES, lang, file), 'utf8')));
    }
    const i18n = i18next.createInstance();
    await i18n.init({ lng: lang, resources: { [lang]: { translation: merged } }, interpolation: { escapeValue: false } });
    return i18n.t;
  }
  it('says how long to wait, in English and Welsh', async () => {
    const refused = new ApiRequestError(429, 'rate-limited', 'Too many', 42);
    expect(apiErrorText(await t('en'), refused)).toBe('Too many requests in a short time. Please try again in 42 seconds.');
    expect(apiErrorText(await t('cy'), refused)).toBe('Gormod o geisiadau mewn amser byr. Rhowch gynnig arall arni ymhen 42 eiliad.');
    expect(apiErrorText(await t('cy'), new ApiRequestError(429, 'rate-limited', 'x', 1))).toMatch(/ymhen eiliad\.$/);
    expect(docErrorText(await t('cy'), 'rate-limited')).toMatch(/^Anfonodd y ddyfais hon/);
  });
});
