import type { Example, Workspace } from '../../engine-extras';

/** An example as a workspace: its policies, its first case as the request, its cases as policy tests. */
export function exampleWorkspace(e: Example): Workspace {
  return {
    policies: e.policies.map((p) => ({ kind: p.kind, name: p.name, text: p.text })),
    request: e.cases[0].request,
    tests: e.cases.map((c) => ({ name: c.name, request: c.request, expect: c.expect })),
  };
}
