import { createClient } from 'redis';
import { ballotFrom, type Ballot, type VoteRound } from '../../shared/votes.js';
import type { BallotBox, DotsRefusal, SetDotsResult, StoredBallot } from './ballotBox.js';

const newClient = (url: string) => createClient({ url });
type RedisClient = ReturnType<typeof newClient>;

/**
 * Scaled-mode ballots in Redis. One Lua script checks the round, the per-note cap and the budget
 * and writes the change, atomically, so the budget holds across any number of app instances.
 * Keys share the {roundId} hash tag, so a round's keys live on one Redis Cluster slot.
 * A round whose status key is missing (say Redis lost it) counts as closed: refusing a dot is
 * safe, accepting one over budget is not.
 */
const SET_DOTS = `
local status = redis.call('GET', KEYS[1])
if status ~= 'open' then return {err = 'round-closed'} end
local noteId, dots, budget, cap, participantId, assisted = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6]
local current = tonumber(redis.call('HGET', KEYS[2], noteId) or '0')
if cap > 0 and dots > cap and dots > current then return {err = 'note-cap'} end
local total = 0
for _, v in ipairs(redis.call('HVALS', KEYS[2])) do total = total + tonumber(v) end
total = total - current + dots
if total > budget and dots > current then return {err = 'budget-spent'} end
if dots == 0 then redis.call('HDEL', KEYS[2], noteId) else redis.call('HSET', KEYS[2], noteId, dots) end
if total > 0 then redis.call('SADD', KEYS[3], participantId) else redis.call('SREM', KEYS[3], participantId) end
if assisted == '1' and dots > 0 then redis.call('SADD', KEYS[4], participantId) end
return redis.call('HGETALL', KEYS[2])
`;

const GET_BALLOT = `return redis.call('HGETALL', KEYS[1])`;

const CLOSE = `
redis.call('SET', KEYS[1], 'closed')
return redis.call('SMEMBERS', KEYS[2])
`;

const KEEP_CLOSED_SECONDS = 7 * 24 * 3600;

export class RedisBallotBox implements BallotBox {
  readonly kind = 'redis' as const;

  private constructor(private readonly redis: RedisClient) {}

  static async connect(url: string): Promise<RedisBallotBox> {
    const redis = newClient(url);
    redis.on('error', () => {}); // reconnects by itself; commands fail loudly meanwhile
    await redis.connect();
    return new RedisBallotBox(redis);
  }

  private keys(roundId: string, participantId = '') {
    const tag = `codesign:vote:{${roundId}}`;
    return {
      status: `${tag}:status`,
      ballot: `${tag}:ballot:${participantId}`,
      voters: `${tag}:voters`,
      assisted: `${tag}:assisted`,
    };
  }

  async openRound(round: VoteRound): Promise<void> {
    await this.redis.set(this.keys(round.roundId).status, 'open', { NX: true });
  }

  async setDots(round: VoteRound, participantId: string, noteId: string, dots: number, assisted: boolean): Promise<SetDotsResult> {
    const k = this.keys(round.roundId, participantId);
    try {
      const flat = (await this.redis.eval(SET_DOTS, {
        keys: [k.status, k.ballot, k.voters, k.assisted],
        arguments: [noteId, String(dots), String(round.budget), String(round.perNoteCap ?? 0), participantId, assisted ? '1' : '0'],
      })) as string[];
      return { ok: true, ballot: pairsToBallot(flat) };
    } catch (error) {
      const message = String((error as Error).message ?? error);
      for (const reason of ['round-closed', 'budget-spent', 'note-cap'] as DotsRefusal[]) {
        if (message.includes(reason)) return { ok: false, reason };
      }
      throw error;
    }
  }

  async ballotOf(roundId: string, participantId: string): Promise<Ballot> {
    // As a flat (field, value, …) list, like SET_DOTS' reply, never as an object keyed by note id.
    return pairsToBallot((await this.redis.eval(GET_BALLOT, { keys: [this.keys(roundId, participantId).ballot] })) as string[]);
  }

  async voterCount(roundId: string): Promise<number> {
    return this.redis.sCard(this.keys(roundId).voters);
  }

  async closeRound(roundId: string): Promise<Map<string, StoredBallot>> {
    const k = this.keys(roundId);
    const voters = (await this.redis.eval(CLOSE, { keys: [k.status, k.voters] })) as string[];
    const assisted = new Set(await this.redis.sMembers(k.assisted));
    const out = new Map<string, StoredBallot>();
    for (const participantId of voters) {
      out.set(participantId, { ballot: await this.ballotOf(roundId, participantId), assisted: assisted.has(participantId) });
    }
    // Results are durable in the database now; Redis keeps the raw ballots a while, then forgets.
    const expiring = [k.status, k.voters, k.assisted, ...voters.map((p) => this.keys(roundId, p).ballot)];
    await Promise.all(expiring.map((key) => this.redis.expire(key, KEEP_CLOSED_SECONDS)));
    return out;
  }

  async forgetRounds(roundIds: readonly string[], participantIds: readonly string[]): Promise<void> {
    for (const roundId of roundIds) {
      const k = this.keys(roundId);
      // Everyone who could have voted: the voters set may have expired while ballots had not.
      const keys = [k.status, k.voters, k.assisted, ...participantIds.map((p) => this.keys(roundId, p).ballot)];
      await this.redis.del(keys);
    }
  }

  async close(): Promise<void> {
    if (this.redis.isOpen) await this.redis.quit();
  }
}

/** A ballot from Redis' flat (field, value, …) reply. */
function pairsToBallot(flat: string[]): Ballot {
  const pairs: [string, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], Number(flat[i + 1])]);
  return ballotFrom(pairs);
}
