import type { RedisConnection } from './redisBus.js';
import type { PresenceState, PresenceStatus } from '../../shared/session.js';
import { combine, type BoardRead, type PersonRead, type Presence } from '../session/presence.js';

type Client = RedisConnection;

/** All of a board's keys share its hash tag, so they sit on one Redis Cluster slot. */
const boardKey = (boardId: string) => `codesign:presence:{${boardId}}`;
const personKey = (boardId: string, participantId: string) => `codesign:presence:{${boardId}}:p:${participantId}`;
const revKey = (boardId: string) => `codesign:presence:{${boardId}}:rev`;
/** An entry not refreshed for this long belongs to a dead instance and is ignored (and cleaned). */
const TTL_MS = 45_000;
const REFRESH_MS = 15_000;
/** The revision counter outlives the entries by far; if it does expire it restarts from the clock. */
const REV_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Reads one hash and takes the board's next revision, atomically: a read with a higher revision
 * saw every write that a read with a lower one saw. A new counter starts from the clock (ARGV[1]),
 * so revisions keep growing even if the counter expired while nobody was on the board.
 * Returns [rev, field, value, field, value, …].
 */
const READ = `
local rev = redis.call('INCR', KEYS[2])
if rev == 1 then
  redis.call('SET', KEYS[2], ARGV[1])
  rev = redis.call('INCR', KEYS[2])
end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
local out = redis.call('HGETALL', KEYS[1])
table.insert(out, 1, rev)
return out
`;

interface Mine {
  boardId: string;
  participantId: string;
  socketId: string;
  status: PresenceStatus;
}

/**
 * Presence shared by all instances. Per board: a hash with field "participant|socket" (everyone,
 * for the full list) and, per person, a hash with field "socket" (that person alone, for a
 * change), both with value "status|expiresAt"; and a revision counter. Each instance refreshes
 * its own sockets' entries; entries of an instance that died expire, and whoever finds them
 * expired removes them and says so (onExpired), so that the board is told.
 */
export class RedisPresence implements Presence {
  private readonly mine = new Map<string, Mine>();
  private readonly timer: NodeJS.Timeout;
  private readonly expiredListeners: ((boardId: string, participantIds: string[]) => void)[] = [];

  constructor(private readonly redis: Client) {
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  /** Writes one socket's entry; resolves true if the entry was not there (new, or it had expired). */
  private async write(e: Mine): Promise<boolean> {
    const value = `${e.status}|${Date.now() + TTL_MS}`;
    const [added] = await this.redis
      .multi()
      .hSet(boardKey(e.boardId), `${e.participantId}|${e.socketId}`, value)
      .hSet(personKey(e.boardId, e.participantId), e.socketId, value)
      .pExpire(boardKey(e.boardId), TTL_MS * 4)
      .pExpire(personKey(e.boardId, e.participantId), TTL_MS * 4)
      .exec();
    return Number(added) > 0;
  }

  private async refresh() {
    const boards = new Set<string>();
    for (const e of [...this.mine.values()]) {
      boards.add(e.boardId);
      // Re-created: another instance found it expired (we were too slow to refresh) and told
      // the board this person left. Tell it they are back.
      const recreated = await this.write(e).catch(() => false);
      if (recreated && this.mine.has(e.socketId)) this.tellExpired(e.boardId, [e.participantId]);
    }
    // Find the entries of instances that died, so their people do not stay "online".
    for (const boardId of boards) await this.states(boardId).catch(() => {});
  }

  private tellExpired(boardId: string, participantIds: string[]) {
    for (const listener of this.expiredListeners) listener(boardId, participantIds);
  }

  private async read(hash: string, boardId: string): Promise<{ rev: number; fields: [string, string][] }> {
    const reply = (await this.redis.eval(READ, { keys: [hash, revKey(boardId)], arguments: [String(Date.now()), String(REV_TTL_MS)] })) as (
      | string
      | number
    )[];
    const fields: [string, string][] = [];
    for (let i = 1; i + 1 < reply.length; i += 2) fields.push([String(reply[i]), String(reply[i + 1])]);
    return { rev: Number(reply[0]), fields };
  }

  /** Removes expired entries from both hashes; resolves with the people whose entries this call removed. */
  private async removeExpired(boardId: string, expired: { participantId: string; socketId: string }[]): Promise<string[]> {
    if (!expired.length) return [];
    const multi = this.redis.multi();
    for (const { participantId, socketId } of expired) {
      multi.hDel(boardKey(boardId), `${participantId}|${socketId}`);
      multi.hDel(personKey(boardId, participantId), socketId);
    }
    const replies = await multi.exec();
    // Only the instance whose HDEL removed the field reports it, so a board is told once.
    return [...new Set(expired.filter((_, i) => Number(replies[2 * i]) > 0).map((e) => e.participantId))];
  }

  async connect(boardId: string, participantId: string, socketId: string): Promise<void> {
    const e: Mine = { boardId, participantId, socketId, status: 'online' };
    this.mine.set(socketId, e);
    await this.write(e);
  }

  async setStatus(_boardId: string, _participantId: string, socketId: string, status: PresenceStatus): Promise<void> {
    // A socket that has already disconnected must not come back as a stale entry.
    const e = this.mine.get(socketId);
    if (!e) return;
    e.status = status;
    await this.write(e);
  }

  async disconnect(boardId: string, participantId: string, socketId: string): Promise<void> {
    this.mine.delete(socketId);
    await this.redis
      .multi()
      .hDel(boardKey(boardId), `${participantId}|${socketId}`)
      .hDel(personKey(boardId, participantId), socketId)
      .exec();
  }

  async stateOf(boardId: string, participantId: string): Promise<PersonRead> {
    const { rev, fields } = await this.read(personKey(boardId, participantId), boardId);
    const now = Date.now();
    const statuses: PresenceStatus[] = [];
    const expired: { participantId: string; socketId: string }[] = [];
    for (const [socketId, value] of fields) {
      const [status, expiresAt] = value.split('|');
      if (Number(expiresAt) < now) expired.push({ participantId, socketId });
      else statuses.push(status as PresenceStatus);
    }
    // This read is about to be told to the board, so nobody else needs telling.
    await this.removeExpired(boardId, expired).catch(() => {});
    return { state: combine(statuses), rev };
  }

  async states(boardId: string): Promise<BoardRead> {
    const { rev, fields } = await this.read(boardKey(boardId), boardId);
    const now = Date.now();
    const byPerson = new Map<string, PresenceStatus[]>();
    const expired: { participantId: string; socketId: string }[] = [];
    for (const [field, value] of fields) {
      const [participantId, socketId] = field.split('|');
      const [status, expiresAt] = value.split('|');
      if (Number(expiresAt) < now) {
        expired.push({ participantId, socketId });
        continue;
      }
      const statuses = byPerson.get(participantId);
      if (statuses) statuses.push(status as PresenceStatus);
      else byPerson.set(participantId, [status as PresenceStatus]);
    }
    const gone = await this.removeExpired(boardId, expired).catch(() => [] as string[]);
    if (gone.length) this.tellExpired(boardId, gone);
    const states = new Map<string, PresenceState>([...byPerson].map(([id, statuses]) => [id, combine(statuses)]));
    return { states, rev };
  }

  async purge(boardId: string, participantIds: readonly string[]): Promise<void> {
    for (const [socketId, e] of this.mine) if (e.boardId === boardId) this.mine.delete(socketId);
    await this.redis.del([boardKey(boardId), revKey(boardId), ...participantIds.map((p) => personKey(boardId, p))]);
  }

  onExpired(listener: (boardId: string, participantIds: string[]) => void): void {
    this.expiredListeners.push(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
  }
}
