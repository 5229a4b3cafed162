import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** Whether the hop at `index` (0: the socket's peer) with `address` is a proxy we believe. */
export type TrustProxy = (address: string, index: number) => boolean;

const NAMED: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
};

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
export function normaliseAddress(address: string): string {
  const a = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

/**
 * TRUST_PROXY: unset, '' or 'false' trusts no proxy; a whole number trusts that many hops in
 * front of the server; otherwise a comma-separated list of loopback, linklocal, uniquelocal,
 * addresses and CIDRs. 'true' (trust every hop) is refused: it would let anyone choose their address.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'false' || v === '0') return null;
  if (v === 'true') throw new Error("'true' would believe any X-Forwarded-For; give the number of proxies (e.g. 1) or their addresses");
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_address, index) => index < hops;
  }
  const list = new BlockList();
  for (const part of v.split(',').map((p) => p.trim().toLowerCase())) {
    if (NAMED[part]) {
      for (const [net, prefix, type] of NAMED[part]) list.addSubnet(net, prefix, type);
      continue;
    }
    const [address, prefix] = part.split('/');
    const type = isIP(address);
    if (!type) throw new Error(`'${part}' is not loopback, linklocal, uniquelocal, an address or a CIDR`);
    const family = type === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, family);
    else if (/^\d+$/.test(prefix) && Number(prefix) <= (type === 4 ? 32 : 128)) list.addSubnet(address, Number(prefix), family);
    else throw new Error(`'${part}' has a bad prefix length`);
  }
  return (address) => {
    const a = normaliseAddress(address);
    const type = isIP(a);
    return type !== 0 && list.check(a, type === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client's address, as express computes req.ip with the same trust function: walk from the
 * socket's peer back through X-Forwarded-For while each hop is a trusted proxy. Used for upgrades,
 * which never reach express. Capped in length, since a key is made of it.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy | null): string {
  const peer = normaliseAddress(req.socket.remoteAddress ?? 'unknown');
  if (!trust) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((a) => normaliseAddress(a))
    .filter((a) => a !== '')
    .reverse();
  const chain = [peer, ...forwarded];
  let i = 0;
  while (i < chain.length - 1 && trust(chain[i], i)) i++;
  return chain[i].slice(0, 64);
}
