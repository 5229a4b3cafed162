import { describe, expect, it } from 'vitest';
import { parseSessionState, timer } from '../../server/facilitation/sessionState.js';

describe('facilitation timer', () => {
  it('sets paused, starts from the remaining time, pauses keeping what is left', () => {
    const t = timer.set(300_000);
    expect(t).toEqual({ durationMs: 300_000, remainingMs: 300_000, endsAt: null });
    const running = timer.start(t, 1_000);
    expect(running.endsAt).toBe(301_000);
    expect(timer.start(running, 50_000)).toBe(running); // starting twice changes nothing
    expect(timer.remaining(running, 101_000)).toBe(200_000);
    const paused = timer.pause(running, 101_000);
    expect(paused).toEqual({ durationMs: 300_000, remainingMs: 200_000, endsAt: null });
    expect(timer.remaining(paused, 999_999)).toBe(200_000);
    expect(timer.start(paused, 500_000).endsAt).toBe(700_000);
  });

  it('adds and takes away time, never below zero', () => {
    const running = timer.start(timer.set(60_000), 0);
    expect(timer.add(running, 60_000, 10_000).endsAt).toBe(120_000);
    expect(timer.add(running, -600_000, 10_000).endsAt).toBe(10_000); // ends now, not in the past
    const paused = timer.set(60_000);
    expect(timer.add(paused, -90_000, 0)).toEqual({ durationMs: 0, remainingMs: 0, endsAt: null });
    expect(timer.remaining(timer.pause(running, 90_000), 0)).toBe(0);
    // Ran out at 60 s; a minute added at 90 s runs until 150 s.
    expect(timer.add(running, 60_000, 90_000).endsAt).toBe(150_000);
  });

  it('reads stored state defensively', () => {
    expect(parseSessionState(null)).toMatchObject({ step: null, locked: false, anonymous: false, hands: [], breaks: [] });
    expect(parseSessionState({ locked: true })).toMatchObject({ locked: true, anonymous: false, hands: [] });
  });
});
