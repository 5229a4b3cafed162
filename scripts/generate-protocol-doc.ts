import fs from 'node:fs';
import path from 'node:path';
import { renderProtocolDoc } from './protocolDoc.js';

const target = path.resolve(import.meta.dirname, '../docs/protocol.md');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, renderProtocolDoc());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
