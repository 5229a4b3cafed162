import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBoardResponse, JoinResponse } from '../../shared/api.js';
import { createBoard, join } from '../support/clients.js';
import { SCALED, startServer, type RunningServer } from '../support/server.js';

let srv: RunningServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => srv?.stop());

const post = (path: string, body: unknown, raw = false) =>
  fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
}

describe('HTTP API', () => {
  it('creates a board from each template and returns links carrying the keys', async () => {
    for (const template of ['coproduction', 'improvement-cymru', 'what-matters', 'blank'] as const) {
      const res = await post('/api/boards', { title: '  Day centre  ', template, language: 'cy' });
      expect(res.status).toBe(201);
      const body = CreateBoardResponse.parse(await res.json());
      expect(body.joinUrl).toBe(`${srv.url}/join/${body.boardId}#key=${body.joinKey}`);
      expect(body.facilitatorUrl).toBe(`${srv.url}/join/${body.boardId}#key=${body.facilitatorKey}`);
      expect(body.joinKey).not.toBe(body.facilitatorKey);
    }
  });

  it('gives the facilitator role only to the facilitator key', async () => {
    const b = await createBoard(srv.url);
    const fac = JoinResponse.parse(
      await (await post(`/api/boards/${b.boardId}/participants`, { key: b.facilitatorKey, name: 'Alun', group: 'staff' })).json(),
    );
    const p = JoinResponse.parse(
      await (await post(`/api/boards/${b.boardId}/participants`, { key: b.joinKey, name: 'Rhian', group: 'service-user' })).json(),
    );
    expect(fac.role).toBe('facilitator');
    expect(p.role).toBe('participant');
    expect(p.authorKey).not.toBe(p.participantId);
    await expectError(await post(`/api/boards/${b.boardId}/participants`, { key: 'wrong', name: 'X', group: 'staff' }), 403, 'forbidden');
  });

  it('shows the board summary to a key holder and "me" to a token holder', async () => {
    const b = await createBoard(srv.url, { title: 'Cymorth i ofalwyr', language: 'cy' });
    const summary = await fetch(`${srv.url}/api/boards/${b.boardId}`, { headers: { 'x-board-key': b.joinKey } });
    expect(await summary.json()).toMatchObject({ boardId: b.boardId, title: 'Cymorth i ofalwyr', language: 'cy' });
    await expectError(await fetch(`${srv.url}/api/boards/${b.boardId}`), 401, 'unauthorized');
    await expectError(await fetch(`${srv.url}/api/boards/${b.boardId}`, { headers: { 'x-board-key': 'nope' } }), 403, 'forbidden');

    const p = await join(srv.url, b.boardId, b.joinKey, 'Siân', 'family-carer');
    const me = await fetch(`${srv.url}/api/boards/${b.boardId}/me`, { headers: { authorization: `Bearer ${p.token}` } });
    expect(await me.json()).toMatchObject({
      me: { participantId: p.participantId, name: 'Siân', group: 'family-carer', role: 'participant' },
    });
    await expectError(
      await fetch(`${srv.url}/api/boards/${b.boardId}/me`, { headers: { authorization: 'Bearer nope' } }),
      401,
      'unauthorized',
    );
    await expectError(await fetch(`${srv.url}/api/boards/${b.boardId}/me`), 401, 'unauthorized');
  });

  it('answers bad input with a 4xx and a plain message, never a 500', async () => {
    const b = await createBoard(srv.url);
    await expectError(await post('/api/boards', '{"title": "broken', true), 400, 'invalid-json');
    await expectError(await post('/api/boards', {}), 400, 'invalid-request');
    await expectError(await post('/api/boards', { title: 'x', template: 'nope' }), 400, 'invalid-request');
    await expectError(await post('/api/boards', { title: 'x'.repeat(201), template: 'blank' }), 400, 'invalid-request');
    await expectError(await post('/api/boards', { title: 'x', template: 'blank', language: 'fr' }), 400, 'invalid-request');
    await expectError(await post('/api/boards', ['array']), 400, 'invalid-request');
    await expectError(await post('/api/boards', { title: 'x'.repeat(20_000), template: 'blank' }), 413, 'too-large');
    await expectError(
      await post(`/api/boards/${b.boardId}/participants`, { key: b.joinKey, name: '', group: 'staff' }),
      400,
      'invalid-request',
    );
    await expectError(
      await post(`/api/boards/${b.boardId}/participants`, { key: b.joinKey, name: 'A', group: 'boss' }),
      400,
      'invalid-request',
    );
    // Control characters (U+0000 cannot be stored in PostgreSQL) and non-characters: a clear 400, never a 500.
    for (const bad of ['Nul\u0000here', 'Bell\u0007', 'Non\uFFFEchar', 'Lone\uD800']) {
      await expectError(await post('/api/boards', { title: bad, template: 'blank' }), 400, 'invalid-request');
      await expectError(
        await post(`/api/boards/${b.boardId}/participants`, { key: b.joinKey, name: bad, group: 'staff' }),
        400,
        'invalid-request',
      );
    }
    await expectError(
      await post('/api/boards/no-such-board/participants', { key: b.joinKey, name: 'A', group: 'staff' }),
      404,
      'not-found',
    );
    await expectError(await post('/api/boards/%2e%2e%2f/participants', { key: b.joinKey, name: 'A', group: 'staff' }), 404, 'not-found');
    await expectError(await fetch(`${srv.url}/api/nothing-here`), 404, 'not-found');
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  });

  it('reports health and readiness, and serves the app for client routes', async () => {
    expect(await (await fetch(`${srv.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${srv.url}/readyz`)).json()).toEqual(
      SCALED
        ? { status: 'ready', store: 'postgres', checks: { postgres: 'ok', redis: 'ok' } }
        : { status: 'ready', store: 'sqlite', checks: { sqlite: 'ok' } },
    );
    const metrics = await (await fetch(`${srv.url}/metrics`)).text();
    for (const name of [
      'codesign_doc_connections',
      'codesign_open_docs',
      'codesign_doc_updates_total',
      'codesign_store_append_seconds_bucket',
    ]) {
      expect(metrics).toContain(name);
    }
    const page = await fetch(`${srv.url}/join/some-board`);
    expect(page.status).toBe(200); // `npm test` builds the client first
    expect(await page.text()).toMatch(/<html[^>]*>/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
