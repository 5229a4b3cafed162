import fs from 'node:fs';
import path from 'node:path';

// source-map-js comes with Vite (through PostCSS); without it the summary is by bundle position.
type SourceMapConsumer = {
  originalPositionFor(p: { line: number; column: number }): { source: string | null; line: number | null; name: string | null };
};
let Consumer: (new (map: unknown) => SourceMapConsumer) | null = null;
try {
  const specifier = 'source-map-js';
  Consumer = ((await import(specifier)) as { SourceMapConsumer: new (map: unknown) => SourceMapConsumer }).SourceMapConsumer;
} catch {
  Consumer = null;
}

/**
 * Summarises a CDP .cpuprofile (from BENCH_PROFILE=… npm run bench client): self time by source
 * file and by function, mapped through the build's source maps in <checkout>/dist/client.
 *   npx tsx test/bench/profileSummary.ts bench-results/profiles/this-300-1x-1-typing.cpuprofile [checkout]
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
const [file, checkout = '.'] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
const maps = new Map<string, SourceMapConsumer | null>();
function mapper(url: string): SourceMapConsumer | null {
  if (!maps.has(url)) {
    const m = /\/assets\/[^/?#]+\.js/.exec(url);
    const p = m ? path.join(checkout, 'dist/client', m[0] + '.map') : '';
    maps.set(url, Consumer && p && fs.existsSync(p) ? new Consumer(JSON.parse(fs.readFileSync(p, 'utf8'))) : null);
  }
  return maps.get(url)!;
}
const byFile = new Map<string, number>();
const byFn = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
  const t = self.get(n.id) ?? 0;
  if (!t) continue;
  total += t;
  const { url, functionName, lineNumber, columnNumber } = n.callFrame;
  let where = url ? url.replace(/^https?:\/\/[^/]+/, '') : `(${functionName || 'native'})`;
  let fn = functionName || '(anonymous)';
  const smc = url ? mapper(url) : null;
  if (smc) {
    const pos = smc.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
    if (pos.source) {
      where = pos.source.replace(/.*node_modules\//, 'nm:').replace(/^(\.\.\/)+/, '');
      fn = `${pos.name ?? fn} (${where}:${pos.line})`;
    }
  } else if (!url) fn = `(${functionName || 'native'})`;
  byFile.set(where, (byFile.get(where) ?? 0) + t);
  byFn.set(fn, (byFn.get(fn) ?? 0) + t);
}
const top = (m: Map<string, number>, n: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(1).padStart(9)} ms  ${k}`)
    .join('\n');
console.log(`total sampled ${total.toFixed(0)} ms\n\nby file:\n${top(byFile, 25)}\n\nby function:\n${top(byFn, 40)}`);
