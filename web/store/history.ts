// The workspace history. Every workspace that is replaced (an example, a link, New, a
// file, an import) goes in here first, newest first, and is saved in the browser as far
// as it fits. Restoring an entry swaps it with the current work, so nothing is lost, and
// nothing leaves the history without a sign (a notice, or a line in the history panel).
import { checkWorkspace, type Workspace } from '../engine-extras';
import { isPristine, readStoredWorkspace, STORAGE_KEYS, type StorageLike } from './persistence';
import type { SliceActions } from './slices';
import type { HistoryEntry, HistoryState, ReplaceReason } from './types';
import { fromWorkspace, newId, sameWorkspace, toWorkspace } from './workspace';

/** Entries kept (in the page and, as far as they fit, in the browser). */
export const HISTORY_LIMIT = 30;
/** Characters of history saved at most: localStorage holds about 5 million per site, and the current work comes first. */
export const HISTORY_BUDGET = 2_000_000;

interface StoredHistory {
  version: 1;
  entries: HistoryEntry[];
}

/** `3 policies · ecr:PutImage on web · 4 tests`. */
export function workspaceSummary(ws: Workspace): string {
  const n = ws.policies.length;
  const t = ws.tests?.length ?? 0;
  const { action, resource } = ws.request;
  const target = resource === '*' ? '*' : resource.split(/[:/]/).pop() || resource;
  const parts = [`${n} polic${n === 1 ? 'y' : 'ies'}`];
  if (action) parts.push(`${action} on ${target}`);
  parts.push(`${t} test${t === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export function makeEntry(workspace: Workspace, name: string, note: string, at: Date = new Date(), tab?: string): HistoryEntry {
  return { id: newId('h'), name, at: at.toISOString(), note, summary: workspaceSummary(workspace), workspace, ...(tab ? { tab } : {}) };
}

function readEntry(raw: unknown): HistoryEntry | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as Partial<HistoryEntry>;
  const ws = checkWorkspace(e.workspace);
  if (!ws.ok || typeof e.name !== 'string' || typeof e.at !== 'string') return null;
  const workspace = e.workspace as Workspace;
  // Ids are per page: a fresh one for every entry read.
  return {
    id: newId('h'),
    name: e.name,
    at: e.at,
    note: typeof e.note === 'string' ? e.note : '',
    summary: workspaceSummary(workspace),
    workspace,
    ...(typeof e.tab === 'string' ? { tab: e.tab } : {}),
  };
}

export function readHistory(storage: StorageLike | null): HistoryEntry[] {
  try {
    const raw = storage?.getItem(STORAGE_KEYS.history);
    if (!raw) return [];
    const parsed = JSON.parse(raw) as Partial<StoredHistory>;
    if (parsed.version !== 1 || !Array.isArray(parsed.entries)) return [];
    return parsed.entries
      .map(readEntry)
      .filter((e): e is HistoryEntry => e !== null)
      .slice(0, HISTORY_LIMIT);
  } catch {
    return [];
  }
}

/**
 * Saves the newest entries that fit (the budget, then the browser's quota); returns how
 * many were saved. Never throws: a full storage saves fewer, down to none.
 */
export function writeHistory(storage: StorageLike | null, entries: readonly HistoryEntry[], atMost: number = entries.length): number {
  if (!storage) return 0;
  const texts = entries.slice(0, atMost).map((e) => JSON.stringify(e));
  let n = texts.length;
  let size = texts.reduce((a, t) => a + t.length + 1, 0);
  while (n > 0 && size > HISTORY_BUDGET) size -= texts[--n].length + 1;
  for (;;) {
    if (n === 0) {
      try {
        storage.removeItem(STORAGE_KEYS.history);
      } catch {
        // Nothing saved either way.
      }
      return 0;
    }
    try {
      storage.setItem(STORAGE_KEYS.history, `{"version":1,"entries":[${texts.slice(0, n).join(',')}]}`);
      return n;
    } catch {
      // Quota: the oldest quarter goes first, one at a time at the end.
      n = n > 4 ? Math.floor((n * 3) / 4) : n - 1;
    }
  }
}

export function historyState(storage: StorageLike | null, workspaceName: string): HistoryState {
  let history = readHistory(storage);
  let historySaved = history.length;
  // The single "previous workspace" of earlier versions joins the history once.
  const previous = readStoredWorkspace(storage, STORAGE_KEYS.previous);
  if (previous) {
    if (!history.some((e) => sameWorkspace(e.workspace, previous))) {
      history = [makeEntry(previous, 'Previous workspace', 'Kept by an earlier version of the app'), ...history].slice(0, HISTORY_LIMIT);
    }
    historySaved = writeHistory(storage, history);
    if (historySaved === history.length) storage?.removeItem(STORAGE_KEYS.previous);
  }
  return { history, historySaved, historyDropped: [], workspaceName, historyOpen: false };
}

const DEFAULT_NAMES: Record<ReplaceReason, string> = {
  example: 'Example',
  shared: 'Shared workspace',
  reset: 'New workspace',
  restore: 'Restored workspace',
  file: 'Opened file',
  import: 'Imported from AWS',
  access: 'A request from the Access table',
};

function openedText(reason: ReplaceReason, name: string): string {
  switch (reason) {
    case 'example':
      return `Opened the example “${name}”.`;
    case 'shared':
      return 'Opened the shared workspace.';
    case 'reset':
      return 'Started a new workspace from the default example.';
    case 'restore':
      return `Restored “${name}”.`;
    case 'file':
      return `Opened “${name}”.`;
    case 'import':
      return `Imported “${name}”.`;
    case 'access':
      return `Opened “${name}” from the Access table.`;
  }
}

function replacedNote(reason: ReplaceReason, name: string): string {
  switch (reason) {
    case 'example':
      return `Replaced by the example “${name}”`;
    case 'shared':
      return 'Replaced by a shared link';
    case 'reset':
      return 'Replaced by New';
    case 'restore':
      return `Swapped out for “${name}”`;
    case 'file':
      return `Replaced by the file “${name}”`;
    case 'import':
      return `Replaced by the import “${name}”`;
    case 'access':
      return `Replaced by “${name}” from the Access table`;
  }
}

/** Entries removed by hand, for Undo. Module scope: not part of what the page shows. */
const removedEntries = new Map<string, { entry: HistoryEntry; index: number }>();

export const historyActions: SliceActions<
  | 'replaceWorkspace'
  | 'loadWorkspace'
  | 'restoreHistory'
  | 'restorePrevious'
  | 'removeHistoryEntry'
  | 'unremoveHistoryEntry'
  | 'keepInHistory'
  | 'shrinkSavedHistory'
  | 'mergeStoredHistory'
  | 'keepOtherTabWork'
  | 'setHistoryOpen'
> = (
  set,
  get,
  env,
) => {
  /** Saves the history and says so when some of it no longer fits. */
  const persist = (history: HistoryEntry[], historyDropped = get().historyDropped) => {
    const unsavedBefore = get().history.length - get().historySaved;
    const historySaved = writeHistory(env.storage, history);
    set({ history, historySaved, historyDropped, hasPrevious: history.length > 0 });
    const unsaved = history.length - historySaved;
    if (env.storage && unsaved > unsavedBefore) {
      get().actions.notify({
        tone: 'error',
        text: `The browser’s storage is full: ${unsaved === history.length ? 'the history is' : `the ${unsaved} oldest history entr${unsaved === 1 ? 'y is' : 'ies are'}`} kept only until this page closes. Your current work is saved.`,
        expires: false,
      });
    }
  };

  /** Puts a workspace at the top of the history (an equal entry moves up); returns it and any entry the limit pushed out. */
  const push = (ws: Workspace, name: string, note: string): { entry: HistoryEntry; dropped?: HistoryEntry } => {
    const entry = makeEntry(ws, name, note);
    const rest = get().history.filter((e) => !sameWorkspace(e.workspace, ws));
    const history = [entry, ...rest];
    const dropped = history.length > HISTORY_LIMIT ? history.pop() : undefined;
    persist(history, dropped ? [...get().historyDropped, { name: dropped.name, at: dropped.at }] : get().historyDropped);
    return { entry, dropped };
  };

  const load = (ws: Workspace, workspaceName: string) => {
    set({ ...fromWorkspace(ws), incoming: null, workspaceName });
    get().actions.recompute();
  };

  const droppedText = (dropped?: HistoryEntry) => (dropped ? ` The history keeps ${HISTORY_LIMIT} workspaces: the oldest, “${dropped.name}”, was dropped.` : '');

  return {
    replaceWorkspace(ws, reason, options) {
      const s = get();
      const name = options?.name?.trim() || DEFAULT_NAMES[reason];
      const current = toWorkspace(s);
      // The untouched default is one click away (New): it needs no entry.
      const keep = !isPristine(current) && !sameWorkspace(current, ws);
      const kept = keep ? push(current, s.workspaceName, replacedNote(reason, name)) : undefined;
      load(ws, name);
      get().actions.notify(
        kept
          ? {
              tone: 'info',
              text: `${openedText(reason, name)} Your previous work, “${kept.entry.name}”, is in the history.${droppedText(kept.dropped)}`,
              action: { label: 'Restore it', run: 'restore-history', arg: kept.entry.id },
            }
          : { tone: 'info', text: openedText(reason, name) },
      );
    },
    loadWorkspace(ws, reason) {
      get().actions.replaceWorkspace(ws, reason);
    },
    restoreHistory(id) {
      const s = get();
      const entry = s.history.find((e) => e.id === id);
      if (!entry) {
        s.actions.notify({ tone: 'error', text: 'That workspace is no longer in the history.' });
        return;
      }
      // Swap: the entry leaves the history and the current work takes its place at the top.
      set({ history: s.history.filter((e) => e.id !== id) });
      const current = toWorkspace(s);
      const keep = !isPristine(current) && !sameWorkspace(current, entry.workspace);
      const kept = keep ? push(current, s.workspaceName, replacedNote('restore', entry.name)) : undefined;
      if (!keep) persist(get().history);
      load(entry.workspace, entry.name);
      get().actions.notify(
        kept
          ? {
              tone: 'info',
              text: `Restored “${entry.name}”. The work it replaced, “${kept.entry.name}”, is in the history.${droppedText(kept.dropped)}`,
              action: { label: 'Undo', run: 'restore-history', arg: kept.entry.id },
            }
          : { tone: 'info', text: `Restored “${entry.name}”.` },
      );
    },
    restorePrevious() {
      const newest = get().history[0];
      if (newest) get().actions.restoreHistory(newest.id);
      else get().actions.notify({ tone: 'error', text: 'The history is empty: there is no previous workspace to restore.' });
    },
    removeHistoryEntry(id) {
      const history = get().history;
      const index = history.findIndex((e) => e.id === id);
      if (index < 0) return;
      removedEntries.set(id, { entry: history[index], index });
      persist(history.filter((e) => e.id !== id));
      get().actions.notify({ tone: 'info', text: `Deleted “${history[index].name}” from the history.`, action: { label: 'Undo', run: 'unremove-history', arg: id } });
    },
    unremoveHistoryEntry(id) {
      const r = removedEntries.get(id);
      if (!r) return;
      removedEntries.delete(id);
      const history = get().history.slice();
      history.splice(Math.min(r.index, history.length), 0, r.entry);
      persist(history.slice(0, HISTORY_LIMIT));
    },
    keepInHistory(ws, name, note) {
      return push(ws, name, note).entry;
    },
    shrinkSavedHistory() {
      const { history, historySaved } = get();
      if (historySaved === 0) return false;
      const saved = writeHistory(env.storage, history, Math.floor(historySaved / 2));
      set({ historySaved: saved });
      get().actions.notify({
        tone: 'error',
        text: `The browser’s storage is full: to keep your current work saved, ${history.length - saved} older history entr${history.length - saved === 1 ? 'y is' : 'ies are'} now kept only until this page closes.`,
        expires: false,
      });
      return true;
    },
    mergeStoredHistory() {
      const mine = get().history;
      // Entries another tab kept of this tab's own work stay too: they may be its only saved copy.
      const theirs = readHistory(env.storage).filter((e) => !mine.some((m) => sameWorkspace(m.workspace, e.workspace)));
      if (theirs.length === 0) return;
      // Newest first, as both lists are; one entry per other tab, its latest.
      const merged = [...mine, ...theirs].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      const tabs = new Set<string>();
      const history = merged.filter((e) => !e.tab || (tabs.has(e.tab) ? false : (tabs.add(e.tab), true))).slice(0, HISTORY_LIMIT);
      // Saved again at once: the other tab's write dropped this tab's own entries from the storage.
      persist(history);
    },
    keepOtherTabWork(ws, tab, name) {
      // What the other tabs saved in the history first, whether or not their events came yet.
      get().actions.mergeStoredHistory();
      const existing = get().history.find((e) => e.tab === tab);
      if (existing && sameWorkspace(existing.workspace, ws)) return existing;
      // The same id as the tab's earlier entry: a notice that offers it opens the latest.
      const entry = { ...makeEntry(ws, name, 'Saved in another tab of this browser', new Date(), tab), ...(existing ? { id: existing.id } : {}) };
      const rest = get().history.filter((e) => e.tab !== tab && !sameWorkspace(e.workspace, ws));
      const history = [entry, ...rest];
      const dropped = history.length > HISTORY_LIMIT ? history.pop() : undefined;
      persist(history, dropped ? [...get().historyDropped, { name: dropped.name, at: dropped.at }] : get().historyDropped);
      return entry;
    },
    setHistoryOpen(historyOpen) {
      set({ historyOpen });
    },
  };
};
