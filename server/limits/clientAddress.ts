import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Whether the hop at `index` (0: the socket's peer) with `address` is a proxy we believe. */
export type TrustProxy = (address: string, index: number) => boolean;

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1: one key for one client. */
export function normaliseAddress(address: string): string {
  const a = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

/**
 * TRUST_PROXY: unset, '' or 'false' trusts no proxy; a whole number trusts that many hops in
 * front of the server; otherwise a comma-separated list of loopback, linklocal, uniquelocal,
 * addresses and CIDRs (proxy-addr's, as express reads 'trust proxy'). 'true' (trust every hop)
 * is refused: it would let anyone choose their address.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'false' || v === '0') return null;
  if (v === 'true') throw new Error("'true' would believe any X-Forwarded-For; give the number of proxies (e.g. 1) or their addresses");
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_address, index) => index < hops;
  }
  const list = v.split(',').map((p) => p.trim().toLowerCase());
  try {
    return proxyaddr.compile(list);
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${(error as Error).message} (loopback, linklocal, uniquelocal, addresses or CIDRs)`);
  }
}

/**
 * The client's address, as express computes req.ip with the same trust function (proxy-addr):
 * the socket's peer, or further back through X-Forwarded-For while each hop is a trusted proxy.
 * Used for upgrades too, which never reach express. Capped in length, since a key is made of it.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy | null): string {
  if (!req.socket.remoteAddress) return 'unknown';
  return normaliseAddress(proxyaddr(req, trust ?? (() => false))).slice(0, 64);
}
