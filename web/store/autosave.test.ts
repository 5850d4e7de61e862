import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment, type Workspace } from '../engine-extras';
import { DEFAULT_WORKSPACE } from '../default-workspace';
import { connectPersistence } from './autosave';
import { readHistory } from './history';
import { createAppStore } from './index';
import { readStoredWorkspace, STORAGE_KEYS, writeStoredWorkspace, type StorageLike } from './persistence';
import { sameWorkspace, toWorkspace } from './workspace';

/** localStorage shared by the "tabs" of a test; `full` makes every write of the workspace fail as a full quota does. */
function sharedStorage() {
  const data = new Map<string, string>();
  const state = { full: false, tabs: [] as FakeWindow[], queue: [] as (() => void)[] };
  const storage: StorageLike = {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (state.full && k !== STORAGE_KEYS.prefs) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(k, v);
      // As browsers do: every other tab hears of the change, later (deliver()).
      for (const w of state.tabs) if (w.writing !== true) state.queue.push(() => w.fire('storage', { key: k, newValue: v }));
    },
    removeItem: (k) => void data.delete(k),
  };
  /** Delivers the storage events, and those they cause; tabs that answered each other forever would fail here. */
  const deliver = () => {
    for (let i = 0; state.queue.length > 0; i++) {
      if (i > 100) throw new Error('the tabs keep answering each other');
      state.queue.shift()!();
    }
  };
  return { storage, state, data, deliver };
}

class FakeWindow {
  listeners = new Map<string, ((e: unknown) => void)[]>();
  writing = false;
  location = { hash: '', pathname: '/policy-sim/', search: '' } as Location;
  history = {
    state: null,
    replaceState: (_s: unknown, _t: string, url: string) => {
      const i = url.indexOf('#');
      this.location.hash = i < 0 ? '' : url.slice(i);
    },
  } as unknown as History;
  addEventListener(type: string, fn: (e: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  removeEventListener(type: string, fn: (e: unknown) => void) {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((f) => f !== fn));
  }
  fire(type: string, e: unknown) {
    for (const f of this.listeners.get(type) ?? []) f(e);
  }
}

/** One tab: its store and its persistence, on the shared storage; its own writes do not reach its own listeners. */
function openTab(shared: ReturnType<typeof sharedStorage>, hash = '') {
  const win = new FakeWindow();
  win.location.hash = hash;
  const storage: StorageLike = {
    getItem: (k) => shared.storage.getItem(k),
    setItem: (k, v) => {
      win.writing = true;
      try {
        shared.storage.setItem(k, v);
      } finally {
        win.writing = false;
      }
    },
    removeItem: (k) => shared.storage.removeItem(k),
  };
  const store = createAppStore({ location: win.location, storage });
  shared.state.tabs.push(win);
  const stop = connectPersistence(store, { storage, window: win as unknown as Window, delayMs: 0 });
  return { store, win, stop, actions: () => store.getState().actions };
}

const mine: Workspace = { ...DEFAULT_WORKSPACE, request: { ...DEFAULT_WORKSPACE.request, action: 'ecr:ListImages' } };

describe('autosave', () => {
  it('says once when the browser refuses a save, offers the download, and keeps the work in the address bar until a save works', () => {
    const shared = sharedStorage();
    const tab = openTab(shared);
    shared.state.full = true;
    tab.actions().setRequest({ action: 'ecr:TagResource' });
    tab.stop(); // flushes the pending save
    const errors = tab.store.getState().notices.filter((n) => n.tone === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].text).toMatch(/full.*Download the workspace as a file, or free space/);
    expect(errors[0].action).toMatchObject({ run: 'download-workspace' });
    expect(errors[0].expires).toBe(false);
    // The work is in the address bar: a reload opens it.
    const link = decodeShareFragment(tab.win.location.hash.slice(1));
    expect(link.ok && link.workspace.request.action).toBe('ecr:TagResource');
    expect(readStoredWorkspace(shared.storage)).toBeNull();

    // A second failure does not say it again; a save that works says so and clears the address bar.
    const again = openTab(shared);
    again.actions().setRequest({ action: 'ecr:DescribeImages' });
    again.actions().setRequest({ action: 'ecr:DescribeImageScanFindings' });
    again.stop();
    again.actions().setRequest({ action: 'ecr:ListTagsForResource' });
    expect(again.store.getState().notices.filter((n) => n.tone === 'error')).toHaveLength(1);
  });

  it('a save that works again says so and the address bar is clean', () => {
    const shared = sharedStorage();
    const win = new FakeWindow();
    const store = createAppStore({ location: win.location, storage: shared.storage });
    const stop = connectPersistence(store, { storage: shared.storage, window: win as unknown as Window, delayMs: 60_000 });
    shared.state.full = true;
    store.getState().actions.setRequest({ action: 'ecr:TagResource' });
    win.fire('pagehide', {});
    expect(win.location.hash).not.toBe('');
    shared.state.full = false;
    store.getState().actions.setRequest({ action: 'ecr:UntagResource' });
    win.fire('pagehide', {});
    expect(readStoredWorkspace(shared.storage)?.request.action).toBe('ecr:UntagResource');
    expect(win.location.hash).toBe('');
    expect(store.getState().notices[0].text).toBe('Your work is saved in this browser again.');
    stop();
  });

  it('a shared workspace too big to store keeps its link in the address bar', () => {
    const shared = sharedStorage();
    shared.state.full = true;
    const hash = '#' + encodeShareFragment(mine);
    const tab = openTab(shared, hash);
    expect(tab.store.getState().request.action).toBe('ecr:ListImages');
    expect(tab.win.location.hash).not.toBe('');
    const kept = decodeShareFragment(tab.win.location.hash.slice(1));
    expect(kept.ok && sameWorkspace(kept.workspace, mine)).toBe(true);
    // One edit: the address bar follows the work, so a reload loses neither.
    tab.actions().setRequest({ action: 'ecr:PutImage' });
    tab.stop();
    const edited = decodeShareFragment(tab.win.location.hash.slice(1));
    expect(edited.ok && edited.workspace.request.action).toBe('ecr:PutImage');
  });

  it('two tabs: neither overwrites the other unseen; each keeps the other’s work in the history and offers it', () => {
    const shared = sharedStorage();
    const a = openTab(shared);
    const b = openTab(shared);
    a.actions().setRequest({ action: 'ecr:TagResource' });
    a.stop();
    shared.deliver();
    // B heard of A's save: A's work is in B's history and a notice offers it.
    const offered = b.store.getState().notices.find((n) => n.text.startsWith('Another tab'));
    expect(offered?.action).toMatchObject({ run: 'restore-history' });
    expect(b.store.getState().history.some((e) => e.workspace.request.action === 'ecr:TagResource')).toBe(true);
    // B saves its own work over A's: A's work stays in the saved history.
    b.actions().setRequest({ action: 'ecr:UntagResource' });
    b.stop();
    shared.deliver();
    expect(readStoredWorkspace(shared.storage)?.request.action).toBe('ecr:UntagResource');
    expect(readHistory(shared.storage).some((e) => e.workspace.request.action === 'ecr:TagResource')).toBe(true);
    // Opening it from the notice swaps: B's work goes into the history in its place.
    b.actions().restoreHistory(offered!.action!.arg!);
    expect(b.store.getState().request.action).toBe('ecr:TagResource');
    expect(b.store.getState().history.some((e) => e.workspace.request.action === 'ecr:UntagResource')).toBe(true);
  });

  it('a tab that missed the event still keeps the other tab’s work before saving over it, once per tab', () => {
    const shared = sharedStorage();
    const b = openTab(shared);
    shared.state.tabs.length = 0; // B hears nothing from now on
    writeStoredWorkspace(shared.storage, { ...mine, request: { ...mine.request, action: 'ecr:TagResource' } });
    b.actions().setRequest({ action: 'ecr:UntagResource' });
    writeStoredWorkspace(shared.storage, { ...mine, request: { ...mine.request, action: 'ecr:DescribeImages' } });
    b.actions().setRequest({ action: 'ecr:ListTagsForResource' });
    b.stop();
    const history = b.store.getState().history.map((e) => e.workspace.request.action);
    expect(history).toContain('ecr:DescribeImages');
    expect(readStoredWorkspace(shared.storage)?.request.action).toBe('ecr:ListTagsForResource');
    expect(readHistory(shared.storage).some((e) => e.workspace.request.action === 'ecr:DescribeImages')).toBe(true);
  });

  it('history entries another tab saved join this tab’s history before it saves its own', () => {
    const shared = sharedStorage();
    const a = openTab(shared);
    const b = openTab(shared);
    a.actions().setRequest({ action: 'ecr:TagResource' });
    a.actions().replaceWorkspace(mine, 'file', { name: 'from a' });
    shared.deliver();
    b.actions().setRequest({ action: 'ecr:UntagResource' });
    b.actions().replaceWorkspace({ ...mine, request: { ...mine.request, action: 'ecr:DescribeImages' } }, 'file', { name: 'from b' });
    shared.deliver();
    a.stop();
    b.stop();
    shared.deliver();
    const saved = readHistory(shared.storage).map((e) => e.workspace.request.action);
    expect(saved).toContain('ecr:TagResource');
    expect(saved).toContain('ecr:UntagResource');
    expect(toWorkspace(b.store.getState()).request.action).toBe('ecr:DescribeImages');
  });
});

/** A workspace whose link is longer than a page decodes before its first paint (random Sids do not compress). */
function longLinkWorkspace(): Workspace {
  let seed = 7;
  const hex = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0).toString(16).padStart(8, '0');
  };
  const statements = Array.from({ length: 3_500 }, () => ({ Sid: `S${hex()}${hex()}${hex()}`, Effect: 'Allow', Action: 'ecr:ListImages', Resource: '*' }));
  return { ...mine, policies: [{ kind: 'identity', name: 'long', text: JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) }] };
}

describe('a long link that opens the page', () => {
  it('is decoded after the first paint, not before: the page opens with the saved work, then the link replaces untouched work', () => {
    const ws = longLinkWorkspace();
    const hash = '#' + encodeShareFragment(ws);
    expect(hash.length).toBeGreaterThan(64_000);
    const shared = sharedStorage();
    const win = new FakeWindow();
    win.location.hash = hash;
    const store = createAppStore({ location: win.location, storage: shared.storage });
    // Before persistence connects (the page's first paint): the default, and the link waiting.
    expect(store.getState().openingLink).toBe(true);
    expect(sameWorkspace(toWorkspace(store.getState()), DEFAULT_WORKSPACE)).toBe(true);
    expect(win.location.hash).toBe(hash);
    const stop = connectPersistence(store, { storage: shared.storage, window: win as unknown as Window, delayMs: 0 });
    stop(); // flushes the save the new workspace asks for
    expect(store.getState().openingLink).toBe(false);
    expect(sameWorkspace(toWorkspace(store.getState()), ws)).toBe(true);
    expect(sameWorkspace(readStoredWorkspace(shared.storage)!, ws)).toBe(true);
    // Saved: the link has done its work.
    expect(win.location.hash).toBe('');
  });

  /** A page opened by `hash` over saved work of one's own, with persistence connected (its first paint done). */
  function openOverMine(hash: string) {
    const shared = sharedStorage();
    writeStoredWorkspace(shared.storage, mine);
    const win = new FakeWindow();
    win.location.hash = hash;
    const store = createAppStore({ location: win.location, storage: shared.storage });
    const stop = connectPersistence(store, { storage: shared.storage, window: win as unknown as Window, delayMs: 0 });
    return { store, win, stop };
  }

  it('waits for a choice when the saved work differs, and keeps the link until then', () => {
    const ws = longLinkWorkspace();
    const hash = '#' + encodeShareFragment(ws);
    const { store, win, stop } = openOverMine(hash);
    expect(store.getState().openingLink).toBe(false);
    expect(sameWorkspace(store.getState().incoming!, ws)).toBe(true);
    expect(sameWorkspace(toWorkspace(store.getState()), mine)).toBe(true);
    expect(win.location.hash).toBe(hash);
    stop();
  });

  it('a damaged long link is reported, and the work stays', () => {
    const { store, stop } = openOverMine('#' + encodeShareFragment(longLinkWorkspace()).slice(0, -40) + 'A'.repeat(40));
    expect(store.getState().openingLink).toBe(false);
    expect(store.getState().shareError).not.toBeNull();
    expect(sameWorkspace(toWorkspace(store.getState()), mine)).toBe(true);
    stop();
  });
});
