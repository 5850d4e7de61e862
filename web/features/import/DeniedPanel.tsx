// An access denied message in the import dialog: what AWS said, the request it names,
// one click to use it, and what the workspace decides beside what AWS decided.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { analyzeWorkspace, type AccessDeniedSuccess, type PolicyKind, type SimulationRequest, type SimulationResult } from '../../../engine';
import { Inline } from '../../lib/Inline';
import { useActions, useApp } from '../../store';
import { CopyBox } from '../aws-out/CopyBox';
import { DECISION_TEXT } from '../result/DecisionBanner';
import { awsSaid, compareWithAws, deniedRequest, type Comparison } from './denied';
import { closeImport } from './open';
import { buttonClass, Callout, primaryClass } from './ui';

export interface DeniedState {
  d: AccessDeniedSuccess;
  request: SimulationRequest;
  current: SimulationRequest;
  notes: string[];
  applied: boolean;
  result: SimulationResult | null;
  comparison: Comparison | null;
}

function sameRequest(a: SimulationRequest, b: SimulationRequest): boolean {
  return a.principal === b.principal && a.action === b.action && a.resource === b.resource && JSON.stringify(a.context ?? {}) === JSON.stringify(b.context ?? {});
}

/** The message beside the workspace: before it is used, a preview of the decision by the engine; after, the page's own result. */
export function useDenied(d: AccessDeniedSuccess): DeniedState {
  const { policies, current, pageResult } = useApp(useShallow((s) => ({ policies: s.policies, current: s.request, pageResult: s.result })));
  const { request, notes } = useMemo(() => deniedRequest(d, current), [d, current]);
  const applied = sameRequest(current, request);
  const preview = useMemo(
    () => (applied ? null : analyzeWorkspace({ policies: policies.map((p) => ({ id: p.id, kind: p.kind, name: p.name, text: p.text, enabled: p.enabled })), request }).result),
    [applied, policies, request],
  );
  const result = applied ? pageResult : preview;
  const kinds = useMemo(() => new Set<PolicyKind>(policies.filter((p) => p.enabled !== false).map((p) => p.kind)), [policies]);
  const comparison = result ? compareWithAws(d, result, kinds) : null;
  return { d, request, current, notes: [...(d.notes ?? []), ...notes], applied, result, comparison };
}

const FIELDS = ['principal', 'action', 'resource'] as const;

export function DeniedPanel({ denied }: { denied: DeniedState }) {
  const { d, request, current, notes, applied, result, comparison } = denied;
  const context = Object.entries(d.context ?? {});
  return (
    <>
      <div className="flex flex-wrap items-center gap-1" data-testid="denied-source">
        <span className="w-fit rounded border border-(--border) bg-(--panel) px-1.5 font-mono text-xs text-(--muted)">access denied message</span>
        {d.errorCode && <span className="rounded border border-(--border) px-1.5 font-mono text-xs">{d.errorCode}</span>}
        {d.operation && <span className="rounded border border-(--border) px-1.5 font-mono text-xs">{d.operation}</span>}
      </div>

      <div className="rounded border-l-4 border-y border-r border-red-700 bg-red-50 px-3 py-2 text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50">
        <p className="text-base font-semibold" data-testid="denied-aws-said" data-denial={d.denial ?? ''} data-policy-type={d.policyType ?? ''}>
          <span aria-hidden="true">⊘ </span>
          {awsSaid(d)}
        </p>
        {d.policyArn && (
          <p className="mt-1 text-sm break-all" data-testid="denied-policy-arn">
            The policy that denied it: <code>{d.policyArn}</code>
          </p>
        )}
        {d.statementIds && d.statementIds.length > 0 && (
          <p className="mt-1 text-sm" data-testid="denied-statements">
            Statements AWS matched: {d.statementIds.map((s, i) => (
              <span key={s}>
                {i > 0 && ', '}
                <code>{s}</code>
              </span>
            ))}
          </p>
        )}
      </div>

      <section aria-labelledby="denied-request-h" data-testid="denied-request">
        <h3 id="denied-request-h" className="mb-1 text-xs font-semibold tracking-wide text-(--muted) uppercase">
          The request it names
        </h3>
        <table className="w-full text-sm">
          <tbody>
            {FIELDS.map((f) => (
              <tr key={f} data-testid="denied-field" data-field={f} className="align-top">
                <th scope="row" className="w-20 py-0.5 pr-2 text-left font-normal text-(--muted)">
                  {f}
                </th>
                <td className="py-0.5">
                  <code className="break-all">{request[f]}</code>
                  {!applied && current[f] !== request[f] && current[f] && (
                    <span className="block text-xs break-all text-(--muted)">
                      now <code>{current[f]}</code>
                    </span>
                  )}
                </td>
              </tr>
            ))}
            {context.map(([k, v]) => (
              <tr key={k} data-testid="denied-field" data-field={k} className="align-top">
                <th scope="row" className="py-0.5 pr-2 text-left font-normal text-(--muted)">
                  <code className="text-xs">{k}</code>
                </th>
                <td className="py-0.5">
                  <code className="break-all">{Array.isArray(v) ? v.join(', ') : v}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {notes.length > 0 && (
        <ul className="flex flex-col gap-1 text-sm" data-testid="denied-notes">
          {notes.map((n, i) => (
            <li key={i} className="flex gap-2" data-testid="denied-note">
              <span aria-hidden="true" className="text-(--muted)">
                ℹ
              </span>
              <span>
                <Inline text={n} />
              </span>
            </li>
          ))}
        </ul>
      )}

      {result && comparison && (
        <section
          aria-labelledby="denied-comparison-h"
          data-testid="denied-comparison"
          data-agrees={comparison.agrees}
          data-decision={result.decision}
          data-applied={applied}
          className={`rounded border-l-4 border-y border-r px-3 py-2 ${comparison.agrees ? 'border-green-700 dark:border-green-500' : 'border-amber-600 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50'}`}
        >
          <h3 id="denied-comparison-h" className="text-xs font-semibold tracking-wide uppercase opacity-80">
            {applied ? 'The workspace decides' : 'With this request, the workspace would decide'}
          </h3>
          <p className={`text-base font-semibold badge-${result.decision}`} data-testid="denied-decision">
            <span aria-hidden="true">{DECISION_TEXT[result.decision].icon} </span>
            {DECISION_TEXT[result.decision].title}
          </p>
          <p className="mt-1 text-sm" data-testid="denied-verdict">
            <strong>{comparison.agrees ? '✓ Same as AWS. ' : '≠ Differs from AWS. '}</strong>
            <Inline text={comparison.text} />
          </p>
        </section>
      )}

      {d.encodedMessage && (
        <div className="flex flex-col gap-1">
          <p className="text-sm">The message carries an encoded authorization message; decoding it shows the statements AWS matched and the request context.</p>
          <CopyBox label="Decode command" testId="decode-command" text={`aws sts decode-authorization-message --encoded-message '${d.encodedMessage}'`} rows={3} />
        </div>
      )}
    </>
  );
}

export function DeniedFooter({ denied }: { denied: DeniedState }) {
  const actions = useActions();
  return (
    <>
      <button type="button" className={buttonClass} data-testid="import-cancel" onClick={closeImport}>
        Close
      </button>
      {denied.applied && (
        <button
          type="button"
          className={buttonClass}
          data-testid="denied-show-explanation"
          onClick={() => {
            actions.setView('explain');
            closeImport();
          }}
        >
          Show the explanation
        </button>
      )}
      <button type="button" className={primaryClass} data-testid="denied-apply" disabled={denied.applied} onClick={() => actions.setRequest(denied.request)}>
        {denied.applied ? '✓ The request is in use' : 'Use this request'}
      </button>
    </>
  );
}

export function EncodedPanel({ message, command, onClear }: { message: string; command: string; onClear(): void }) {
  return (
    <>
      <Callout tone="info" testId="import-encoded" title="An encoded authorization message">
        <Inline text={message} />
      </Callout>
      <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm">
        <li>
          Run this where your AWS credentials are (it needs <code>sts:DecodeAuthorizationMessage</code>):
          <div className="mt-1">
            <CopyBox label="Decode command" testId="decode-command" text={command} rows={4} />
          </div>
        </li>
        <li>
          Paste what it prints in place of the message.{' '}
          <button type="button" className={buttonClass} data-testid="import-clear-for-decoded" onClick={onClear}>
            Clear the box
          </button>
        </li>
      </ol>
    </>
  );
}
