// Keeps the workspace in local storage (debounced, flushed when the page hides) and
// listens for share links pasted into the address bar of an open page.
import type { StoreApi } from 'zustand/vanilla';
import { decodeShareFragment } from '../engine-extras';
import { writePrefs, writeStoredWorkspace, type StorageLike } from './persistence';
import type { StoreState } from './types';
import { toWorkspace } from './workspace';

export interface PersistenceEnv {
  storage: StorageLike | null;
  window: Pick<Window, 'addEventListener' | 'removeEventListener' | 'location' | 'history'>;
  delayMs?: number;
}

/** `<html data-saved>`: `pending` while an edit waits to be saved, `saved` after; tests wait on it. */
function markSaved(state: 'pending' | 'saved' | 'failed') {
  if (typeof document !== 'undefined') document.documentElement.dataset.saved = state;
}

export function connectPersistence(store: StoreApi<StoreState>, env: PersistenceEnv): () => void {
  const { storage, window: win } = env;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const s = store.getState();
    const ws = toWorkspace(s);
    // INVARIANT: the current work is saved before any history: on a quota error, history makes room.
    let ok = writeStoredWorkspace(storage, ws, undefined, s.workspaceName);
    while (!ok && storage && store.getState().actions.shrinkSavedHistory()) ok = writeStoredWorkspace(storage, ws, undefined, s.workspaceName);
    markSaved(ok ? 'saved' : 'failed');
  };
  const clearHash = () => {
    if (win.location.hash) win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
  };

  // A link opened straight away is now the saved work; the address bar no longer needs it.
  const s0 = store.getState();
  if (!s0.incoming && win.location.hash && !s0.shareError) {
    save();
    clearHash();
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.policies !== prev.policies || s.request !== prev.request || s.tests !== prev.tests || s.activeId !== prev.activeId || s.workspaceName !== prev.workspaceName) {
      if (timer !== undefined) clearTimeout(timer);
      markSaved('pending');
      timer = setTimeout(save, env.delayMs ?? 400);
    }
    if (s.theme !== prev.theme || s.view !== prev.view) writePrefs(storage, { theme: s.theme, view: s.view });
    // The choice about a shared workspace is made: the link has done its work.
    if (prev.incoming && !s.incoming) clearHash();
    if (prev.shareError && !s.shareError) clearHash();
  });

  const onHash = () => {
    const hash = win.location.hash.replace(/^#/, '');
    if (!hash) return;
    const r = decodeShareFragment(hash);
    const { actions } = store.getState();
    if (r.ok) {
      actions.receiveShared(r.workspace);
      if (!store.getState().incoming) clearHash();
    } else actions.setShareError(r.error);
  };
  const onHide = () => {
    if (timer !== undefined) save();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onHide();
  };
  win.addEventListener('hashchange', onHash);
  win.addEventListener('pagehide', onHide);
  const doc = typeof document === 'undefined' ? undefined : document;
  doc?.addEventListener('visibilitychange', onVisibility);
  return () => {
    unsubscribe();
    win.removeEventListener('hashchange', onHash);
    win.removeEventListener('pagehide', onHide);
    doc?.removeEventListener('visibilitychange', onVisibility);
    onHide();
  };
}
