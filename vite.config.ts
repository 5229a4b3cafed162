import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressDir } from './scripts/precompress.js';

/** Where `npm run dev`'s server listens; the dev server proxies the API and both sockets to it. */
const backend = process.env.CODESIGN_BACKEND ?? 'http://localhost:3000';

// Host is passed through unchanged (no changeOrigin), so the join links the server builds from
// the request point at the dev server, not at the backend's port.
const proxy = {
  '/api': { target: backend },
  '/yjs': { target: backend, ws: true },
  '/socket.io': { target: backend, ws: true },
};

/** After a build: brotli and gzip copies of every text file, which the server sends as they are. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'codesign:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const files = precompressDir(outDir);
      const kb = (n: number) => (n / 1024).toFixed(1);
      const js = files.filter((f) => f.file.endsWith('.js'));
      const sum = (k: 'bytes' | 'br' | 'gz') => js.reduce((a, f) => a + f[k], 0);
      this.info(
        `precompressed ${files.length} files; JavaScript ${kb(sum('bytes'))} KB → ${kb(sum('br'))} KB brotli, ${kb(sum('gz'))} KB gzip`,
      );
    },
  };
}

/**
 * zod without eval: our Content-Security-Policy forbids it, and zod probes for it (new Function)
 * when its first object schema is made, which the browser reports as a CSP violation. zod reads
 * its configuration from globalThis when its core module loads, so the setting goes at the top
 * of that module, before any schema exists. Its interpreted parser is plenty for our payloads.
 */
function zodWithoutEval(): Plugin {
  return {
    name: 'codesign:zod-without-eval',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/.test(id)) return null;
      return { code: `(globalThis.__zod_globalConfig ??= {}).jitless = true;\n${code}`, map: null };
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [react(), zodWithoutEval(), precompress()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { proxy },
  preview: { proxy },
});
