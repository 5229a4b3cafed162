import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../client/src/api.js';
import { apiErrorText, docErrorText } from '../../client/src/errors.js';
import { loadConfig } from '../../server/config.js';
import { clientAddress, parseTrustProxy } from '../../server/limits/clientAddress.js';

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
  it('refuses settings that would let anyone choose their address, or that it cannot read', () => {
    expect(() => parseTrustProxy('true')).toThrow();
    expect(() => parseTrustProxy('proxy.example')).toThrow();
    expect(parseTrustProxy('')).toBeNull();
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
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
