import { describe, expect, it } from 'vitest';
import { getExamples, type Workspace } from '../engine-extras';
import { DEFAULT_WORKSPACE } from '../default-workspace';
import { connectPersistence } from './autosave';
import { HISTORY_LIMIT, readHistory, workspaceSummary } from './history';
import { createAppStore } from './index';
import { readStoredWorkspace, STORAGE_KEYS, writeStoredWorkspace, type StorageLike } from './persistence';
import { toWorkspace } from './workspace';

function memoryStorage(quota = Infinity): StorageLike & { data: Map<string, string>; used(): number } {
  const data = new Map<string, string>();
  const used = () => [...data].reduce((a, [k, v]) => a + k.length + v.length, 0);
  return {
    data,
    used,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      const after = used() - (data.get(k)?.length ?? 0) + (data.has(k) ? 0 : k.length) + v.length;
      if (after > quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
}

const policy = (name: string, text = '{"Version":"2012-10-17","Statement":[]}') => ({ kind: 'identity' as const, name, text });
const ws = (name: string, action = 'ecr:PutImage'): Workspace => ({ policies: [policy(name)], request: { ...DEFAULT_WORKSPACE.request, action } });

function storeWith(storage: StorageLike) {
  return createAppStore({ location: { hash: '' }, storage });
}

describe('the workspace history', () => {
  it('keeps every replaced workspace, newest first, with a name, a time and a summary', () => {
    const store = storeWith(memoryStorage());
    const a = store.getState().actions;
    a.setRequest({ action: 'ecr:TagResource' });
    a.replaceWorkspace(ws('one'), 'example', { name: 'Example one' });
    a.replaceWorkspace(ws('two'), 'example', { name: 'Example two' });
    const h = store.getState().history;
    expect(h.map((e) => e.name)).toEqual(['Example one', getExamples()[0].title]);
    expect(h[1].workspace.request.action).toBe('ecr:TagResource');
    expect(h[0].note).toBe('Replaced by the example “Example two”');
    expect(h[0].summary).toBe('1 policy · ecr:PutImage on web · 0 tests');
    expect(Date.parse(h[0].at)).not.toBeNaN();
    // Both notices point at their own entry: the second does not lose the first.
    const [second, first] = store.getState().notices;
    expect(first.action).toMatchObject({ run: 'restore-history', arg: h[1].id });
    expect(second.action).toMatchObject({ run: 'restore-history', arg: h[0].id });
  });

  it('does not keep the untouched default', () => {
    const store = storeWith(memoryStorage());
    store.getState().actions.replaceWorkspace(ws('one'), 'example');
    expect(store.getState().history).toEqual([]);
    expect(store.getState().hasPrevious).toBe(false);
  });

  it('restores an entry by swapping it with the current work', () => {
    const store = storeWith(memoryStorage());
    const a = store.getState().actions;
    a.setRequest({ action: 'ecr:TagResource' });
    a.replaceWorkspace(ws('one'), 'example', { name: 'Example one' });
    a.replaceWorkspace(ws('two'), 'example', { name: 'Example two' });
    const mine = store.getState().history[1];
    a.restoreHistory(mine.id);
    expect(store.getState().request.action).toBe('ecr:TagResource');
    // The entry left the history; the work it replaced took its place at the top.
    const names = store.getState().history.map((e) => e.name);
    expect(names).toEqual(['Example two', 'Example one']);
    expect(store.getState().history.some((e) => e.id === mine.id)).toBe(false);
    // Undo from the notice goes back.
    const undo = store.getState().notices[0].action!;
    expect(undo.run).toBe('restore-history');
    a.restoreHistory(undo.arg!);
    expect(store.getState().policies[0].name).toBe('two');
  });

  it('restorePrevious restores the newest entry', () => {
    const store = storeWith(memoryStorage());
    const a = store.getState().actions;
    a.setRequest({ action: 'ecr:TagResource' });
    a.replaceWorkspace(ws('one'), 'reset');
    a.restorePrevious();
    expect(store.getState().request.action).toBe('ecr:TagResource');
    a.restorePrevious();
    expect(store.getState().policies[0].name).toBe('one');
  });

  it('is bounded, and says which entry the bound dropped', () => {
    const store = storeWith(memoryStorage());
    const a = store.getState().actions;
    for (let i = 0; i < HISTORY_LIMIT + 3; i++) a.replaceWorkspace(ws(`w${i}`, `ecr:Action${i}`), 'file', { name: `file ${i}` });
    const s = store.getState();
    expect(s.history).toHaveLength(HISTORY_LIMIT);
    expect(s.history[0].name).toBe(`file ${HISTORY_LIMIT + 1}`);
    // w0 was replaced first (after the pristine default, which is not kept), w1 next: both dropped, and said so.
    expect(s.historyDropped.map((d) => d.name)).toEqual(['file 0', 'file 1']);
    expect(s.notices[0].text).toContain('was dropped');
  });

  it('an equal workspace moves up instead of repeating', () => {
    const store = storeWith(memoryStorage());
    const a = store.getState().actions;
    a.replaceWorkspace(ws('one'), 'file');
    a.replaceWorkspace(ws('two'), 'file');
    a.replaceWorkspace(ws('one'), 'file');
    a.replaceWorkspace(ws('three'), 'file');
    expect(store.getState().history.map((e) => e.workspace.policies[0].name)).toEqual(['one', 'two']);
  });

  it('is saved in the browser and read back by the next page', () => {
    const storage = memoryStorage();
    const store = storeWith(storage);
    const a = store.getState().actions;
    a.setRequest({ action: 'ecr:TagResource' });
    a.replaceWorkspace(ws('one'), 'example', { name: 'Example one' });
    expect(store.getState().historySaved).toBe(1);
    const next = storeWith(storage);
    expect(next.getState().history).toHaveLength(1);
    expect(next.getState().history[0].workspace.request.action).toBe('ecr:TagResource');
    expect(next.getState().hasPrevious).toBe(true);
  });

  it('ignores damaged saved history', () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEYS.history, '{"version":1,"entries":[{"name":"x"}, 5, null]}');
    expect(readHistory(storage)).toEqual([]);
    storage.setItem(STORAGE_KEYS.history, 'not json');
    expect(storeWith(storage).getState().history).toEqual([]);
  });

  it('takes in the single previous workspace of earlier versions', () => {
    const storage = memoryStorage();
    writeStoredWorkspace(storage, ws('old'), STORAGE_KEYS.previous);
    const store = storeWith(storage);
    expect(store.getState().history.map((e) => e.name)).toEqual(['Previous workspace']);
    expect(storage.getItem(STORAGE_KEYS.previous)).toBeNull();
  });

  it('on a full storage saves fewer entries, says so, and keeps them all in the page', () => {
    const big = (n: number) => ({ policies: [policy(`big${n}`, JSON.stringify({ Version: '2012-10-17', Statement: [], pad: 'x'.repeat(3000) }))], request: DEFAULT_WORKSPACE.request });
    const storage = memoryStorage(12_000);
    const store = storeWith(storage);
    const a = store.getState().actions;
    for (let i = 0; i < 6; i++) a.replaceWorkspace(big(i), 'file');
    const s = store.getState();
    expect(s.history).toHaveLength(5);
    expect(s.historySaved).toBeGreaterThan(0);
    expect(s.historySaved).toBeLessThan(5);
    expect(readHistory(storage)).toHaveLength(s.historySaved);
    expect(s.notices.some((n) => n.tone === 'error' && /storage is full/.test(n.text))).toBe(true);
  });

  it('never loses the current work to the history: a quota error on the work makes history give room', () => {
    const storage = memoryStorage(30_000);
    const store = storeWith(storage);
    const pad = (n: number) => JSON.stringify({ Version: '2012-10-17', Statement: [], pad: 'y'.repeat(n) });
    const a = store.getState().actions;
    for (let i = 0; i < 5; i++) a.replaceWorkspace({ policies: [policy(`h${i}`, pad(4000))], request: DEFAULT_WORKSPACE.request }, 'file');
    expect(store.getState().historySaved).toBe(4);
    const stop = connectPersistence(store, { storage, window: { addEventListener() {}, removeEventListener() {}, location: { hash: '' } as Location, history: {} as History }, delayMs: 0 });
    // Now the work itself grows past what is left.
    a.setPolicyText(store.getState().policies[0].id, pad(15_000));
    stop(); // flushes the pending save
    expect(readStoredWorkspace(storage)?.policies[0].text).toBe(pad(15_000));
    expect(store.getState().historySaved).toBeLessThan(4);
    expect(store.getState().history).toHaveLength(4);
  });

  it('deleting an entry can be undone', () => {
    const store = storeWith(memoryStorage());
    const a = store.getState().actions;
    a.replaceWorkspace(ws('one'), 'file');
    a.replaceWorkspace(ws('two'), 'file');
    const id = store.getState().history[0].id;
    a.removeHistoryEntry(id);
    expect(store.getState().history).toHaveLength(0);
    expect(store.getState().notices[0].action).toMatchObject({ run: 'unremove-history', arg: id });
    a.unremoveHistoryEntry(id);
    expect(store.getState().history.map((e) => e.id)).toEqual([id]);
  });

  it('a shared link set aside goes into the history', () => {
    const store = storeWith(memoryStorage());
    const a = store.getState().actions;
    a.setRequest({ action: 'ecr:TagResource' });
    a.receiveShared(ws('shared'));
    a.dismissIncoming();
    expect(toWorkspace(store.getState()).request.action).toBe('ecr:TagResource');
    expect(store.getState().history[0]).toMatchObject({ name: 'Shared workspace', note: 'A shared link you did not open' });
  });

  it('summarises a workspace in one line', () => {
    expect(workspaceSummary({ ...ws('a'), tests: [{ name: 't', request: ws('a').request, expect: 'Allow' }] })).toBe('1 policy · ecr:PutImage on web · 1 test');
    expect(workspaceSummary({ policies: [], request: { principal: '', action: '', resource: '*' } })).toBe('0 policies · 0 tests');
  });
});
