import type { BreakRequest, FacilitationState, TimerState } from '../../shared/facilitation.js';

/** A board's facilitation state as stored (one JSON value per board). */
export interface StoredSessionState {
  step: string | null;
  timer: TimerState | null;
  locked: boolean;
  anonymous: boolean;
  hands: { participantId: string; raisedAt: number }[];
  breaks: BreakRequest[];
  /** Break request id → who asked; never sent to anyone (requests may be shown without a name). */
  breakOwners?: Record<string, string>;
}

export function initialSessionState(): StoredSessionState {
  return { step: null, timer: null, locked: false, anonymous: false, hands: [], breaks: [] };
}

/** Reads a stored value defensively (older or partial shapes fall back to defaults). */
export function parseSessionState(raw: unknown): StoredSessionState {
  const base = initialSessionState();
  if (typeof raw !== 'object' || raw === null) return base;
  return { ...base, ...(raw as Partial<StoredSessionState>) };
}

export function publicView(state: StoredSessionState, now = Date.now()): FacilitationState {
  return {
    step: state.step,
    timer: state.timer,
    locked: state.locked,
    anonymous: state.anonymous,
    hands: state.hands,
    serverNow: now,
  };
}

/** Timer arithmetic, kept pure so it can be tested without a clock. */
export const timer = {
  set(durationMs: number): TimerState {
    return { durationMs, remainingMs: durationMs, endsAt: null };
  },
  start(t: TimerState, now: number): TimerState {
    return t.endsAt !== null ? t : { ...t, endsAt: now + t.remainingMs };
  },
  pause(t: TimerState, now: number): TimerState {
    return t.endsAt === null ? t : { ...t, remainingMs: Math.max(0, t.endsAt - now), endsAt: null };
  },
  add(t: TimerState, ms: number, now: number): TimerState {
    const durationMs = Math.max(0, t.durationMs + ms);
    // A running timer that has already run out gets the time from now, not from when it ended.
    if (t.endsAt !== null) return { ...t, durationMs, endsAt: Math.max(now, Math.max(now, t.endsAt) + ms) };
    return { ...t, durationMs, remainingMs: Math.max(0, t.remainingMs + ms) };
  },
  remaining(t: TimerState, now: number): number {
    return t.endsAt === null ? t.remainingMs : Math.max(0, t.endsAt - now);
  },
};
