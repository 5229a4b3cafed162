import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

/**
 * Subscribes to a Yjs type (deeply) and re-renders only when `read()` returns something that
 * is not `equal` to the last value. `relevant` can skip events cheaply (e.g. typing in a note's
 * text does not change the board's layout).
 */
export function useYObserved<T>(
  // biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type; any Y type may be observed here.
  type: Y.AbstractType<any>,
  read: () => T,
  equal: (a: T, b: T) => boolean = jsonEqual,
  relevant?: (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => boolean,
): T {
  const readRef = useRef(read);
  readRef.current = read;
  const equalRef = useRef(equal);
  equalRef.current = equal;
  const relevantRef = useRef(relevant);
  relevantRef.current = relevant;
  const [value, setValue] = useState<T>(read);

  useEffect(() => {
    const update = () =>
      setValue((prev) => {
        const next = readRef.current();
        return equalRef.current(prev, next) ? prev : next;
      });
    const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      if (relevantRef.current && !relevantRef.current(events)) return;
      update();
    };
    update();
    type.observeDeep(observer);
    return () => type.unobserveDeep(observer);
  }, [type]);

  return value;
}

export function jsonEqual<T>(a: T, b: T): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
