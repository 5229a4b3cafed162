import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderProtocolDoc } from '../../scripts/protocolDoc.js';
import { ClientEvents, ServerEvents } from '../../shared/session.js';

describe('docs/protocol.md', () => {
  it('is generated from the current zod contracts (run `npm run docs:protocol` after changing them)', () => {
    const onDisk = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/protocol.md'), 'utf8');
    expect(onDisk).toBe(renderProtocolDoc());
  });

  it('documents every event', () => {
    const doc = renderProtocolDoc();
    for (const name of [...Object.keys(ClientEvents), ...Object.keys(ServerEvents)]) expect(doc).toContain(`### \`${name}\``);
  });
});
