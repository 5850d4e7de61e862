// Edge cases: the requests on the edges of the policies' own conditions and patterns, each
// with its decision and why; one click adds it as a test (expecting today's decision), or all at once.
import type { EdgeCase } from '../../../engine';
import { appStore, useActions, useApp } from '../../store';
import { newId } from '../../store/workspace';
import { useReason } from './store';
import { DecisionChip, JobStatusLine, RequestLine } from './ui';
import { useAutoRun } from './useAutoRun';

const sameRequest = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Adds edge cases as tests, each expecting the decision it gets now; ones already tested are skipped. */
export function addEdgeTests(cases: EdgeCase[]): number {
  const s = appStore().getState();
  const fresh = cases.filter((c) => !s.tests.some((t) => sameRequest(t.request, c.request)));
  if (!fresh.length) return 0;
  appStore().setState({ tests: [...s.tests, ...fresh.map((c) => ({ id: newId('t'), name: c.name, request: c.request, expect: c.decision }))] });
  s.actions.recompute();
  return fresh.length;
}

export function EdgeCasesPanel() {
  const job = useReason((s) => s.jobs.edges);
  const tests = useApp((s) => s.tests);
  const actions = useActions();
  useAutoRun('edges');
  const cases = job.result ?? [];
  const tested = (c: EdgeCase) => tests.some((t) => sameRequest(t.request, c.request));
  const untested = cases.filter((c) => !tested(c));
  return (
    <div className="flex flex-col gap-2" data-testid="edge-cases">
      <p className="text-xs text-(--muted)">Requests on the edges of the policies' conditions and patterns: a key missing, an empty set, another case, a bound, another account.</p>
      <JobStatusLine kind="edges" job={job} what="the edge cases" />
      {job.result && (
        <div className={`flex flex-col gap-2 ${job.status === 'running' ? 'opacity-60' : ''}`}>
          <div className="flex items-center gap-2">
            <span className="text-sm" data-testid="edge-count" data-count={cases.length}>
              {cases.length ? `${cases.length} edge case${cases.length === 1 ? '' : 's'}, ${untested.length} not yet a test.` : 'No edge cases: the policies read no condition key or pattern with an edge.'}
            </span>
            {untested.length > 0 && (
              <button
                type="button"
                className="btn btn-sm ml-auto"
                data-testid="edge-add-all"
                onClick={() => {
                  const n = addEdgeTests(untested);
                  actions.notify({ tone: 'info', text: `Added ${n} edge case${n === 1 ? '' : 's'} as tests, each expecting the decision it gets now.` });
                }}
              >
                Add all as tests
              </button>
            )}
          </div>
          <ul className="flex flex-col gap-1">
            {cases.map((c, i) => {
              const done = tested(c);
              return (
                <li key={i} className="flex flex-col gap-1 rounded border border-(--border) p-2" data-testid="edge-case" data-kind={c.kind} data-decision={c.decision} data-tested={String(done)}>
                  <div className="flex items-center gap-1.5">
                    <DecisionChip decision={c.decision} />
                    <span className="min-w-0 flex-1 truncate text-sm font-medium" title={c.name}>
                      {c.name}
                    </span>
                    <button type="button" className="btn btn-sm" data-testid="edge-open" onClick={() => actions.openRequest(c.request)}>
                      Open
                    </button>
                    <button type="button" className="btn btn-sm" data-testid="edge-add" disabled={done} onClick={() => addEdgeTests([c])} title="Add as a test that expects this decision">
                      {done ? '✓ Test' : 'Add as test'}
                    </button>
                  </div>
                  <p className="text-xs" data-testid="edge-why">
                    {c.why}
                  </p>
                  <RequestLine request={c.request} />
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
