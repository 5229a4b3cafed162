import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers for every response (helmet). The Content-Security-Policy is strict: scripts
 * and styles only from our own origin, no inline code (React's `style` prop goes through the
 * CSSOM, which CSP does not block), connections only back to this server (HTTP and the doc
 * channel's WebSocket), no framing, no plugins, no <base>, forms only to ourselves.
 * HSTS only when the public address is https (a plain-http test server must not pin itself).
 */
export function securityHeaders(publicUrl: string | undefined): RequestHandler[] {
  const https = publicUrl?.startsWith('https://') ?? false;
  /** This server's own WebSocket origin: 'self' covers it in CSP 3 browsers; older ones need it named. */
  const socketOrigin = (req: Request) => {
    const base = publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`;
    return base.replace(/^http/, 'ws');
  };
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'", (req) => socketOrigin(req as Request)],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: https ? [] : null,
        },
      },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      xFrameOptions: { action: 'deny' },
    }),
    (_req, res, next) => {
      // The board needs none of these; a page that is never given them cannot be tricked into using them.
      res.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()');
      next();
    },
  ];
}

/**
 * Headers that only mean something on a document (a page or a worker), which scripts, styles and
 * source maps need not carry: on the board's 15 or so script files they would add about 10 KB of
 * headers to a phone's first visit. nosniff and Cross-Origin-Resource-Policy stay on everything.
 */
export const DOCUMENT_ONLY_HEADERS = [
  'Content-Security-Policy',
  'Cross-Origin-Opener-Policy',
  'Origin-Agent-Cluster',
  'Permissions-Policy',
  'Referrer-Policy',
  'X-DNS-Prefetch-Control',
  'X-Download-Options',
  'X-Frame-Options',
  'X-Permitted-Cross-Domain-Policies',
  'X-XSS-Protection',
];

/** For responses that carry a key or a token (the whole API): never kept by a browser or a proxy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
