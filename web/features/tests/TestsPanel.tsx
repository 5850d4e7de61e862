// Policy tests: saved requests with the decision each should get, run on every edit.
import { useShallow } from 'zustand/react/shallow';
import type { Decision } from '../../../engine';
import { useActions, useApp } from '../../store';
import { DECISION_TEXT } from '../result/DecisionBanner';

const DECISIONS: Decision[] = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];

export function TestsPanel() {
  const { tests, outcomes } = useApp(useShallow((s) => ({ tests: s.tests, outcomes: s.testOutcomes })));
  const actions = useActions();
  const passing = tests.filter((t) => outcomes[t.id]?.pass).length;
  return (
    <div className="flex flex-col gap-2 p-3" data-testid="tests">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" data-testid="save-test" onClick={actions.addTestFromRequest} className="rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)">
          Save current request as test
        </button>
        <span className={`text-sm ${passing === tests.length ? 'text-green-700 dark:text-green-400' : 'text-red-700 dark:text-red-400'}`} data-testid="tests-summary">
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
              className={`flex flex-col gap-1 rounded border p-2 text-sm ${o?.pass ? 'border-(--border)' : 'border-red-400'}`}
            >
              <div className="flex items-center gap-2">
                <span aria-label={o?.pass ? 'pass' : 'fail'} className={o?.pass ? 'text-green-700 dark:text-green-400' : 'text-red-700 dark:text-red-400'}>
                  {o?.pass ? '✓' : '✗'}
                </span>
                <input
                  aria-label="Test name"
                  data-testid="test-name"
                  value={t.name}
                  onChange={(e) => actions.updateTest(t.id, { name: e.currentTarget.value })}
                  className="min-w-0 flex-1 rounded border border-transparent bg-transparent px-1 hover:border-(--border)"
                />
                <button type="button" data-testid="test-open" onClick={() => actions.openRequest(t.request)} className="rounded border border-(--border) px-2 py-0.5 text-xs hover:bg-(--hover)">
                  Open
                </button>
                <button type="button" data-testid="test-remove" aria-label={`Remove test ${t.name}`} onClick={() => actions.removeTest(t.id)} className="rounded border border-(--border) px-2 py-0.5 text-xs hover:bg-(--hover)">
                  ✕
                </button>
              </div>
              <div className="flex flex-wrap items-center gap-2 text-xs">
                <code className="break-all text-(--muted)">
                  {t.request.action} · {t.request.resource}
                </code>
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
