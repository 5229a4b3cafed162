import * as z from 'zod/mini';
import { ClientEvents, DOC_CLOSE, Handshake, ServerEvents } from '../shared/session.js';

/**
 * Renders docs/protocol.md from the zod contracts in shared/session.ts, so the document other
 * client authors read cannot drift from what the server validates. A test compares the file
 * with this output; `npm run docs:protocol` rewrites it.
 */
const schema = (s: z.ZodMiniType, io: 'input' | 'output' = 'output') => {
  const json = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return '```json\n' + JSON.stringify(json, null, 2) + '\n```';
};

export function renderProtocolDoc(): string {
  const out: string[] = [];
  out.push(
    '# Session protocol (socket.io)',
    '',
    '<!-- Generated from shared/session.ts by `npm run docs:protocol`. Do not edit by hand. -->',
    '',
    'The board has two channels. Co-created content (sections, notes, groups, priorities) is a Yjs',
    'document synced with the y-websocket protocol at `/yjs/:boardId?token=…`. Session state',
    '(who is here, and later steps, timer, lock, votes) is decided by the server and travels on',
    'socket.io at the default path `/socket.io/`.',
    '',
    '## Connecting',
    '',
    'Join first over HTTP (`POST /api/boards/:boardId/participants`, see README) to get a token, then',
    'connect with `io(origin, { auth: { boardId, token } })`. The handshake is refused with a',
    '`connect_error` whose `data` is `{ status, code }`: 400 `invalid-request` (auth missing or',
    'malformed), 401 `unauthorized` (bad token), 404 `not-found` (no such board).',
    '',
    'Handshake `auth`:',
    '',
    schema(Handshake, 'input'),
    '',
    '## Requests (client → server)',
    '',
    'Every request is sent with an acknowledgement callback and answered with',
    '`{ ok: true, data }` or `{ ok: false, error: { code, message } }`. `message` is plain English for',
    'people; `code` is one of `invalid-request`, `unauthorized`, `forbidden`, `not-found`,',
    '`storage-unavailable`, `internal`. A payload that does not match the schema (including extra',
    'fields) is answered with `invalid-request` and changes nothing. Unknown events are ignored.',
    '',
  );
  for (const [name, def] of Object.entries(ClientEvents)) {
    out.push(
      `### \`${name}\``,
      '',
      def.summary,
      '',
      'Payload:',
      '',
      schema(def.payload, 'input'),
      '',
      'Acknowledgement `data`:',
      '',
      schema(def.ack),
      '',
    );
  }
  out.push('## Events (server → client)', '');
  for (const [name, def] of Object.entries(ServerEvents)) {
    out.push(`### \`${name}\``, '', def.summary, '', 'Payload:', '', schema(def.payload), '');
  }
  out.push(
    '## Document channel close codes',
    '',
    'When the y-sync endpoint drops a connection it uses these close codes. Following the',
    'y-websocket client, 4400–4499 mean "do not reconnect"; 4500–4599 and 1009 mean "reconnect":',
    'the change that broke a limit was reverted on the server and reconnecting brings the revert.',
    'The same code is sent to that person as `doc:error` on the session channel.',
    '',
    '| code | reason | meaning |',
    '| --- | --- | --- |',
    ...Object.entries(DOC_CLOSE).map(([key, { code, reason }]) => `| ${code} | \`${reason}\` | ${key} |`),
    '',
    'A refused upgrade (bad or missing token, unknown board) is answered with an HTTP 401, 403 or 404',
    'before any WebSocket frame.',
    '',
  );
  return out.join('\n');
}
