import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * Progressive first show of a big board: each list of notes first renders the notes that fill a
 * screen, and the rest follow in small chunks, one list at a time, round the lists in turn (so
 * every column fills from the top), each chunk in its own task and as a React transition, so no
 * task is long and typing or scrolling in the meantime stays responsive. After that, every note
 * is rendered (and stays so): find in page, screen readers and the keyboard reach all of them.
 * A list that was complete shows new notes at once.
 */
export const FIRST_NOTES_PER_LIST = 8;
const CHUNK = 20;

type Grow = () => boolean;
const queue: Grow[] = [];
let scheduled = false;
let measured = false;

/**
 * The height a note off screen is assumed to take (--note-estimate, used by the note chunks in
 * styles/performance.css), from the notes drawn so far: measured once, after the first screen.
 */
export function measureNoteEstimate(): void {
  const gap = 12;
  const heights: number[] = [];
  for (const el of document.querySelectorAll<HTMLElement>('[data-note-id]')) {
    if (heights.length >= 40) break;
    if (el.checkVisibility && !el.checkVisibility({ contentVisibilityAuto: true })) continue;
    const h = el.getBoundingClientRect().height;
    if (h > 0) heights.push(h);
  }
  if (heights.length === 0) return;
  measured = true;
  const mean = heights.reduce((a, b) => a + b, 0) / heights.length;
  document.documentElement.style.setProperty('--note-estimate', `${Math.round(mean + gap)}px`);
}

function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  // After the next frame has been shown, so the first screen is painted before more work starts.
  requestAnimationFrame(() =>
    setTimeout(() => {
      scheduled = false;
      if (!measured) measureNoteEstimate();
      const grow = queue.shift();
      // A list that still has notes to show goes to the back of the queue.
      if (grow?.()) queue.push(grow);
      schedule();
    }, 0),
  );
}

/** How many of a list's `total` notes to render now. */
export function useProgressiveCount(total: number): number {
  const [limit, setLimit] = useState(() => (total <= FIRST_NOTES_PER_LIST ? Infinity : FIRST_NOTES_PER_LIST));
  const totalRef = useRef(total);
  totalRef.current = total;
  const complete = limit === Infinity;

  // biome-ignore lint/correctness/useExhaustiveDependencies: registered once per list; `current` carries on from there.
  useEffect(() => {
    if (complete) return;
    let current = limit;
    let live = true;
    const grow: Grow = () => {
      if (!live) return false;
      current += CHUNK;
      const done = current >= totalRef.current;
      const next = done ? Infinity : current;
      startTransition(() => setLimit(next));
      return !done;
    };
    queue.push(grow);
    schedule();
    return () => {
      live = false;
      const i = queue.indexOf(grow);
      if (i >= 0) queue.splice(i, 1);
    };
  }, [complete]);

  return Math.min(total, limit);
}
