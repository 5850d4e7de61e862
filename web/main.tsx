// Entry: load the workspace (share link, then saved work, then the default), evaluate
// it, then render; the decision is on screen before the editor's code arrives.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initAppStore } from './store';
import { loadAllActionNames } from './engine-extras';
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

// Every other AWS service's action names arrive after the first paint, so that the
// validator can tell a misspelt action of any service; then the policies are checked again.
window.addEventListener('load', () => {
  void loadAllActionNames()
    .then((names) => store.getState().actions.setActionNames(names))
    .catch((e: unknown) => console.warn('AWS action names could not be loaded; actions of services beyond ECR and ECS are not checked.', e));
});

// Offline use, in the built site only.
if (import.meta.env.PROD) window.addEventListener('load', registerServiceWorker);
