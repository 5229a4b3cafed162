import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BallotBox } from '../../server/votes/ballotBox.js';
import { RedisBallotBox } from '../../server/votes/redisBallotBox.js';
import { SqliteBallotBox } from '../../server/votes/sqliteBallotBox.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { newPublicId } from '../../server/auth/secrets.js';
import type { VoteRound } from '../../shared/votes.js';
import { REDIS_URL, redisAvailable } from '../support/services.js';
import { tempDataDir } from '../support/server.js';

const redisUp = await redisAvailable();

interface Backend {
  /** Two handles on the same ballots, as two app instances would have. */
  boxes: [BallotBox, BallotBox];
  newRound(settings?: Partial<VoteRound>): Promise<VoteRound>;
  close(): Promise<void>;
}

/** The contract every ballot box keeps; both backends run it. */
function describeBallotBox(name: string, open: () => Promise<Backend>, enabled = true) {
  describe.runIf(enabled)(`${name} ballot box`, () => {
    let backend: Backend;
    afterAll(async () => backend?.close());
    const setup = async () => (backend ??= await open());

    it('keeps each person within the budget and the per-note cap', async () => {
      const {
        boxes: [box],
        newRound,
      } = await setup();
      const round = await newRound({ budget: 3, perNoteCap: 2 });
      expect(await box.setDots(round, 'ann', 'n1', 2, false)).toEqual({ ok: true, ballot: { n1: 2 } });
      expect(await box.setDots(round, 'ann', 'n1', 3, false)).toEqual({ ok: false, reason: 'note-cap' });
      expect(await box.setDots(round, 'ann', 'n2', 2, false)).toEqual({ ok: false, reason: 'budget-spent' });
      expect(await box.setDots(round, 'ann', 'n2', 1, false)).toEqual({ ok: true, ballot: { n1: 2, n2: 1 } });
      expect(await box.setDots(round, 'ann', 'n3', 1, false)).toEqual({ ok: false, reason: 'budget-spent' });
      // Moving a dot: take one off, then put it elsewhere.
      expect(await box.setDots(round, 'ann', 'n1', 1, false)).toEqual({ ok: true, ballot: { n1: 1, n2: 1 } });
      expect(await box.setDots(round, 'ann', 'n3', 1, false)).toEqual({ ok: true, ballot: { n1: 1, n2: 1, n3: 1 } });
      expect(await box.setDots(round, 'ann', 'n2', 0, false)).toEqual({ ok: true, ballot: { n1: 1, n3: 1 } });
      expect(await box.ballotOf(round.roundId, 'ann')).toEqual({ n1: 1, n3: 1 });
      expect(await box.ballotOf(round.roundId, 'bob')).toEqual({});
    });

    it('treats note ids named like Object.prototype members as ordinary notes (budget, cap and tally hold)', async () => {
      const {
        boxes: [box],
        newRound,
      } = await setup();
      const round = await newRound({ budget: 3, perNoteCap: 2 });
      const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
      expect(await box.setDots(round, 'eve', 'constructor', 20, false)).toEqual({ ok: false, reason: 'note-cap' });
      expect(await box.setDots(round, 'eve', 'constructor', 2, false)).toMatchObject({ ok: true });
      for (const name of names.slice(1))
        expect(await box.setDots(round, 'eve', name, 2, false), name).toEqual({ ok: false, reason: 'budget-spent' });
      const r = await box.setDots(round, 'eve', '__proto__', 1, false);
      expect(r.ok).toBe(true);
      const ballot = await box.ballotOf(round.roundId, 'eve');
      expect(Object.entries(ballot).sort()).toEqual([
        ['__proto__', 1],
        ['constructor', 2],
      ]);
      const closed = await box.closeRound(round.roundId);
      expect(Object.entries(closed.get('eve')!.ballot).sort()).toEqual([
        ['__proto__', 1],
        ['constructor', 2],
      ]);
    });

    it('counts voters, closes atomically, and refuses changes after close', async () => {
      const {
        boxes: [box],
        newRound,
      } = await setup();
      const round = await newRound({ budget: 2 });
      await box.setDots(round, 'ann', 'n1', 1, false);
      await box.setDots(round, 'bob', 'n1', 2, true);
      await box.setDots(round, 'cat', 'n2', 1, false);
      await box.setDots(round, 'cat', 'n2', 0, false); // took it back: not a voter
      expect(await box.voterCount(round.roundId)).toBe(2);
      const ballots = await box.closeRound(round.roundId);
      expect(Object.fromEntries(ballots)).toEqual({
        ann: { ballot: { n1: 1 }, assisted: false },
        bob: { ballot: { n1: 2 }, assisted: true },
      });
      expect(await box.setDots(round, 'ann', 'n2', 1, false)).toEqual({ ok: false, reason: 'round-closed' });
      expect(Object.fromEntries(await box.closeRound(round.roundId))).toEqual(Object.fromEntries(ballots));
    });

    it('never lets 50 people voting at once exceed anyone’s budget', async () => {
      const {
        boxes: [box],
        newRound,
      } = await setup();
      const round = await newRound({ budget: 3 });
      const people = Array.from({ length: 50 }, (_, i) => `p${i}`);
      // Each person fires 6 single-dot requests at once on 6 notes: exactly 3 may succeed.
      const results = await Promise.all(
        people.flatMap((p) => Array.from({ length: 6 }, (_, n) => box.setDots(round, p, `note${n}`, 1, false))),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(50 * 3);
      for (const p of people) {
        const ballot = await box.ballotOf(round.roundId, p);
        expect(Object.values(ballot).reduce((a, b) => a + b, 0)).toBe(3);
      }
    });

    it('holds the budget for one person on two connections (two instances)', async () => {
      const {
        boxes: [a, b],
        newRound,
      } = await setup();
      const round = await newRound({ budget: 4 });
      const attempts = Array.from({ length: 10 }, (_, n) => (n % 2 ? a : b).setDots(round, 'dual', `note${n}`, 1, false));
      const results = await Promise.all(attempts);
      expect(results.filter((r) => r.ok)).toHaveLength(4);
      expect(Object.values(await a.ballotOf(round.roundId, 'dual')).reduce((x, y) => x + y, 0)).toBe(4);
    });
  });
}

const round = (settings: Partial<VoteRound>): VoteRound => ({
  roundId: newPublicId(),
  title: 'Priorities',
  sectionIds: ['goals'],
  budget: 3,
  perNoteCap: null,
  status: 'open',
  openedAt: Date.now(),
  closedAt: null,
  ...settings,
});

describeBallotBox('sqlite', async () => {
  const file = path.join(tempDataDir(), 'boards.sqlite');
  const store = new SqliteStore(file);
  const second = new SqliteStore(file); // a second connection to the same database
  return {
    boxes: [new SqliteBallotBox(store.database), new SqliteBallotBox(second.database)],
    async newRound(settings = {}) {
      // One open round per board is the rule, so each test round gets its own board.
      const r = round(settings);
      const boardId = `board-${r.roundId}`;
      await store.createBoard(
        { id: boardId, title: 't', template: 'blank', language: 'en', joinKeyHash: 'a', facilitatorKeyHash: 'b', createdAt: 1 },
        new Uint8Array([0, 0]),
      );
      await store.insertRound(boardId, r);
      return r;
    },
    async close() {
      await store.close();
      await second.close();
    },
  };
});

describeBallotBox(
  'redis',
  async () => {
    const boxes: [BallotBox, BallotBox] = [await RedisBallotBox.connect(REDIS_URL), await RedisBallotBox.connect(REDIS_URL)];
    return {
      boxes,
      async newRound(settings = {}) {
        const r = round(settings);
        await boxes[0].openRound(r);
        return r;
      },
      async close() {
        await Promise.all(boxes.map((b) => b.close()));
      },
    };
  },
  redisUp,
);
