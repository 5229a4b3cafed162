import { describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../../shared/facilitatorLog.js';
import { currentFacilitator, personOnBoard } from '../../server/boards/access.js';
import { BoardEvents } from '../../server/boards/events.js';
import { BoardSessions } from '../../server/facilitation/boardSessions.js';
import type { Logger } from '../../server/logger.js';
import type { ParticipantRecord } from '../../server/store/types.js';

const B = 'board';

function participant(id: string, more: Partial<ParticipantRecord> = {}): ParticipantRecord {
  return {
    id,
    boardId: B,
    tokenHash: 'h',
    name: id.toUpperCase(),
    group: 'staff',
    role: 'participant',
    authorKey: `a-${id}`,
    anonAuthorKey: `x-${id}`,
    createdAt: 0,
    inRoom: false,
    canAssist: false,
    coFacilitator: false,
    removedAt: null,
    ...more,
  };
}

/** Just what BoardSessions reads and writes, in memory, with every call recorded in `trail`. */
function fakeStore(people: ParticipantRecord[]) {
  const trail: string[] = [];
  let saved: unknown = null;
  const log: LogEntry[] = [];
  return {
    trail,
    log,
    people,
    saved: () => saved,
    setSaved: (value: unknown) => (saved = value),
    async getSessionState() {
      return saved;
    },
    async saveSessionState(_boardId: string, state: unknown) {
      trail.push('store');
      saved = structuredClone(state);
    },
    async listParticipants() {
      return people;
    },
    async getParticipant(_boardId: string, id: string) {
      return people.find((p) => p.id === id) ?? null;
    },
    async appendLog(_boardId: string, entry: LogEntry) {
      trail.push('log');
      log.push(entry);
    },
  };
}

function setup() {
  const store = fakeStore([participant('f', { role: 'facilitator' }), participant('p'), participant('gone', { removedAt: 1 })]);
  const events = new BoardEvents();
  events.on('stateChanged', () => store.trail.push('announce state'));
  events.on('breaksChanged', () => store.trail.push('announce breaks'));
  events.on('logged', () => store.trail.push('told log'));
  events.on('sessionChanged', () => store.trail.push('session changed'));
  const log = { error: vi.fn() } as unknown as Logger;
  return { store, events, log, sessions: new BoardSessions({ store, events, log }) };
}

describe('board sessions: one turn at a time, every change through change()', () => {
  it('stores a change, then announces it, then logs it, then tells other instances once', async () => {
    const { store, sessions } = setup();
    const view = await sessions.turn(B, 'f', 'facilitator', async (turn) => {
      const { view } = await turn.change((s) => {
        s.locked = true;
        return { action: 'locked', detail: {} };
      });
      await turn.change((s) => void s.hands.push({ participantId: 'p', raisedAt: 1 }));
      return view;
    });
    expect(view.locked).toBe(true);
    expect(store.trail).toEqual(['store', 'announce state', 'log', 'told log', 'store', 'announce state', 'session changed']);
    expect(store.saved()).toMatchObject({ locked: true, hands: [{ participantId: 'p', raisedAt: 1 }] });
    expect(store.log.map((e) => [e.action, e.actorId, e.actorName])).toEqual([['locked', 'f', 'F']]);
  });

  it('announces break requests to facilitators instead of the public state when asked', async () => {
    const { store, sessions } = setup();
    await sessions.turn(B, 'p', 'anyone', (turn) =>
      turn.change((s) => void s.breaks.push({ id: 'r', at: 1, participantId: null, name: null }), 'breaks'),
    );
    expect(store.trail).toEqual(['store', 'announce breaks', 'session changed']);
    expect(await sessions.breaksFor(B, 'f')).toHaveLength(1);
    expect(await sessions.breaksFor(B, 'p')).toBeNull();
  });

  it('changes nothing, stores nothing and tells nobody when an edit refuses', async () => {
    const { store, sessions } = setup();
    const refused = sessions.turn(B, 'f', 'facilitator', (turn) =>
      turn.change((s) => {
        s.locked = true;
        throw new Error('no such step');
      }),
    );
    await expect(refused).rejects.toThrow('no such step');
    expect(store.trail).toEqual([]);
    expect((await sessions.view(B)).locked).toBe(false);
  });

  it('checks the actor as stored at the start of the turn: removed people and non-facilitators are refused before anything runs', async () => {
    const { store, sessions } = setup();
    const run = vi.fn(async () => 'ran');
    await expect(sessions.turn(B, 'gone', 'anyone', run)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    await expect(sessions.turn(B, 'nobody', 'anyone', run)).rejects.toMatchObject({ status: 401 });
    await expect(sessions.turn(B, 'p', 'facilitator', run)).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(run).not.toHaveBeenCalled();
    await expect(sessions.turn(B, 'p', 'anyone', run)).resolves.toBe('ran');
    expect(store.trail).toEqual([]); // a turn that changed nothing tells nobody
  });

  it('never interleaves two turns on one board, even when the first waits; a failed turn does not block the next', async () => {
    const { sessions } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const first = sessions.turn(B, 'f', 'facilitator', async (turn) => {
      order.push('first starts');
      await gate;
      await turn.change((s) => {
        s.step = 'one';
      });
      order.push('first ends');
    });
    const failing = sessions.turn(B, 'f', 'facilitator', async () => {
      order.push('failing runs');
      throw new Error('boom');
    });
    const second = sessions.turn(B, 'f', 'facilitator', async (turn) => {
      order.push(`second sees ${turn.state.step}`);
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['first starts']);
    release();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await second;
    expect(order).toEqual(['first starts', 'first ends', 'failing runs', 'second sees one']);
  });

  it('answers the write policy from memory: refused before loading, then locked boards only for facilitators', async () => {
    const { sessions, log } = setup();
    expect(sessions.canWrite(B, 'p')).toBe(false);
    expect(log.error).toHaveBeenCalled();
    await sessions.prepare(B);
    expect(sessions.canWrite(B, 'p')).toBe(true);
    await sessions.turn(B, 'f', 'facilitator', (turn) =>
      turn.change((s) => {
        s.locked = true;
      }),
    );
    expect(sessions.canWrite(B, 'p')).toBe(false);
    expect(sessions.canWrite(B, 'f')).toBe(true);
    await sessions.turn(B, 'f', 'facilitator', async (turn) => turn.setFacilitator('p', true));
    expect(sessions.canWrite(B, 'p')).toBe(true);
  });

  it('tells other instances after a role change even when no session state changed', async () => {
    const { store, sessions } = setup();
    await sessions.turn(B, 'f', 'facilitator', async (turn) => turn.setFacilitator('p', true));
    expect(store.trail).toEqual(['session changed']);
  });

  it('reloads what another instance stored, and never a board it has not loaded', async () => {
    const { store, sessions } = setup();
    store.setSaved({ locked: true });
    await sessions.reload(B);
    expect(sessions.canWrite(B, 'f')).toBe(false); // still not loaded: reload only refreshes
    expect((await sessions.view(B)).locked).toBe(true); // loaded now, from the store
    store.setSaved({ locked: false, step: 's' });
    await sessions.reload(B);
    expect(await sessions.view(B)).toMatchObject({ locked: false, step: 's' });
  });
});

describe('actor checks', () => {
  const store = fakeStore([participant('f', { role: 'facilitator' }), participant('p'), participant('gone', { removedAt: 1 })]);

  it('currentFacilitator: 401 for someone removed or unknown, 403 for a participant, the record for a facilitator', async () => {
    await expect(currentFacilitator(store, B, 'gone')).rejects.toMatchObject({ status: 401 });
    await expect(currentFacilitator(store, B, 'x')).rejects.toMatchObject({ status: 401 });
    await expect(currentFacilitator(store, B, 'p')).rejects.toMatchObject({ status: 403, message: 'Only the facilitator can do that.' });
    await expect(currentFacilitator(store, B, 'f')).resolves.toMatchObject({ id: 'f' });
  });

  it('personOnBoard: 404 for someone removed or unknown', async () => {
    await expect(personOnBoard(store, B, 'gone')).rejects.toMatchObject({ status: 404, code: 'not-found' });
    await expect(personOnBoard(store, B, 'x')).rejects.toMatchObject({ status: 404 });
    await expect(personOnBoard(store, B, 'p')).resolves.toMatchObject({ id: 'p' });
  });
});
