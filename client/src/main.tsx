import './boardPrefetch.js'; // first, before React and the app's modules run: see there
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n.js';
import './styles/tokens.css'; // design tokens first: every other stylesheet uses them
import.meta.glob('./styles/*.css', { eager: true }); // one stylesheet per feature
import { App } from './App.js';

const root = document.getElementById('root');
// The reader's language arrives while the rest starts up (client/src/i18n.ts).
if (root) {
  void i18nReady.then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
