import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Writes bench-results/<name>.json with the machine it ran on. */
export function writeReport(name: string, body: Record<string, unknown>): void {
  const report = {
    benchmark: name,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    ...body,
  };
  const dir = path.resolve(import.meta.dirname, '../../bench-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(report, null, 2) + '\n');
}
