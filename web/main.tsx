// Entry: load the workspace (share link, then saved work, then the default), evaluate it
// with only the checks that can refuse a policy (the decision is the same), render it at
// once, and leave everything else until the decision is painted: autosave, the full
// checks, every other service's action names. The editor's code arrives after that.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initAppStore } from './store';
import { loadAllActionNames } from './engine-extras';
import { connectPersistence } from './store/autosave';
import { registerServiceWorker } from './offline';
import { browserStorage } from './store/persistence';
import { analysisWorker } from './features/analysis/client';
import './styles.css';

/** Runs `fn` once the next frame is painted: a message posted from a frame's rAF callback arrives after that frame. */
function afterNextPaint(fn: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = fn;
    channel.port2.postMessage(null);
  });
}

const storage = browserStorage();
const store = initAppStore({ location: window.location, storage, firstChecks: 'refusals', analyzeOffThread: analysisWorker() });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
// Rendered in a task of its own, after this one (module evaluation and the first evaluation):
// one task doing both, with the page's first layout forced inside it, took 250-330 ms.
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

afterNextPaint(() => {
  connectPersistence(store, { storage, window });
  // Every other AWS service's action names, so that the validator can tell a misspelt
  // action of any service; the full checks run once, with them (or without, if they fail).
  void loadAllActionNames()
    .then((names) => store.getState().actions.setActionNames(names))
    .catch((e: unknown) => console.warn('AWS action names could not be loaded; actions of services beyond ECR and ECS are not checked.', e))
    .finally(() => store.getState().actions.completeChecks());
});

// Offline use, in the built site only.
if (import.meta.env.PROD) window.addEventListener('load', registerServiceWorker);
