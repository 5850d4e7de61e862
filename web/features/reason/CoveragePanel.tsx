// Coverage: which statements decide no test or nothing at all, conditions that are always
// true, always false or contradictory, and Allows others make redundant; the same findings
// are marked in the editor while they match the text.
import type { CoverageFinding, CoverageFindingKind } from '../../../engine';
import { useActions } from '../../store';
import { useReason } from './store';
import { JobStatusLine, ScopeNote } from './ui';
import { useAutoRun } from './useAutoRun';

export const FINDING_TITLE: Record<CoverageFindingKind, string> = {
  'decides-no-test': 'Decides no test',
  'decides-nothing': 'Decides nothing',
  'never-applies': 'Never applies',
  shadowed: 'Shadowed',
  'condition-always-true': 'Condition always true',
  'condition-always-false': 'Condition always false',
  'conditions-contradict': 'Conditions contradict',
  'redundant-allow': 'Redundant Allow',
};

/** The tab a finding's policy is, when its text is still the one analysed. */
export function tabOf(tabs: { id: string; text: string }[] | undefined, policyIndex: number): string | undefined {
  return tabs?.[policyIndex]?.id;
}

export function CoveragePanel() {
  const job = useReason((s) => s.jobs.coverage);
  const actions = useActions();
  useAutoRun('coverage');
  const result = job.result;
  const show = (f: CoverageFinding) => {
    const id = tabOf(job.tabs, f.policyIndex);
    if (!id) return;
    actions.setActive(id);
    actions.revealStatement(id, f.conditionSpan ?? f.span);
  };
  return (
    <div className="flex flex-col gap-2" data-testid="coverage">
      <p className="text-xs text-(--muted)">Each statement against the workspace's tests and against every request the policies can tell apart.</p>
      <JobStatusLine kind="coverage" job={job} what="the coverage" />
      {result && (
        <div className={`flex flex-col gap-2 ${job.status === 'running' ? 'opacity-60' : ''}`}>
          <ScopeNote scope={result.scope} testId="coverage-scope" />
          <h3 className="text-xs font-semibold uppercase text-(--muted)">Findings ({result.findings.length})</h3>
          {result.findings.length === 0 ? (
            <p className="text-sm" data-testid="coverage-none">
              Every statement decides some test and some request; no condition is always true, always false or contradictory.
            </p>
          ) : (
            <ul className="flex flex-col gap-1" data-testid="coverage-findings">
              {result.findings.map((f, i) => (
                <li key={i} className="rounded border border-(--warn-border) bg-(--warn-soft) p-2 text-sm" data-testid="coverage-finding" data-finding={f.finding} data-policy={f.policy} data-statement={f.statementIndex}>
                  <div className="flex items-center gap-2">
                    <span className="font-semibold">{FINDING_TITLE[f.finding]}</span>
                    <button type="button" className="ml-auto text-xs text-(--accent) underline" data-testid="coverage-show" onClick={() => show(f)}>
                      {f.policy} › {f.sid ?? `statement ${f.statementIndex + 1}`}, line {f.range.start.line}
                    </button>
                  </div>
                  <p className="text-xs">{f.message}</p>
                </li>
              ))}
            </ul>
          )}
          <h3 className="text-xs font-semibold uppercase text-(--muted)">Statements</h3>
          <table className="w-full text-xs" data-testid="coverage-statements">
            <thead>
              <tr className="text-left text-(--muted)">
                <th className="font-normal">Statement</th>
                <th className="font-normal">Applies in</th>
                <th className="font-normal">Decides</th>
                <th className="font-normal">Tests it decides</th>
              </tr>
            </thead>
            <tbody>
              {result.statements.map((st, i) => (
                <tr key={i} data-testid="coverage-statement" data-applies={st.appliesIn} data-decides={st.decidesIn} data-tests={st.decidesTests.length}>
                  <td>
                    {st.policy} › {st.sid ?? `statement ${st.statementIndex + 1}`} {st.effect && <span className="text-(--muted)">({st.effect})</span>}
                  </td>
                  <td>{st.appliesIn.toLocaleString('en')}</td>
                  <td>{st.decidesIn.toLocaleString('en')}</td>
                  <td>{st.decidesTests.length ? st.decidesTests.join(', ') : <span className="text-(--muted)">none</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
