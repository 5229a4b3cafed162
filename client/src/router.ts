import { useSyncExternalStore } from 'react';

/**
 * A tiny pathname router: '/', '/join/:boardId', '/board/:boardId', '/plan/:boardId', and the
 * privacy notice and accessibility statement. No dependency needed.
 */
export type Route =
  | { name: 'home' }
  | { name: 'privacy' }
  | { name: 'accessibility' }
  | { name: 'join'; boardId: string }
  | { name: 'board'; boardId: string }
  | { name: 'plan'; boardId: string }
  | { name: 'not-found' };

const BOARD_ID = '([A-Za-z0-9_-]{1,64})';
const JOIN_RE = new RegExp(`^/join/${BOARD_ID}/?$`);
const BOARD_RE = new RegExp(`^/board/${BOARD_ID}/?$`);
const PLAN_RE = new RegExp(`^/plan/${BOARD_ID}/?$`);

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html' || pathname === '') return { name: 'home' };
  if (/^\/privacy\/?$/.test(pathname)) return { name: 'privacy' };
  if (/^\/accessibility\/?$/.test(pathname)) return { name: 'accessibility' };
  const join = JOIN_RE.exec(pathname);
  if (join) return { name: 'join', boardId: join[1] };
  const board = BOARD_RE.exec(pathname);
  if (board) return { name: 'board', boardId: board[1] };
  const plan = PLAN_RE.exec(pathname);
  if (plan) return { name: 'plan', boardId: plan[1] };
  return { name: 'not-found' };
}

const CHANGE = 'codesign:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGE));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

export const PRIVACY_PATH = '/privacy';
export const ACCESSIBILITY_PATH = '/accessibility';

export function boardPath(boardId: string): string {
  return `/board/${encodeURIComponent(boardId)}`;
}

/** The read-only plan view ("See the plan"); a share-back link adds `#view=<key>`. */
export function planPath(boardId: string): string {
  return `/plan/${encodeURIComponent(boardId)}`;
}

export function joinPath(boardId: string, key?: string): string {
  return `/join/${encodeURIComponent(boardId)}${key ? `#key=${encodeURIComponent(key)}` : ''}`;
}

/** Reads `key` from a fragment like `#key=abc`. */
export function keyFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('key');
  return key && key.length <= 200 ? key : null;
}

/** Reads `view` (a share-back view key) from a fragment like `#view=abc`. */
export function viewKeyFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('view');
  return key && key.length <= 200 ? key : null;
}
