import { z } from 'zod';

// The server's Content-Security-Policy forbids eval; zod would otherwise probe for it (and the
// browser logs a CSP error). The interpreted parser is plenty fast for our small payloads.
z.config({ jitless: true });
