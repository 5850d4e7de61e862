// Policy tests: saved requests with the decision each should get, run on every edit.
import { useShallow } from 'zustand/react/shallow';
import { parseArn, type Decision } from '../../../engine';
import { useActions, useApp } from '../../store';
import { DECISION_TEXT } from '../result/DecisionBanner';

const DECISIONS: Decision[] = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];

/** `assumed-role/ci/build-1 (111122223333)` from an ARN: the part people read; anything else as it is. */
function arnTail(arn: string): string {
  const parts = parseArn(arn);
  if (!parts) return arn || '(none)';
  return `${parts.resource}${parts.account ? ` (${parts.account})` : ''}`;
}

export function TestsPanel() {
  const { tests, outcomes } = useApp(useShallow((s) => ({ tests: s.tests, outcomes: s.testOutcomes })));
  const actions = useActions();
  const passing = tests.filter((t) => outcomes[t.id]?.pass).length;
  return (
    <div className="flex flex-col gap-2 p-3" data-testid="tests">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" data-testid="save-test" onClick={actions.addTestFromRequest} className="btn">
          Save current request as test
        </button>
        <span className={`text-sm ${passing === tests.length ? 'badge-Allow' : 'badge-ExplicitDeny'}`} data-testid="tests-summary">
          {tests.length === 0 ? 'No tests yet.' : `${passing} of ${tests.length} passing`}
        </span>
      </div>
      <ul className="flex flex-col gap-1">
        {tests.map((t) => {
          const o = outcomes[t.id];
          return (
            <li
              key={t.id}
              data-testid="test-row"
              data-status={o?.pass ? 'pass' : 'fail'}
              data-expect={t.expect}
              data-actual={o?.actual ?? ''}
              className={`flex flex-col gap-1 rounded border p-2 text-sm ${o?.pass ? 'border-(--border)' : 'border-(--deny-border)'}`}
            >
              <div className="flex items-center gap-2">
                <span aria-label={o?.pass ? 'pass' : 'fail'} className={o?.pass ? 'badge-Allow' : 'badge-ExplicitDeny'}>
                  {o?.pass ? '✓' : '✗'}
                </span>
                <input
                  aria-label="Test name"
                  data-testid="test-name"
                  value={t.name}
                  onChange={(e) => actions.updateTest(t.id, { name: e.currentTarget.value })}
                  className="min-w-0 flex-1 rounded border border-transparent bg-transparent px-1 hover:border-(--border)"
                />
                <button type="button" data-testid="test-open" onClick={() => actions.openRequest(t.request)} className="btn btn-sm">
                  Open
                </button>
                <button type="button" data-testid="test-remove" aria-label={`Remove test ${t.name}`} onClick={() => actions.removeTest(t.id)} className="btn btn-sm">
                  ✕
                </button>
              </div>
              <div className="flex flex-wrap items-center gap-2 text-xs">
                <span className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-0.5">
                  <span className="text-(--muted)">who</span>
                  <code className="break-all" data-testid="test-principal" title={t.request.principal}>
                    {arnTail(t.request.principal)}
                  </code>
                  <span className="text-(--muted)">does</span>
                  <code className="break-all" data-testid="test-action">
                    {t.request.action}
                  </code>
                  <span className="text-(--muted)">on</span>
                  <code className="break-all" data-testid="test-resource" title={t.request.resource}>
                    {arnTail(t.request.resource)}
                  </code>
                </span>
                <label className="ml-auto flex items-center gap-1">
                  expect
                  <select data-testid="test-expect" value={t.expect} onChange={(e) => actions.updateTest(t.id, { expect: e.currentTarget.value as Decision })} className="rounded border border-(--border) bg-(--bg)">
                    {DECISIONS.map((d) => (
                      <option key={d} value={d}>
                        {DECISION_TEXT[d].title}
                      </option>
                    ))}
                  </select>
                </label>
                <span data-testid="test-actual" className={`badge-${o?.actual ?? 'ImplicitDeny'}`}>
                  got {o ? DECISION_TEXT[o.actual].title : '…'}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
