import { describe, expect, it } from 'vitest';
import { encodeShareFragment, type Workspace } from '../engine-extras';
import { DEFAULT_WORKSPACE } from '../default-workspace';
import { createAppStore } from './index';
import { initialState, STORAGE_KEYS, writeStoredWorkspace, type StorageLike } from './persistence';
import { toWorkspace } from './workspace';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const mine: Workspace = { ...DEFAULT_WORKSPACE, request: { ...DEFAULT_WORKSPACE.request, action: 'ecr:ListImages' } };
const shared: Workspace = { policies: [{ kind: 'identity', name: 'shared', text: '{"Version":"2012-10-17","Statement":[]}' }], request: DEFAULT_WORKSPACE.request };

describe('where the workspace comes from', () => {
  it('starts from the default example', () => {
    const s = initialState({ hash: '' }, memoryStorage());
    expect(s.source).toBe('default');
    expect(s.workspace).toEqual(DEFAULT_WORKSPACE);
  });

  it('prefers saved work to the default', () => {
    const storage = memoryStorage();
    writeStoredWorkspace(storage, mine);
    expect(initialState({ hash: '' }, storage)).toMatchObject({ source: 'storage', workspace: mine, incoming: null });
  });

  it('opens a share link straight away when there is no work of your own', () => {
    const s = initialState({ hash: '#' + encodeShareFragment(shared) }, memoryStorage());
    expect(s).toMatchObject({ source: 'link', workspace: shared, incoming: null });
  });

  it('holds a share link back when your own work differs', () => {
    const storage = memoryStorage();
    writeStoredWorkspace(storage, mine);
    const s = initialState({ hash: '#' + encodeShareFragment(shared) }, storage);
    expect(s).toMatchObject({ source: 'storage', workspace: mine, incoming: shared });
  });

  it('keeps your work and reports a damaged link', () => {
    const storage = memoryStorage();
    writeStoredWorkspace(storage, mine);
    const s = initialState({ hash: '#v1.AAAA' }, storage);
    expect(s.workspace).toEqual(mine);
    expect(s.shareError).toMatch(/damaged/);
  });

  it('ignores unreadable saved data', () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEYS.workspace, '{not json');
    expect(initialState({ hash: '' }, storage).source).toBe('default');
  });
});

describe('the store', () => {
  it('evaluates on creation and after every edit', () => {
    const store = createAppStore({ location: { hash: '' }, storage: memoryStorage() });
    const s = store.getState();
    expect(s.result?.decision).toBe('Allow');
    expect(s.evalSeq).toBe(1);
    expect(Object.values(s.testOutcomes).every((o) => o.pass)).toBe(true);
    s.actions.setRequest({ action: 'ecr:BatchDeleteImage' });
    expect(store.getState().result?.decision).toBe('ExplicitDeny');
    expect(store.getState().evalSeq).toBe(2);
    const identity = store.getState().policies[0].id;
    store.getState().actions.setPolicyText(identity, '{"Version":"2012-10-17","Statement":[]}');
    expect(store.getState().result?.decision).toBe('ExplicitDeny');
    store.getState().actions.setRequest({ action: 'ecr:PutImage' });
    expect(store.getState().result?.decision).toBe('ImplicitDeny');
  });

  it('names deciding statements by their tabs', () => {
    const store = createAppStore({ location: { hash: '' }, storage: memoryStorage() });
    store.getState().actions.setRequest({ action: 'ecr:BatchDeleteImage' });
    const { result, policies } = store.getState();
    const r = result!.decisiveStatements[0];
    expect(r.policy.id).toBe(policies[1].id);
  });

  it('keeps the last decision, out of date, while a policy is half typed; says when AWS would refuse one', () => {
    const store = createAppStore({ location: { hash: '' }, storage: memoryStorage() });
    const before = store.getState().result!.decision;
    const id = store.getState().policies[0].id;
    const text = store.getState().policies[0].text;
    store.getState().actions.setPolicyText(id, text.slice(0, text.length / 2));
    const half = store.getState();
    expect(half.stale).toMatchObject({ policyId: id });
    expect(half.result!.decision).toBe(before);
    expect(half.accepted).toBe(false);
    // A Principal in an identity policy: AWS refuses it; the decision is computed but not accepted.
    const withPrincipal = text.replace('"Effect"', '"Principal": "*", "Effect"');
    store.getState().actions.setPolicyText(id, withPrincipal);
    const refused = store.getState();
    expect(refused.stale).toBeNull();
    expect(refused.accepted).toBe(false);
    expect(refused.refusals[0]).toMatchObject({ code: 'principal-not-allowed', policy: { id } });
    store.getState().actions.setPolicyText(id, text);
    expect(store.getState().accepted).toBe(true);
  });

  it('keeps replaced work restorable', () => {
    const storage = memoryStorage();
    const store = createAppStore({ location: { hash: '' }, storage });
    store.getState().actions.setRequest({ action: 'ecr:TagResource' });
    store.getState().actions.loadWorkspace(shared, 'example');
    expect(toWorkspace(store.getState()).policies[0].name).toBe('shared');
    expect(store.getState().hasPrevious).toBe(true);
    store.getState().actions.restorePrevious();
    expect(store.getState().request.action).toBe('ecr:TagResource');
    // Restoring swapped: the example is now the previous workspace.
    store.getState().actions.restorePrevious();
    expect(toWorkspace(store.getState()).policies[0].name).toBe('shared');
  });

  it('asks before a shared workspace replaces different work', () => {
    const store = createAppStore({ location: { hash: '' }, storage: memoryStorage() });
    store.getState().actions.setRequest({ action: 'ecr:TagResource' });
    store.getState().actions.receiveShared(shared);
    expect(store.getState().incoming).toEqual(shared);
    expect(store.getState().request.action).toBe('ecr:TagResource');
    store.getState().actions.acceptIncoming();
    expect(store.getState().incoming).toBeNull();
    expect(store.getState().policies[0].name).toBe('shared');
  });

  it('fills the batch table only while it is shown', () => {
    const store = createAppStore({ location: { hash: '' }, storage: memoryStorage() });
    expect(store.getState().batch).toBeNull();
    store.getState().actions.setView('batch');
    const rows = store.getState().batch ?? [];
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.find((r) => r.action === 'ecr:PutImage')?.decision).toBe('Allow');
    expect(rows.find((r) => r.action === 'ecr:GetAuthorizationToken')?.resource).toBe('*');
  });
});
