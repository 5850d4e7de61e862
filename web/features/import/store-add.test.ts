// The store's two ways in for an import: a new workspace (loadWorkspace 'import') and addToWorkspace.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../store';
import type { StorageLike } from '../../store/persistence';
import { toWorkspace } from '../../store/workspace';

function memoryStorage(): StorageLike {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const repo = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"ecr:PutImage"}]}';

describe('importing into the store', () => {
  it('adds tabs, tests and the request in one evaluation, keeping the workspace before', () => {
    const store = createAppStore({ location: { hash: '' }, storage: memoryStorage() });
    store.getState().actions.setRequest({ action: 'ecr:TagResource' });
    const before = toWorkspace(store.getState());
    const seq = store.getState().evalSeq;
    const request = { ...before.request, action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111111111111:repository/prod/api' };
    store.getState().actions.addToWorkspace(
      { policies: [{ kind: 'scp', name: 'deny push', text: repo.replace('"Principal":"*",', '"Resource":"*",') }], request, tests: [{ name: 'push', request, expect: 'ExplicitDeny' }] },
      'Added 1 policy and 1 test from the import.',
    );
    const s = store.getState();
    expect(s.evalSeq).toBe(seq + 1);
    expect(s.policies.length).toBe(before.policies.length + 1);
    expect(s.policies.find((p) => p.id === s.activeId)?.name).toBe('deny push');
    expect(s.request.resource).toBe(request.resource);
    expect(s.result?.decision).toBe('ExplicitDeny');
    expect(s.tests.at(-1)).toMatchObject({ name: 'push', expect: 'ExplicitDeny' });
    expect(Object.values(s.testOutcomes).at(-1)).toEqual({ actual: 'ExplicitDeny', pass: true });
    expect(s.notices[0].text).toBe('Added 1 policy and 1 test from the import. The workspace as it was is in the history.');
    s.actions.restorePrevious();
    expect(toWorkspace(store.getState()).policies).toEqual(before.policies);
  });

  it('a new workspace from an import keeps the one before', () => {
    const store = createAppStore({ location: { hash: '' }, storage: memoryStorage() });
    store.getState().actions.setRequest({ action: 'ecr:TagResource' });
    store.getState().actions.loadWorkspace({ policies: [{ kind: 'resource', name: 'prod/api repository policy', text: repo }], request: store.getState().request }, 'import');
    expect(store.getState().notices[0].text).toBe("Imported “Imported from AWS”. Your previous work, “CI pushes to its team's repositories”, is in the history.");
    expect(store.getState().hasPrevious).toBe(true);
  });
});
