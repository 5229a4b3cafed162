import { lazy, type ComponentType } from 'react';

/**
 * React.lazy for a named export: `const X = lazyNamed(() => import('./X.js'), 'X')`. For views the
 * first screen of the join and board pages does not need (facilitator-only tools, the list view,
 * the QR code): their code is fetched when first drawn, so a participant never downloads it.
 * Draw them inside <Suspense fallback={null}>.
 */
export function lazyNamed<M extends Record<string, unknown>, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType<unknown> }))) as unknown as M[K];
}
