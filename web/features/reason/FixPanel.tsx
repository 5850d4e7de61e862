// The least-privilege fix for the denied request: each fix as a diff, with the comparison
// of the workspace before and after it as the proof of what it grants; one click applies
// it, and the history keeps the workspace as it was. For an explicit deny: the blocking
// statements and the request changes that would pass them.
import type { Comparison, SuggestedFix } from '../../../engine';
import { appStore, useActions, useApp } from '../../store';
import { toWorkspace } from '../../store/workspace';
import { hunks, lineDiff } from './diff';
import { useReason } from './store';
import { DecisionChip, JobStatusLine, RequestLine } from './ui';
import { useAutoRun } from './useAutoRun';

function Diff({ before, after }: { before: string; after: string }) {
  const lines = hunks(lineDiff(before, after));
  return (
    <pre className="overflow-x-auto rounded border border-(--border) bg-(--raised) p-1 font-mono text-[12px] leading-[17px]" data-testid="fix-diff">
      {lines.map((l, i) =>
        l === null ? (
          <div key={i} className="text-(--muted)">
            ⋯
          </div>
        ) : (
          <div key={i} data-op={l.op} className={l.op === 'add' ? 'bg-(--allow-soft) text-(--allow)' : l.op === 'remove' ? 'bg-(--deny-soft) text-(--deny)' : ''}>
            {l.op === 'add' ? '+ ' : l.op === 'remove' ? '- ' : '  '}
            {l.text}
          </div>
        ),
      )}
    </pre>
  );
}

function Proof({ proof }: { proof: Comparison | undefined }) {
  if (!proof) return null;
  const actions = new Set(proof.differences.map((d) => d.request.action));
  return (
    <div className="text-xs" data-testid="fix-proof" data-verdict={proof.verdict} data-differences={proof.differences.length}>
      <p>
        Before and after this fix: <span className="font-semibold">{proof.verdict}</span>, {proof.differences.length} request{proof.differences.length === 1 ? '' : 's'} change
        {proof.differences.length === 1 ? 's' : ''} ({[...actions].join(', ') || 'none'}), over {proof.scope.requests.toLocaleString('en')} requests checked
        {proof.scope.exhaustive ? '' : ' within bounds'}.
      </p>
      <ul className="mt-0.5 flex flex-col gap-0.5">
        {proof.differences.slice(0, 6).map((d, i) => (
          <li key={i} data-testid="fix-proof-difference">
            {d.summary}
          </li>
        ))}
        {proof.differences.length > 6 && <li className="text-(--muted)">and {proof.differences.length - 6} more.</li>}
      </ul>
    </div>
  );
}

export function FixPanel() {
  const job = useReason((s) => s.jobs.fix);
  const request = useApp((s) => s.request);
  const decision = useApp((s) => s.result?.decision);
  const actions = useActions();
  useAutoRun('fix');
  const result = job.result?.fix;
  const proofs = job.result?.proofs ?? [];

  const apply = (fix: SuggestedFix) => {
    const s = appStore().getState();
    const tab = fix.policyIndex !== undefined ? job.tabs?.[fix.policyIndex] : undefined;
    if (fix.policyIndex !== undefined) {
      const live = s.policies.find((p) => p.id === tab?.id);
      if (!tab || !live || live.text !== tab.text) {
        actions.notify({ tone: 'error', text: 'The policy changed since this fix was worked out; the fix is being worked out again.' });
        return;
      }
      const kept = s.actions.keepInHistory(toWorkspace(s), s.workspaceName, `Before the fix: ${fix.summary}`);
      s.actions.setPolicyText(tab.id, fix.text);
      s.actions.setActive(tab.id);
      s.actions.notify({ tone: 'info', text: `Applied the fix to “${fix.policy}”. The workspace as it was is in the history.`, action: { label: 'Restore it', run: 'restore-history', arg: kept.id } });
    } else {
      s.actions.addToWorkspace({ policies: [{ kind: fix.kind, name: fix.policy, text: fix.text }] }, `Added the policy “${fix.policy}” (${fix.summary}).`);
    }
  };

  return (
    <div className="flex flex-col gap-2" data-testid="fix">
      <p className="text-xs">
        For the request in the simulator: <RequestLine request={request} />
      </p>
      <JobStatusLine kind="fix" job={job} what="a fix" />
      {decision === 'Allow' && <p className="text-sm" data-testid="fix-allowed">The request is allowed: there is nothing to fix.</p>}
      {result && decision !== 'Allow' && (
        <div className={`flex flex-col gap-2 ${job.status === 'running' ? 'opacity-60' : ''}`}>
          {result.note && (
            <p className="text-sm" data-testid="fix-note">
              {result.note}
            </p>
          )}
          {result.fixes.map((fix, i) => {
            const before = fix.policyIndex !== undefined ? (job.workspace?.policies[fix.policyIndex]?.text ?? '') : '';
            return (
              <div key={i} className="flex flex-col gap-1 rounded border border-(--border) p-2" data-testid="fix-item" data-policy={fix.policy} data-stage={fix.stage} data-new={String(fix.policyIndex === undefined)}>
                <div className="flex items-center gap-2">
                  <span className="text-sm font-medium">{fix.summary}</span>
                  <button type="button" className="btn btn-primary btn-sm ml-auto" data-testid="fix-apply" onClick={() => apply(fix)}>
                    Apply
                  </button>
                </div>
                <p className="text-xs text-(--muted)">
                  {fix.policyIndex === undefined ? `A new ${fix.kind} policy “${fix.policy}”` : `In “${fix.policy}”`}, for the {fix.stage} stage that denied.
                </p>
                <Diff before={before} after={fix.text} />
                <Proof proof={proofs[i]} />
              </div>
            );
          })}
          {result.blocking.map((b, i) => (
            <div key={`b${i}`} className="flex flex-col gap-1 rounded border border-(--deny-border) p-2" data-testid="fix-blocking" data-policy={b.policy} data-statement={b.statementIndex}>
              <p className="text-sm">
                Blocked by <span className="font-semibold">{b.sid ?? `statement ${b.statementIndex + 1}`}</span> in “{b.policy}”, line {b.range.start.line}
                {b.condition && (
                  <>
                    , because <code>{b.condition}</code> holds
                  </>
                )}
                .
              </p>
              {b.passWith.length > 0 && (
                <>
                  <p className="text-xs text-(--muted)">The request would pass this statement with:</p>
                  <ul className="flex flex-col gap-1">
                    {b.passWith.map((p, k) => (
                      <li key={k} className="flex flex-wrap items-center gap-1.5 text-xs" data-testid="fix-pass-with" data-decision={p.decision}>
                        <span>{p.change}</span>
                        <DecisionChip decision={p.decision} />
                        <button type="button" className="btn btn-sm ml-auto" data-testid="fix-pass-open" onClick={() => actions.openRequest(p.request)}>
                          Open
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
