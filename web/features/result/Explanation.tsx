// The details behind the reason (which sits under the decision): AWS's message, missing
// context keys, input problems and a trace of every statement.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConditionTrace, ElementTrace, PolicyTrace, StatementTrace } from '../../../engine';
import { statementLabel } from './Reason';
import { Inline } from '../../lib/Inline';
import { ShowMore, useLimited } from '../../lib/Limited';
import { clipped } from '../../lib/text';
import { useActions, useApp } from '../../store';
import { statementKey } from '../../store/evaluate';

function Mark({ ok }: { ok: boolean }) {
  return (
    <span aria-label={ok ? 'matches' : 'does not match'} className={ok ? 'badge-Allow' : 'badge-ExplicitDeny'}>
      {ok ? '✓' : '✗'}
    </span>
  );
}

function useReveal() {
  const actions = useActions();
  return (r: { policy?: { id: string }; span: { start: number; end: number } }) => {
    if (r.policy) actions.revealStatement(r.policy.id, r.span);
  };
}

function ElementLine({ name, t }: { name: string; t: ElementTrace }) {
  return (
    <li className="flex gap-1">
      <Mark ok={t.matched} />
      <span className="w-16 shrink-0 text-(--muted)">{t.element === 'implicit' ? name : t.element}</span>
      <span className="min-w-0 break-words">
        <Inline text={t.reason} />
      </span>
    </li>
  );
}

function ConditionRow({ c }: { c: ConditionTrace }) {
  return (
    <li data-testid="trace-condition" data-matched={c.matched} className="flex gap-1">
      <Mark ok={c.matched} />
      <div className="min-w-0 flex-1">
        <div className="break-all">
          <code className="font-semibold">{c.operator}</code> <code>{c.key}</code>
        </div>
        <div className="break-all text-(--muted)">
          policy <code className="text-(--fg)">{clipped(c.policyValues.join(', ')) || '(none)'}</code> · request{' '}
          {c.requestValues === null ? <em>absent</em> : <code className="text-(--fg)">{clipped(c.requestValues.join(', ')) || '(empty)'}</code>}
        </div>
        <div className="break-words text-(--muted)">
          <Inline text={clipped(c.reason)} />
        </div>
      </div>
    </li>
  );
}

/** Conditions shown at first in one statement; a statement can hold tens of thousands. */
const FIRST_CONDITIONS = 40;

function StatementCard({ st, decisive }: { st: StatementTrace; decisive: boolean }) {
  const reveal = useReveal();
  const conditions = useLimited(st.conditions, FIRST_CONDITIONS);
  const cut = useApp((s) => s.traceCut[statementKey(st.ref)] ?? 0);
  return (
    <li data-testid="trace-statement" data-applies={st.applies} className={`rounded border p-2 text-xs ${decisive ? 'border-(--accent)' : 'border-(--border)'}`}>
      <div className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-0.5">
        <button type="button" className="font-mono text-sm underline-offset-2 hover:underline" onClick={() => reveal({ policy: st.ref.policy, span: st.ref.span })}>
          {statementLabel(st.ref)}
        </button>
        <span className={st.ref.effect === 'Deny' ? 'badge-ExplicitDeny' : 'badge-Allow'}>{st.ref.effect}</span>
        <span className="text-(--muted)">{st.skipped ? `skipped: ${st.skipped}` : st.applies ? 'applies to the request' : 'does not apply'}</span>
        {decisive && <span className="chip chip-muted">decides</span>}
      </div>
      <ul className="flex flex-col gap-0.5">
        <ElementLine name="Action" t={st.action} />
        <ElementLine name="Resource" t={st.resource} />
        <ElementLine name="Principal" t={st.principal} />
      </ul>
      {st.conditions.length > 0 && (
        <ul className="mt-1 flex flex-col gap-1 border-t border-(--border) pt-1" aria-label="Conditions">
          {conditions.shown.map((c, i) => (
            <ConditionRow key={i} c={c} />
          ))}
        </ul>
      )}
      <ShowMore {...conditions.more} className="mt-1" />
      {cut > 0 && conditions.more.hidden === 0 && (
        <p className="mt-1 text-(--muted)" data-testid="trace-cut">
          {cut.toLocaleString('en-US')} more conditions are not traced here: the statement has {(st.conditions.length + cut).toLocaleString('en-US')}. The decision counts every one.
        </p>
      )}
    </li>
  );
}

/** Statements shown at first; a 100 KB policy has thousands, and the trace must not slow typing. */
const FIRST_STATEMENTS = 60;

function PolicyTraceView({ p, decisiveKeys, onlyRelevant }: { p: PolicyTrace; decisiveKeys: Set<string>; onlyRelevant: boolean }) {
  const statements = onlyRelevant ? p.statements.filter((s) => s.action.matched || decisiveKeys.has(statementKey(s.ref))) : p.statements;
  const limited = useLimited(statements, FIRST_STATEMENTS, 200);
  return (
    <details open className="rounded border border-(--border)" data-testid="trace-policy" data-kind={p.ref.kind}>
      <summary className="cursor-pointer px-2 py-1 text-sm font-medium">
        {p.ref.name} <span className="text-xs font-normal text-(--muted)">({statements.length} of {p.statements.length} statements{p.parsed ? '' : ', not readable'})</span>
      </summary>
      {p.notApplicable && <p className="px-2 text-xs text-(--muted)">{p.notApplicable}</p>}
      <ul className="flex flex-col gap-1 p-2">
        {limited.shown.map((st) => (
          <StatementCard key={st.ref.statementIndex} st={st} decisive={decisiveKeys.has(statementKey(st.ref))} />
        ))}
      </ul>
      <ShowMore {...limited.more} className="m-2" />
    </details>
  );
}

/** Missing keys shown at first. */
const FIRST_MISSING = 60;

function MissingKeys({ keys }: { keys: readonly string[] }) {
  const limited = useLimited(keys, FIRST_MISSING);
  return (
    <section aria-labelledby="missing-heading" className="rounded border border-(--warn-border) p-2 text-sm" data-testid="missing-keys">
      <h3 id="missing-heading" className="font-semibold">
        Missing context keys{keys.length > FIRST_MISSING ? ` (${keys.length.toLocaleString('en-US')})` : ''}
      </h3>
      <p className="text-xs text-(--muted)">Conditions read these keys, but the request does not carry them. Add them under Context keys.</p>
      <ul className="mt-1 flex flex-wrap gap-1">
        {limited.shown.map((k) => (
          <li key={k}>
            <code className="rounded bg-amber-100 px-1 text-xs text-amber-900" data-testid="missing-key">
              {k}
            </code>
          </li>
        ))}
      </ul>
      <ShowMore {...limited.more} className="mt-1" />
    </section>
  );
}

export function Explanation() {
  const { result } = useApp(useShallow((s) => ({ result: s.result })));
  const reveal = useReveal();
  const [onlyRelevant, setOnlyRelevant] = useState(true);
  if (!result) return null;
  const decisiveKeys = new Set(result.decisiveStatements.map(statementKey));
  return (
    <div className="flex flex-col gap-4 p-3" data-testid="explanation">
      <section aria-labelledby="message-heading" className="flex flex-col gap-1">
        <h3 id="message-heading" className="section-title">
          What AWS would say
        </h3>
        <p className="rounded bg-(--panel) p-2 font-mono text-xs break-words" data-testid="decision-message">
          {result.message}
        </p>
      </section>

      {result.missingContextKeys.length > 0 && <MissingKeys keys={result.missingContextKeys} />}

      {result.errors.length > 0 && (
        <section aria-labelledby="errors-heading" className="rounded border border-(--deny-border) p-2 text-sm" data-testid="input-errors">
          <h3 id="errors-heading" className="font-semibold">
            Input problems
          </h3>
          <ul className="mt-1 flex flex-col gap-1">
            {result.errors.map((e, i) => (
              <li key={i} data-testid="input-error" data-code={e.code}>
                {e.policy ? (
                  <button type="button" className="text-left underline-offset-2 hover:underline" onClick={() => reveal({ policy: e.policy, span: e.span })}>
                    {e.policy.name}, line {e.range.start.line}: <Inline text={e.message} />
                  </button>
                ) : (
                  <span>
                    {e.field ? `Request ${e.field}: ` : ''}
                    <Inline text={e.message} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="trace-heading" className="flex flex-col gap-2">
        <div className="flex items-center gap-2">
          <h3 id="trace-heading" className="section-title">
            Trace
          </h3>
          <label className="ml-auto flex items-center gap-1 text-xs">
            <input type="checkbox" data-testid="trace-only-relevant" checked={onlyRelevant} onChange={(e) => setOnlyRelevant(e.currentTarget.checked)} />
            Only statements that match the action
          </label>
        </div>
        {result.policies.length === 0 && <p className="text-xs text-(--muted)">No policies.</p>}
        {result.policies.map((p) => (
          <PolicyTraceView key={`${p.ref.kind}:${p.ref.index}`} p={p} decisiveKeys={decisiveKeys} onlyRelevant={onlyRelevant} />
        ))}
      </section>
    </div>
  );
}
