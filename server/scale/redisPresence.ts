import type { RedisConnection } from './redisBus.js';
import type { PresenceState, PresenceStatus } from '../../shared/session.js';
import { combine, type Presence } from '../session/presence.js';

type Client = RedisConnection;

const key = (boardId: string) => `codesign:presence:{${boardId}}`;
/** An entry not refreshed for this long belongs to a dead instance and is ignored (and cleaned). */
const TTL_MS = 45_000;
const REFRESH_MS = 15_000;

/**
 * Presence shared by all instances: one hash per board, field "participant|socket", value
 * "status|expiresAt". Each instance refreshes its own sockets' entries; entries of an instance
 * that died simply expire.
 */
export class RedisPresence implements Presence {
  private readonly mine = new Map<string, { boardId: string; participantId: string; socketId: string; status: PresenceStatus }>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly redis: Client) {
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  private async write(boardId: string, participantId: string, socketId: string, status: PresenceStatus) {
    await this.redis.hSet(key(boardId), `${participantId}|${socketId}`, `${status}|${Date.now() + TTL_MS}`);
    await this.redis.pExpire(key(boardId), TTL_MS * 4);
  }

  private async refresh() {
    for (const e of this.mine.values()) await this.write(e.boardId, e.participantId, e.socketId, e.status).catch(() => {});
  }

  async connect(boardId: string, participantId: string, socketId: string): Promise<void> {
    this.mine.set(socketId, { boardId, participantId, socketId, status: 'online' });
    await this.write(boardId, participantId, socketId, 'online');
  }

  async setStatus(boardId: string, participantId: string, socketId: string, status: PresenceStatus): Promise<void> {
    const e = this.mine.get(socketId);
    if (e) e.status = status;
    await this.write(boardId, participantId, socketId, status);
  }

  async disconnect(boardId: string, participantId: string, socketId: string): Promise<void> {
    this.mine.delete(socketId);
    await this.redis.hDel(key(boardId), `${participantId}|${socketId}`);
  }

  async states(boardId: string): Promise<Map<string, PresenceState>> {
    const all = await this.redis.hGetAll(key(boardId));
    const now = Date.now();
    const byPerson = new Map<string, PresenceStatus[]>();
    const expired: string[] = [];
    for (const [field, value] of Object.entries(all)) {
      const [participantId] = field.split('|');
      const [status, expiresAt] = value.split('|');
      if (Number(expiresAt) < now) {
        expired.push(field);
        continue;
      }
      byPerson.set(participantId, [...(byPerson.get(participantId) ?? []), status as PresenceStatus]);
    }
    if (expired.length) await this.redis.hDel(key(boardId), expired).catch(() => {});
    return new Map([...byPerson].map(([id, statuses]) => [id, combine(statuses)]));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
  }
}
