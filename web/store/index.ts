// One store for the app, built from the slices in slices.ts; every action under `actions`.
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { getExamples } from '../engine-extras';
import { historyActions, historyState } from './history';
import { initialState, readPrefs, readStoredName, type StorageLike } from './persistence';
import { initialResultState, resultActions, uiActions, uiState, workspaceActions, workspaceState } from './slices';
import type { Actions, StoreState } from './types';
import type { OffThread } from './evaluate';

export interface StoreEnv {
  location: Pick<Location, 'hash'>;
  storage: StorageLike | null;
  /** The checks of the evaluation made with the store: the page asks for the refusing ones only, and the rest after its first paint. */
  firstChecks?: 'all' | 'refusals';
  /** Evaluates a large workspace in a worker (the page's analysis worker); without it, every evaluation runs on this thread. */
  analyzeOffThread?: OffThread;
}

export function createAppStore(env: StoreEnv): StoreApi<StoreState> {
  const init = initialState(env.location, env.storage);
  const prefs = readPrefs(env.storage);
  const name =
    init.source === 'link' ? 'Shared workspace' : init.source === 'storage' ? (readStoredName(env.storage) ?? 'My workspace') : (getExamples()[0]?.title ?? 'Default example');
  const history = historyState(env.storage, name);
  const store = createStore<StoreState>()((set, get) => ({
    ...workspaceState(init.workspace),
    ...initialResultState,
    ...history,
    ...uiState({
      ...prefs,
      incoming: init.incoming,
      shareError: init.shareError,
      openingLink: init.openingLink,
      hasPrevious: history.history.length > 0,
    }),
    actions: {
      ...workspaceActions(set, get, env),
      ...resultActions(set, get, env),
      ...uiActions(set, get, env),
      ...historyActions(set, get, env),
    } as Actions,
  }));
  store.getState().actions.recompute({ checks: env.firstChecks ?? 'all' });
  return store;
}

let app: StoreApi<StoreState> | undefined;

/** Creates the page's store; call once, before the first render. */
export function initAppStore(env: StoreEnv): StoreApi<StoreState> {
  app = createAppStore(env);
  return app;
}

export function appStore(): StoreApi<StoreState> {
  if (!app) throw new Error('initAppStore() must run before the app renders.');
  return app;
}

/** Reads from the store; wrap object-returning selectors in useShallow. */
export function useApp<T>(selector: (s: StoreState) => T): T {
  return useStore(appStore(), selector);
}

export function useActions(): Actions {
  return useStore(appStore(), (s) => s.actions);
}

export type { StoreState } from './types';
