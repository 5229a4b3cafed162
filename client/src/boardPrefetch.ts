/**
 * On a board's page, the board's code is fetched at once, while the app's own modules are still
 * starting and the reader's language (which the first render waits for) is on its way, not once
 * BoardPage has rendered (it asks for the same module again: one fetch). Imported first by
 * main.tsx, so it runs before React and the app's modules are evaluated.
 */
if (/^\/board\//.test(location.pathname)) void import('./components/BoardView.js').catch(() => undefined);
