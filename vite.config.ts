import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Where `npm run dev`'s server listens; the dev server proxies the API and both sockets to it. */
const backend = process.env.CODESIGN_BACKEND ?? 'http://localhost:3000';

// Host is passed through unchanged (no changeOrigin), so the join links the server builds from
// the request point at the dev server, not at the backend's port.
const proxy = {
  '/api': { target: backend },
  '/yjs': { target: backend, ws: true },
  '/socket.io': { target: backend, ws: true },
};

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { proxy },
  preview: { proxy },
});
