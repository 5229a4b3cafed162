import type * as Y from 'yjs';

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Applies the change from the Y.Text's current value to `next` as one minimal splice (common
 * prefix and suffix kept), so that a plain textarea can edit a shared Y.Text without clobbering
 * what someone else typed concurrently elsewhere in the same note.
 *
 * The splice never starts or ends inside a surrogate pair (an emoji, 👩 → 👨 shares its first
 * half): Yjs sends text as UTF-8, so half a pair arrives everywhere else as U+FFFD, and the
 * editor's own copy would differ from everyone else's for good.
 */
export function applyTextChange(ytext: Y.Text, next: string): void {
  const current = ytext.toString();
  if (current === next) return;
  let start = 0;
  const maxStart = Math.min(current.length, next.length);
  while (start < maxStart && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHigh(current.charCodeAt(start - 1))) start--;
  let endCurrent = current.length;
  let endNext = next.length;
  while (endCurrent > start && endNext > start && current.charCodeAt(endCurrent - 1) === next.charCodeAt(endNext - 1)) {
    endCurrent--;
    endNext--;
  }
  if (endCurrent < current.length && isLow(current.charCodeAt(endCurrent))) {
    endCurrent++;
    endNext++;
  }
  const run = () => {
    if (endCurrent > start) ytext.delete(start, endCurrent - start);
    if (endNext > start) ytext.insert(start, next.slice(start, endNext));
  };
  if (ytext.doc) ytext.doc.transact(run);
  else run();
}
