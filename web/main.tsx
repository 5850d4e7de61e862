// Entry: load the workspace (share link, then saved work, then the default), evaluate
// it, then render; the decision is on screen before the editor's code arrives.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initAppStore } from './store';
import { connectPersistence } from './store/autosave';
import { registerServiceWorker } from './offline';
import { browserStorage } from './store/persistence';
import './styles.css';

const storage = browserStorage();
const store = initAppStore({ location: window.location, storage });
connectPersistence(store, { storage, window });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline use, in the built site only.
if (import.meta.env.PROD) window.addEventListener('load', registerServiceWorker);
