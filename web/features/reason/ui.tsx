// Small pieces the Reason view's panels share: a decision chip, a request in one line,
// the job status line with its Cancel button, and the scope of what was explored.
import { parseArn, type Decision, type Request, type RequestSpaceScope } from '../../../engine';
import { cancelJob, type JobState } from './store';
import type { JobKind } from './protocol';

const CHIP: Record<Decision, string> = { Allow: 'chip-allow', ExplicitDeny: 'chip-deny', ImplicitDeny: 'chip-nope' };
const WORD: Record<Decision, string> = { Allow: 'Allow', ExplicitDeny: 'Explicit deny', ImplicitDeny: 'Implicit deny' };

export function DecisionChip({ decision, testId }: { decision: Decision; testId?: string }) {
  return (
    <span className={`chip ${CHIP[decision]}`} data-testid={testId} data-decision={decision}>
      {WORD[decision]}
    </span>
  );
}

/** `role/ci (111122223333)` for an ARN; anything else as it is. */
export function arnTail(arn: string): string {
  if (arn === '*') return '*';
  const parts = parseArn(arn);
  if (!parts) return arn || '(none)';
  return `${parts.resource}${parts.account ? ` (${parts.account})` : ''}`;
}

export function contextText(context: Request['context']): string {
  const entries = Object.entries(context ?? {});
  return entries.map(([k, v]) => `${k} = ${Array.isArray(v) ? (v.length ? `[${v.join(', ')}]` : '[]') : v}`).join('; ');
}

export function RequestLine({ request }: { request: Request }) {
  const ctx = contextText(request.context);
  return (
    <span className="text-xs break-all">
      <code>{request.action}</code> on <code>{arnTail(request.resource)}</code> by <code>{arnTail(request.principal)}</code>
      {ctx && <span className="text-(--muted)"> · {ctx}</span>}
    </span>
  );
}

export function JobStatusLine({ kind, job, what }: { kind: JobKind; job: JobState<JobKind>; what: string }) {
  return (
    <div className="flex min-h-7 flex-wrap items-center gap-2 text-xs text-(--muted)" data-testid={`${kind}-status`} data-status={job.status}>
      {job.status === 'running' && (
        <>
          <span role="status">Working out {what}…</span>
          <button type="button" className="btn btn-sm" data-testid={`${kind}-cancel`} onClick={() => cancelJob(kind)}>
            Cancel
          </button>
        </>
      )}
      {job.status === 'cancelled' && <span role="status">Cancelled.</span>}
      {job.status === 'failed' && (
        <span role="alert" className="text-(--deny)">
          Could not work out {what}: {job.error}
        </span>
      )}
      {job.status === 'done' && job.ms !== undefined && <span data-testid={`${kind}-ms`}>Done in {job.ms < 10 ? job.ms.toFixed(1) : Math.round(job.ms)} ms, in a worker.</span>}
    </div>
  );
}

/** What the partition covered, and where it stopped short. */
export function ScopeNote({ scope, testId }: { scope: RequestSpaceScope; testId: string }) {
  return (
    <details className="text-xs text-(--muted)" data-testid={testId} data-exhaustive={String(scope.exhaustive)}>
      <summary className="cursor-pointer">
        {scope.exhaustive ? 'Every cell of the partition was checked' : 'Checked within bounds'}: {scope.requests.toLocaleString('en')} requests over {scope.actions} actions, {scope.resources} resource
        cells, {scope.principals} principals{scope.contextKeys.length ? `, ${scope.contextKeys.length} context keys` : ''}.
      </summary>
      <ul className="mt-1 list-disc pl-4">
        {scope.bounds.map((b, i) => (
          <li key={`b${i}`}>Bounded: {b.what}</li>
        ))}
        {scope.notes.map((n, i) => (
          <li key={`n${i}`}>{n}</li>
        ))}
        {scope.contextKeys.length > 0 && <li>Context keys: {scope.contextKeys.join(', ')}</li>}
      </ul>
    </details>
  );
}
