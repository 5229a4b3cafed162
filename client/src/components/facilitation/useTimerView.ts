import { useEffect, useRef } from 'react';
import type { TimerState } from '../../../../shared/facilitation.js';
import { useNow } from '../../hooks/useFacilitation.js';
import { formatClock, timerPhase, timerRemaining, type TimerPhase } from './timer.js';

export interface TimerView {
  phase: TimerPhase;
  remainingMs: number;
  /** mm:ss */
  text: string;
}

/** The timer as this person should see it now, by the server's clock; ticks while running. */
export function useTimerView(timer: TimerState | null | undefined, clockOffset: number): TimerView {
  const running = !!timer && timer.endsAt !== null;
  // Tick only while there is time left: a timer that has run out stays at 00:00 without redrawing.
  const now = useNow(running && timerRemaining(timer ?? null, clockOffset, Date.now()) > 0);
  const remainingMs = timerRemaining(timer ?? null, clockOffset, running ? now : Date.now());
  return { phase: timerPhase(timer ?? null, remainingMs), remainingMs, text: formatClock(remainingMs) };
}

/**
 * Calls `onEnd` once when a running timer reaches zero while this page is watching (not when the
 * page opens on a timer that ran out earlier).
 */
export function useTimerEnd(timer: TimerState | null | undefined, view: TimerView, onEnd: () => void): void {
  const seen = useRef<{ endsAt: number | null; running: boolean } | null>(null);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  const endsAt = timer?.endsAt ?? null;
  useEffect(() => {
    const prev = seen.current;
    const running = view.phase === 'running';
    seen.current = { endsAt, running };
    if (view.phase === 'ended' && endsAt !== null && prev?.running && prev.endsAt === endsAt) onEndRef.current();
  }, [view.phase, endsAt]);
}
