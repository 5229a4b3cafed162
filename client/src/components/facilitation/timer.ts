import type { TimerState } from '../../../../shared/facilitation.js';

export type TimerPhase = 'none' | 'paused' | 'running' | 'ended';

/** Time left on the timer, by the server's clock (Date.now() + offset). */
export function timerRemaining(timer: TimerState | null, clockOffset: number, now: number): number {
  if (!timer) return 0;
  if (timer.endsAt === null) return Math.max(0, timer.remainingMs);
  return Math.max(0, timer.endsAt - (now + clockOffset));
}

export function timerPhase(timer: TimerState | null, remaining: number): TimerPhase {
  if (!timer) return 'none';
  if (remaining <= 0) return 'ended';
  return timer.endsAt === null ? 'paused' : 'running';
}

/** mm:ss (minutes may pass 59: a four-hour timer reads 240:00). Rounded up, so 0:00 means done. */
export function formatClock(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

let audio: AudioContext | null = null;

/** Creates (or wakes) the audio context. Call from a click, so the browser allows sound later. */
export function primeAudio(): void {
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    audio ??= new Ctor();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

/** A soft two-note chime (about a second), not an alarm. */
export function playChime(): void {
  primeAudio();
  if (!audio) return;
  const start = audio.currentTime + 0.05;
  [659.25, 523.25].forEach((freq, i) => {
    const ctx = audio!;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const t0 = start + i * 0.35;
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.18, t0 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.9);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 1);
  });
}
