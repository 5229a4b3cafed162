import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Files worth compressing (text); source maps are left alone, only developer tools fetch them. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 512;

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip, level 9) next to every
 * compressible file under `dir`, so the server can send them as they are (server/http/
 * staticFiles.ts) without compressing on each request. Run once per build (vite.config.ts).
 * Returns the files compressed, with their sizes.
 */
export function precompressDir(dir: string): Array<{ file: string; bytes: number; br: number; gz: number }> {
  const out: Array<{ file: string; bytes: number; br: number; gz: number }> = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && COMPRESSIBLE.test(entry.name)) {
        const body = fs.readFileSync(full);
        if (body.length < MIN_BYTES) continue;
        const br = zlib.brotliCompressSync(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        });
        const gz = zlib.gzipSync(body, { level: 9 });
        fs.writeFileSync(full + '.br', br);
        fs.writeFileSync(full + '.gz', gz);
        out.push({ file: path.relative(dir, full), bytes: body.length, br: br.length, gz: gz.length });
      }
    }
  };
  walk(dir);
  return out;
}
