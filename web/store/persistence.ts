// Where the workspace comes from when the page opens, and where it is kept:
// the URL fragment (a share link) first, then local storage, then the default example.
// `location` and `storage` are passed in so tests can give their own.
import { checkWorkspace, decodeShareFragment, type Workspace } from '../engine-extras';
import { DEFAULT_WORKSPACE } from '../default-workspace';
import { ON_THREAD_CHARS } from '../features/share/decode';
import { sameWorkspace } from './workspace';
import type { ThemePref, View } from './types';

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const STORAGE_KEYS = {
  workspace: 'policy-sim:workspace',
  /** Before the history: one replaced workspace. Read once into the history, then removed. */
  previous: 'policy-sim:previous-workspace',
  history: 'policy-sim:history',
  prefs: 'policy-sim:prefs',
} as const;

export interface InitialState {
  workspace: Workspace;
  source: 'link' | 'storage' | 'default';
  /** A valid shared workspace held back because the person's own work differs. */
  incoming: Workspace | null;
  /** Why the link in the URL could not be opened. */
  shareError: string | null;
  /**
   * A link too long to decode before the first paint: the page opens with the saved work
   * (or the default), and the link is decoded in a worker once it is painted (autosave.ts).
   */
  openingLink: boolean;
}

interface Stored {
  version: 1;
  savedAt: string;
  workspace: Workspace;
  /** The workspace's name for the history (e.g. the example it came from). */
  name?: string;
  /** Which page saved it (a random id per page), so that another tab's save is told from this one's. */
  tab?: string;
}

export function readStoredWorkspace(storage: StorageLike | null, key: string = STORAGE_KEYS.workspace): Workspace | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Stored>;
    if (parsed.version !== 1) return null;
    const r = checkWorkspace(parsed.workspace);
    return r.ok ? r.value : null;
  } catch {
    return null;
  }
}

/** The saved workspace's name, when it has one. */
export function readStoredName(storage: StorageLike | null): string | undefined {
  try {
    const raw = storage?.getItem(STORAGE_KEYS.workspace);
    const name = raw ? (JSON.parse(raw) as Partial<Stored>).name : undefined;
    return typeof name === 'string' && name.trim() !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

export function writeStoredWorkspace(storage: StorageLike | null, ws: Workspace, key: string = STORAGE_KEYS.workspace, name?: string): boolean {
  return saveWorkspaceRecord(storage, ws, key, name) !== null;
}

/** Saves the workspace; returns the text stored, or null when the browser refused it (storage full or disabled). */
export function saveWorkspaceRecord(storage: StorageLike | null, ws: Workspace, key: string = STORAGE_KEYS.workspace, name?: string, tab?: string): string | null {
  if (!storage) return null;
  try {
    const value: Stored = { version: 1, savedAt: new Date().toISOString(), workspace: ws, ...(name ? { name } : {}), ...(tab ? { tab } : {}) };
    const text = JSON.stringify(value);
    storage.setItem(key, text);
    return text;
  } catch {
    // Storage full or disabled (private mode): the caller says so and keeps the work elsewhere.
    return null;
  }
}

/** A saved workspace record's text read back: its workspace, name and the page that saved it. */
export function readWorkspaceRecord(raw: string | null): { workspace: Workspace; name?: string; tab?: string } | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Stored>;
    if (parsed.version !== 1) return null;
    const r = checkWorkspace(parsed.workspace);
    if (!r.ok) return null;
    return {
      workspace: r.value,
      ...(typeof parsed.name === 'string' && parsed.name.trim() !== '' ? { name: parsed.name } : {}),
      ...(typeof parsed.tab === 'string' ? { tab: parsed.tab } : {}),
    };
  } catch {
    return null;
  }
}

/** Work the person has not changed from the default needs no protection. */
export function isPristine(ws: Workspace): boolean {
  return sameWorkspace(ws, DEFAULT_WORKSPACE);
}

export function initialState(location: Pick<Location, 'hash'>, storage: StorageLike | null): InitialState {
  const local = readStoredWorkspace(storage);
  const hash = location.hash.replace(/^#/, '');
  let shareError: string | null = null;
  const fallback = (openingLink: boolean): InitialState =>
    local ? { workspace: local, source: 'storage', incoming: null, shareError, openingLink } : { workspace: DEFAULT_WORKSPACE, source: 'default', incoming: null, shareError, openingLink };
  if (hash.length > ON_THREAD_CHARS) return fallback(true);
  if (hash !== '') {
    const shared = decodeShareFragment(hash);
    if (shared.ok) {
      if (local && !isPristine(local) && !sameWorkspace(local, shared.workspace)) {
        return { workspace: local, source: 'storage', incoming: shared.workspace, shareError: null, openingLink: false };
      }
      return { workspace: shared.workspace, source: 'link', incoming: null, shareError: null, openingLink: false };
    }
    shareError = shared.error;
  }
  return fallback(false);
}

export interface Prefs {
  theme: ThemePref;
  view: View;
}

export function readPrefs(storage: StorageLike | null): Partial<Prefs> {
  try {
    const raw = storage?.getItem(STORAGE_KEYS.prefs);
    if (!raw) return {};
    const p = JSON.parse(raw) as Record<string, unknown>;
    const out: Partial<Prefs> = {};
    if (p.theme === 'system' || p.theme === 'light' || p.theme === 'dark') out.theme = p.theme;
    if (p.view === 'explain' || p.view === 'batch' || p.view === 'tests' || p.view === 'examples' || p.view === 'problems') out.view = p.view;
    return out;
  } catch {
    return {};
  }
}

export function writePrefs(storage: StorageLike | null, prefs: Prefs): void {
  try {
    storage?.setItem(STORAGE_KEYS.prefs, JSON.stringify(prefs));
  } catch {
    // Preferences are a convenience; nothing to do.
  }
}

/** localStorage, or null where it is disabled. */
export function browserStorage(): StorageLike | null {
  try {
    const s = globalThis.localStorage;
    const probe = 'policy-sim:probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}
