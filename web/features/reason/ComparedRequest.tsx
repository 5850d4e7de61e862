// A difference opened from a comparison: beside the simulator's decision, the compared
// request's decision and trace in each version. Shown while the simulator's request is the
// compared one; computed here (one request, two workspaces: no worker needed).
import { useMemo } from 'react';
import { analyzeWorkspace, type SimulationResult, type Workspace } from '../../../engine';
import { useApp } from '../../store';
import { setCompared, useReason } from './store';
import { DecisionChip } from './ui';

function decide(ws: Workspace, request: Workspace['request']): SimulationResult {
  return analyzeWorkspace({ policies: ws.policies.map((p, i) => ({ id: `v${i}`, kind: p.kind, name: p.name, text: p.text })), request, tests: [] }).result;
}

function Side({ side, label, result }: { side: 'before' | 'after'; label: string; result: SimulationResult }) {
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1 rounded border border-(--border) bg-(--raised) p-2" data-testid="compared-side" data-side={side} data-decision={result.decision}>
      <div className="flex items-center gap-1.5 text-xs">
        <span className="font-semibold">{side === 'before' ? 'Before' : 'After'}</span>
        <DecisionChip decision={result.decision} />
      </div>
      <p className="truncate text-xs text-(--muted)" title={label}>
        {label}
      </p>
      <p className="text-xs">
        {result.decisiveStatements.length
          ? `Decided by ${result.decisiveStatements.map((r) => `${r.sid ?? `statement ${r.statementIndex + 1}`} in ${r.policy.name}`).join(', ')}.`
          : (result.steps.find((s) => s.stage === result.decidingStage)?.summary ?? result.message)}
      </p>
      <details className="text-xs" data-testid="compared-trace">
        <summary className="cursor-pointer text-(--muted)">Trace</summary>
        <ul className="mt-1 flex flex-col gap-0.5">
          {result.policies.flatMap((p) =>
            p.statements.map((st) => (
              <li key={`${p.ref.id}:${st.ref.statementIndex}`} data-testid="compared-statement" data-applies={String(st.applies)}>
                <span aria-hidden>{st.applies ? '✓' : '✗'}</span> {p.ref.name} › {st.ref.sid ?? `statement ${st.ref.statementIndex + 1}`} ({st.ref.effect}):{' '}
                {st.applies ? 'applies' : ([st.action, st.resource, st.principal].find((e) => !e.matched && !e.notEvaluated)?.reason ?? st.conditions.find((c) => !c.matched)?.reason ?? 'does not apply')}
              </li>
            )),
          )}
          {result.policies.every((p) => p.statements.length === 0) && <li>No statements.</li>}
        </ul>
      </details>
    </div>
  );
}

export function ComparedRequest() {
  const compared = useReason((s) => s.compared);
  const request = useApp((s) => s.request);
  const sides = useMemo(() => (compared ? { before: decide(compared.before, compared.request), after: decide(compared.after, compared.request) } : null), [compared]);
  if (!compared || !sides || JSON.stringify(request) !== JSON.stringify(compared.request)) return null;
  return (
    <section className="mx-3 my-2 flex flex-col gap-1 rounded border border-(--accent) p-2" aria-label="Compared request" data-testid="compared">
      <div className="flex items-center gap-2 text-xs">
        <span className="font-semibold">This request in both compared versions</span>
        <button type="button" className="btn btn-sm ml-auto" data-testid="compared-close" aria-label="Close the comparison of this request" onClick={() => setCompared(null)}>
          ✕
        </button>
      </div>
      <div className="flex flex-wrap gap-2">
        <Side side="before" label={compared.beforeLabel} result={sides.before} />
        <Side side="after" label={compared.afterLabel} result={sides.after} />
      </div>
    </section>
  );
}
