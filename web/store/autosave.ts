// Keeps the workspace in local storage (debounced, flushed when the page hides) and
// listens for share links pasted into the address bar of an open page. Nothing is lost
// without a word:
// - a save the browser refuses (storage full or disabled) says so, once, and what to do;
//   until a save works again, the address bar holds the work as a link, so that a reload
//   brings it back (a shared workspace keeps its link until it is saved);
// - another tab's work is never overwritten unseen: before saving over work another tab
//   saved, this tab keeps it in the history, and when another tab saves, a notice offers
//   to open its work; history entries saved by other tabs join this tab's history.
import type { StoreApi } from 'zustand/vanilla';
import { encodeShareFragment } from '../engine-extras';
import { decodeShareLink } from '../features/share/decode';
import { readWorkspaceRecord, saveWorkspaceRecord, STORAGE_KEYS, writePrefs, type StorageLike } from './persistence';
import type { StoreState } from './types';
import { sameWorkspace, toWorkspace } from './workspace';

export interface PersistenceEnv {
  storage: StorageLike | null;
  window: Pick<Window, 'addEventListener' | 'removeEventListener' | 'location' | 'history'>;
  delayMs?: number;
  /** This page's id in what it saves; random unless a test gives one. */
  tab?: string;
}

/** Longest address kept as the fallback while saving fails (browsers take about 2 million characters). */
const MAX_LINK = 1_500_000;

/** `<html data-saved>`: `pending` while an edit waits to be saved, `saved` after, `failed` when the browser refused it; tests wait on it. */
function markSaved(state: 'pending' | 'saved' | 'failed') {
  if (typeof document !== 'undefined') document.documentElement.dataset.saved = state;
}

function randomTab(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function connectPersistence(store: StoreApi<StoreState>, env: PersistenceEnv): () => void {
  const { storage, window: win } = env;
  const tab = env.tab ?? randomTab();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The saved workspace's text as this tab last wrote or read it: anything else there is another tab's. */
  let seen: string | null = readKey(STORAGE_KEYS.workspace);
  /** Whether the last save failed (the notice is shown once per run of failures). */
  let failing = false;
  /** The address bar holds the work because saving fails. */
  let linkHoldsWork = false;

  function readKey(key: string): string | null {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  const clearHash = () => {
    linkHoldsWork = false;
    if (win.location.hash) win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
  };

  /** Before saving over it: work another tab saved goes into the history. */
  const keepOtherTabs = () => {
    const raw = readKey(STORAGE_KEYS.workspace);
    if (raw === null || raw === seen) return;
    seen = raw;
    const other = readWorkspaceRecord(raw);
    if (!other || other.tab === tab || sameWorkspace(other.workspace, toWorkspace(store.getState()))) return;
    store.getState().actions.keepOtherTabWork(other.workspace, other.tab ?? 'another tab', other.name ?? 'From another tab');
  };

  const save = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const s = store.getState();
    const ws = toWorkspace(s);
    keepOtherTabs();
    // INVARIANT: the current work is saved before any history: on a quota error, history makes room.
    let text = saveWorkspaceRecord(storage, ws, STORAGE_KEYS.workspace, s.workspaceName, tab);
    while (text === null && storage && store.getState().actions.shrinkSavedHistory()) text = saveWorkspaceRecord(storage, ws, STORAGE_KEYS.workspace, s.workspaceName, tab);
    if (text !== null) {
      seen = text;
      markSaved('saved');
      if (failing) {
        failing = false;
        store.getState().actions.notify({ tone: 'info', text: 'Your work is saved in this browser again.' });
      }
      // The link did its work (a shared workspace, or the work kept while saving failed).
      if (linkHoldsWork || (!s.incoming && !s.shareError)) clearHash();
      return true;
    }
    markSaved('failed');
    holdInLink(ws);
    if (!failing) {
      failing = true;
      store.getState().actions.notify({
        tone: 'error',
        text: storage
          ? `This browser’s storage for the page is full: your latest changes are not saved in it. ${linkHoldsWork ? 'Until they are, the address bar holds them as a link (reloading keeps them). ' : ''}Download the workspace as a file, or free space (delete history entries, or this site’s data in the browser’s settings).`
          : `This browser does not let the page keep your work (storage is disabled). ${linkHoldsWork ? 'The address bar holds it as a link (reloading keeps it). ' : ''}Download the workspace as a file to keep it.`,
        action: { label: 'Download it', run: 'download-workspace' },
        expires: false,
      });
    }
    return false;
  };

  /** While saving fails, the work lives in the address bar: a reload opens it as a link. */
  const holdInLink = (ws: ReturnType<typeof toWorkspace>) => {
    const s = store.getState();
    // A link waiting for a choice (or a damaged one) stays as it is.
    if (s.incoming || s.shareError) return;
    const fragment = encodeShareFragment(ws);
    const url = `${win.location.pathname}${win.location.search}#${fragment}`;
    if (url.length > MAX_LINK) return;
    win.history.replaceState(win.history.state, '', url);
    linkHoldsWork = true;
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.policies !== prev.policies || s.request !== prev.request || s.tests !== prev.tests || s.activeId !== prev.activeId || s.workspaceName !== prev.workspaceName) {
      if (timer !== undefined) clearTimeout(timer);
      markSaved('pending');
      timer = setTimeout(save, env.delayMs ?? 400);
    }
    if (s.theme !== prev.theme || s.view !== prev.view) writePrefs(storage, { theme: s.theme, view: s.view });
    // The choice about a shared workspace is made: the link has done its work once the choice is saved.
    if ((prev.incoming && !s.incoming) || (prev.shareError && !s.shareError)) {
      if (timer !== undefined || failing) save();
      else if (!failing) clearHash();
    }
  });

  // Only the newest link counts: a long one decoded in the worker may answer after a later one.
  let hashSeq = 0;
  const onHash = () => {
    const hash = win.location.hash.replace(/^#/, '');
    if (!hash) return;
    const seq = ++hashSeq;
    decodeShareLink(hash, (r) => {
      if (seq !== hashSeq) return;
      // A long link that opened the page has its answer, whichever it is.
      if (store.getState().openingLink) store.setState({ openingLink: false });
      const { actions } = store.getState();
      if (r.ok) {
        // The page's own fallback link, typed back in: nothing new.
        if (sameWorkspace(r.workspace, toWorkspace(store.getState()))) return;
        linkHoldsWork = false;
        actions.receiveShared(r.workspace);
      } else actions.setShareError(r.error);
    });
  };
  /** Another tab saved: its work is offered (and kept in the history before this tab saves over it). */
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEYS.history) {
      store.getState().actions.mergeStoredHistory();
      return;
    }
    if (e.key !== STORAGE_KEYS.workspace || e.newValue === null || e.newValue === seen) return;
    const other = readWorkspaceRecord(e.newValue);
    if (!other || other.tab === tab || sameWorkspace(other.workspace, toWorkspace(store.getState()))) {
      seen = e.newValue;
      return;
    }
    // Seen now: kept in the history at once, so neither tab's work depends on the next save.
    seen = e.newValue;
    const entry = store.getState().actions.keepOtherTabWork(other.workspace, other.tab ?? 'another tab', other.name ?? 'From another tab');
    const { notices, actions } = store.getState();
    // One notice while it is on screen: the entry keeps its id, so its button opens that tab's latest work.
    if (notices.some((n) => !n.done && n.action?.arg === entry.id)) return;
    actions.notify({
      tone: 'info',
      text: `Another tab saved different work in this browser (“${entry.name}”, ${entry.summary}). It is in the history; this tab keeps its own.`,
      action: { label: 'Open it', run: 'restore-history', arg: entry.id },
      expires: false,
    });
  };
  const onHide = () => {
    if (timer !== undefined) save();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onHide();
  };
  const s0 = store.getState();
  // A long link that opened the page is decoded now, after the first paint, like one pasted
  // in later; the address bar keeps it until its workspace is saved.
  if (s0.openingLink) onHash();
  // A link opened straight away is now the saved work; the address bar keeps it until it is.
  else if (!s0.incoming && win.location.hash && !s0.shareError) save();
  win.addEventListener('hashchange', onHash);
  win.addEventListener('pagehide', onHide);
  win.addEventListener('storage', onStorage as EventListener);
  const doc = typeof document === 'undefined' ? undefined : document;
  doc?.addEventListener('visibilitychange', onVisibility);
  return () => {
    unsubscribe();
    win.removeEventListener('hashchange', onHash);
    win.removeEventListener('pagehide', onHide);
    win.removeEventListener('storage', onStorage as EventListener);
    doc?.removeEventListener('visibilitychange', onVisibility);
    onHide();
  };
}
