import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';
import type { RequestHandler, Response } from 'express';
import { DOCUMENT_ONLY_HEADERS } from './securityHeaders.js';

/** Hashed build output (Vite puts a content hash in every name under /assets): cached for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files, so it is checked with the server on every use. */
export const NO_CACHE = 'no-cache';

const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/**
 * The encoding to send, from an Accept-Encoding header and the copies there are: brotli when it is
 * accepted at all (it is the smallest), else gzip, else the file as it is. A q=0 refuses one;
 * "*" accepts any not named.
 */
export function chooseEncoding(header: string | undefined, available: ReadonlySet<string>): 'br' | 'gzip' | null {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepted = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  for (const e of ENCODINGS) if (available.has(e.name) && accepted(e.name)) return e.name;
  return null;
}

/**
 * The built client (config.clientDir), compressed and cached:
 *   - a file built with brotli/gzip copies beside it (scripts/precompress.ts, at build time) is
 *     sent as the best copy the browser accepts (Accept-Encoding), with Content-Encoding and
 *     Vary: Accept-Encoding; otherwise as it is;
 *   - /assets/* (content-hashed names) with Cache-Control "public, max-age=31536000, immutable";
 *     index.html with "no-cache"; anything else for an hour.
 * Returns the middleware and a handler that sends index.html (for the client-side routes).
 */
export function staticClient(clientDir: string): { files: RequestHandler; index: RequestHandler } {
  const root = path.resolve(clientDir);
  /** Which compressed copies exist, per file, looked up once (the build does not change under a running server). */
  const copies = new Map<string, Set<string>>();
  const copiesOf = (file: string): Set<string> => {
    let found = copies.get(file);
    if (!found) {
      found = new Set(ENCODINGS.filter((e) => fs.existsSync(file + e.ext)).map((e) => e.name));
      copies.set(file, found);
    }
    return found;
  };

  const cacheControl = (urlPath: string): string =>
    urlPath.startsWith('/assets/') ? IMMUTABLE : urlPath === '/index.html' ? NO_CACHE : 'public, max-age=3600';

  /** Sends `file` (absolute, inside root), compressed if a copy exists that the client accepts. */
  const send = (req: express.Request, res: Response, next: (err?: unknown) => void, file: string, cache: string) => {
    const available = copiesOf(file);
    const chosen = available.size > 0 ? chooseEncoding(req.get('accept-encoding'), available) : null;
    const encoding = ENCODINGS.find((e) => e.name === chosen);
    if (available.size > 0) res.vary('Accept-Encoding');
    res.setHeader('Cache-Control', cache);
    const subresource = /\.(js|css|map)$/.test(file);
    if (subresource) for (const header of DOCUMENT_ONLY_HEADERS) res.removeHeader(header);
    // A content-hashed file never changes: no Last-Modified or ranges (express keeps its ETag, for a 304).
    const immutable = cache === IMMUTABLE;
    if (encoding) {
      // The type of the original file, not of ".br"/".gz".
      res.type(path.extname(file));
      res.setHeader('Content-Encoding', encoding.name);
    }
    const options = {
      cacheControl: false,
      dotfiles: 'ignore' as const,
      lastModified: !immutable,
      acceptRanges: !immutable,
    };
    res.sendFile(encoding ? file + encoding.ext : file, options, (err) => {
      if (!err || res.headersSent) return;
      // Gone or refused (a dot file): on to the next handler, as express.static does.
      const status = (err as { status?: number }).status ?? 500;
      // A script or style gone under us (a rebuild): a plain 404, never the page in its place
      // (its document headers are already off).
      if (status < 500 && subresource) res.status(404).end();
      else if (status < 500) {
        res.removeHeader('Content-Encoding');
        res.removeHeader('Content-Type');
        res.removeHeader('Cache-Control');
        next();
      } else next(err);
    });
  };

  const files: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    if (urlPath.endsWith('/') || urlPath.includes('\0')) return next();
    const file = path.join(root, urlPath);
    if (!file.startsWith(root + path.sep)) return next();
    // Never the compressed copies themselves, by their own names.
    if (/\.(br|gz)$/.test(file)) return next();
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return next();
    }
    if (!stat.isFile()) return next();
    send(req, res, next, file, cacheControl(urlPath));
  };

  const indexFile = path.join(root, 'index.html');
  const index: RequestHandler = (req, res, next) => {
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The web app has not been built yet. Run: npm run build');
      return;
    }
    send(req, res, next, indexFile, NO_CACHE);
  };

  return { files, index };
}
