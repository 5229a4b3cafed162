import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './zodConfig.js';
import './i18n.js';
import './styles/tokens.css'; // design tokens first: every other stylesheet uses them
import.meta.glob('./styles/*.css', { eager: true }); // one stylesheet per feature
import { App } from './App.js';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
