import type { RedisConnection } from './redisBus.js';

/** The socket.io Redis streams adapter's defaults (backends.ts creates it without options). */
const ADAPTER_STREAM = 'socket.io';
const ADAPTER_SESSIONS = 'sio:session:';

/** True when an adapter field (JSON, or base64 msgpack when a packet carries binary) mentions one of the ids. */
function mentions(value: string, ids: readonly string[]): boolean {
  if (ids.some((id) => value.includes(id))) return true;
  const decoded = Buffer.from(value, 'base64');
  return ids.some((id) => decoded.includes(id));
}

/**
 * Removes a deleted board's traffic from what the socket.io adapter keeps in Redis: the
 * broadcasts in its shared stream (presence entries carry names; trimmed only at about 10,000
 * entries) and the sessions it keeps for connection-state recovery (two minutes). A packet is the
 * board's when it names the board or one of its participants: both are random 128-bit ids, so a
 * match is never another board's.
 */
export async function purgeSocketTraffic(redis: RedisConnection, boardId: string, participantIds: readonly string[]): Promise<void> {
  const ids = [boardId, ...participantIds];
  const entries = (await redis.xRange(ADAPTER_STREAM, '-', '+')) ?? [];
  const theirs = entries.filter((e) => Object.values(e.message).some((v) => typeof v === 'string' && mentions(v, ids))).map((e) => e.id);
  if (theirs.length > 0) await redis.xDel(ADAPTER_STREAM, theirs);
  for await (const keys of redis.scanIterator({ MATCH: `${ADAPTER_SESSIONS}*`, COUNT: 500 })) {
    for (const key of keys) {
      const session = await redis.get(key);
      if (session && mentions(session, ids)) await redis.del(key);
    }
  }
}
