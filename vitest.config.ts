import { defineConfig, type TestProjectConfiguration } from 'vitest/config';
import { reachable } from './test/support/reachable.js';

/** Integration suites that drive a server through its public API; they run again in scaled mode. */
const SERVER_SUITES = [
  'docSync',
  'persistence',
  'session',
  'httpApi',
  'facilitation',
  'voting',
  'export',
  'hostileClients',
  'deleteBoard',
  'rateLimits',
].map((name) => `test/integration/${name}.test.ts`);

// Scaled mode needs Redis and PostgreSQL. Under CI they must be there (the suites then fail
// loudly if they are not); on a laptop with neither, the scaled project is left out with a warning.
const services = (await reachable('redis://127.0.0.1:6379')) && (await reachable('postgres://127.0.0.1:5432'));
const scaled = services || !!process.env.CI || !!process.env.REDIS_URL;
if (!scaled) console.warn('\n!!! Redis or PostgreSQL not reachable: the scaled-mode project is SKIPPED.\n');

const projects: TestProjectConfiguration[] = [{ extends: true, test: { name: 'embedded', include: ['test/**/*.test.ts'] } }];
if (scaled) projects.push({ extends: true, test: { name: 'scaled', include: SERVER_SUITES, env: { CODESIGN_TEST_SCALED: '1' } } });

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Suites start real server processes; two at a time suits a 2-core machine.
    maxWorkers: 2,
    projects,
    // Under CI a JSON report too, from which .ci/run prints its closing "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
  },
});
