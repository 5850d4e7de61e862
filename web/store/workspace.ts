// Converting between the shareable Workspace and the store's tabs and tests (which carry local ids).
import { checkWorkspace, type Workspace } from '../engine-extras';
import type { PolicyTab, TestCase, WorkspaceState } from './types';

let nextId = 1;
export function newId(prefix: string): string {
  return `${prefix}${nextId++}`;
}

export function fromWorkspace(ws: Workspace): WorkspaceState {
  const policies: PolicyTab[] = ws.policies.map((p) => ({ id: newId('p'), kind: p.kind, name: p.name, text: p.text }));
  const tests: TestCase[] = (ws.tests ?? []).map((t) => ({ id: newId('t'), name: t.name, request: t.request, expect: t.expect }));
  const active = policies[ws.activePolicy ?? 0] ?? policies[0];
  return { policies, tests, request: ws.request, activeId: active?.id ?? '' };
}

export function toWorkspace(s: WorkspaceState): Workspace {
  const ws: Workspace = {
    policies: s.policies.map((p) => ({ kind: p.kind, name: p.name, text: p.text })),
    request: s.request,
  };
  if (s.tests.length) ws.tests = s.tests.map((t) => ({ name: t.name, request: t.request, expect: t.expect }));
  const active = s.policies.findIndex((p) => p.id === s.activeId);
  if (active > 0) ws.activePolicy = active;
  return ws;
}

/** Same policies, request and tests (the open tab does not count). */
export function sameWorkspace(a: Workspace, b: Workspace): boolean {
  return canonical(a) === canonical(b);
}

function canonical(w: Workspace): string {
  const r = checkWorkspace({ policies: w.policies, request: w.request, ...(w.tests?.length ? { tests: w.tests } : {}) });
  return JSON.stringify(r.ok ? r.value : w);
}
