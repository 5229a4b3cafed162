import { describe, expect, it } from 'vitest';
import { BoardEvents } from '../../server/boards/events.js';

describe('board events', () => {
  it('calls every listener of an event, in the order they subscribed, with the arguments emitted', () => {
    const events = new BoardEvents();
    const calls: string[] = [];
    events.on('roleChanged', (boardId, participantId, facilitator) => calls.push(`1:${boardId}:${participantId}:${facilitator}`));
    events.on('roleChanged', (boardId) => calls.push(`2:${boardId}`));
    events.on('removed', () => calls.push('other event'));
    events.emit('roleChanged', 'b', 'p', true);
    expect(calls).toEqual(['1:b:p:true', '2:b']);
  });

  it('calls listeners synchronously, before emit returns', () => {
    const events = new BoardEvents();
    let seen = false;
    events.on('participantsChanged', () => (seen = true));
    events.emit('participantsChanged', 'b');
    expect(seen).toBe(true);
  });

  it('does nothing for an event nobody listens to', () => {
    expect(() => new BoardEvents().emit('sessionChanged', 'b')).not.toThrow();
  });

  it('stops calling a listener once it unsubscribes, and a listener that unsubscribes mid-emit does not skip the next', () => {
    const events = new BoardEvents();
    const calls: string[] = [];
    const off = events.on('logged', () => {
      calls.push('first');
      off();
    });
    events.on('logged', () => calls.push('second'));
    const entry = { id: 'e', at: 1, actorId: 'a', actorName: 'A', action: 'locked' as const, detail: {} };
    events.emit('logged', 'b', entry);
    events.emit('logged', 'b', entry);
    expect(calls).toEqual(['first', 'second', 'second']);
  });

  it('lets a throwing listener fail the emit, as a direct call would', () => {
    const events = new BoardEvents();
    events.on('stateChanged', () => {
      throw new Error('listener broke');
    });
    expect(() =>
      events.emit('stateChanged', 'b', { step: null, timer: null, locked: false, anonymous: false, hands: [], serverNow: 0 }),
    ).toThrow('listener broke');
  });
});
