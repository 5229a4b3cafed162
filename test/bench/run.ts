import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** `npm run bench`: each benchmark in its own process, one after another; reports in bench-results/. */
const benches = (process.argv[2] ? [process.argv[2]] : ['typing', 'export', 'hostile', 'slowConsumer', 'client']).map((b) =>
  path.join(import.meta.dirname, `${b}.ts`),
);
for (const file of benches) {
  console.log(`\n== ${path.basename(file, '.ts')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
