// The reason, right under the decision: the deciding statements (click: show in the
// editor), each account's side of a cross-account request, and the evaluation flow
// stage by stage with the stage that decided marked.
import { useShallow } from 'zustand/react/shallow';
import type { EvaluationStep, PolicyKind, StatementRef } from '../../../engine';
import { Inline } from '../../lib/Inline';
import { plainText } from '../../lib/text';
import { useActions, useApp } from '../../store';
import { KIND_SHORT } from '../editor/PolicyTabs';
import { crossAccountSides, OUTCOME_LABEL, STAGE_LABEL, type Side } from './sides';

export function statementLabel(r: StatementRef): string {
  return r.sid ? r.sid : `statement ${r.statementIndex + 1}`;
}

const CHIP: Record<EvaluationStep['outcome'] | Side['verdict'], string> = {
  allow: 'chip-allow',
  deny: 'chip-deny',
  'no-allow': 'chip-nope',
  'not-applicable': 'chip-muted',
  pass: 'chip-muted',
};

function StatementButton({ r }: { r: StatementRef }) {
  const actions = useActions();
  return (
    <button
      type="button"
      data-testid="decisive-statement"
      data-effect={r.effect}
      data-policy-id={r.policy.id}
      onClick={() => actions.revealStatement(r.policy.id, r.span)}
      title="Show it in the editor"
      className="flex w-full items-baseline gap-1.5 rounded px-1.5 py-0.5 text-left text-sm hover:bg-(--hover)"
    >
      <span className={`chip ${r.effect === 'Deny' ? 'chip-deny' : 'chip-allow'}`}>{r.effect}</span>
      <span className={`kind-badge kind-${r.policy.kind}`} aria-hidden>
        {KIND_SHORT[r.policy.kind]}
      </span>
      <span className="min-w-0 flex-1 break-words">
        <span className="font-medium">{r.policy.name}</span>
        <span aria-hidden className="text-(--muted)">
          {' › '}
        </span>
        <code className="break-words">{statementLabel(r)}</code>
      </span>
      <span className="shrink-0 text-xs text-(--muted)">line {r.range.start.line}</span>
    </button>
  );
}

function CrossAccount({ sides }: { sides: [Side, Side] }) {
  return (
    <section aria-labelledby="cross-heading" className="flex flex-col gap-0.5" data-testid="cross-account">
      <h2 id="cross-heading" className="section-title">
        Cross-account: both accounts must allow
      </h2>
      <ul className="flex flex-col gap-0.5">
        {sides.map((s) => (
          <li key={s.side} data-testid="cross-account-side" data-side={s.side} data-verdict={s.verdict} className="flex items-baseline gap-1.5 px-1.5 text-sm">
            <span className={`chip ${CHIP[s.verdict]}`}>{s.verdict === 'allow' ? 'allows' : s.verdict === 'deny' ? 'denies' : 'no allow'}</span>
            <span className="min-w-0 break-words">
              <strong>{s.side === 'identity' ? 'Identity side' : 'Resource side'}</strong> ({s.side === 'identity' ? '' : `${s.what}, `}
              <code>{s.account ?? 'no account'}</code>): <Inline text={s.text} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The policy kind each stage reads (the explicit-deny stage reads them all). */
const STAGE_KIND: Partial<Record<EvaluationStep['stage'], PolicyKind>> = { rcp: 'rcp', scp: 'scp', resource: 'resource', identity: 'identity', boundary: 'boundary', session: 'session' };

function Flow({ steps, deciding, kinds }: { steps: readonly EvaluationStep[]; deciding: string; kinds: ReadonlySet<PolicyKind> }) {
  return (
    <section aria-labelledby="flow-heading" className="flex flex-col gap-0.5">
      <h2 id="flow-heading" className="section-title">
        Evaluation flow
      </h2>
      <ol className="flex flex-col" data-testid="eval-flow">
        {steps.map((s) => {
          const decides = s.stage === deciding;
          const kind = STAGE_KIND[s.stage];
          // A stage with no policy of its kind in the workspace: one short line, its words in the tooltip.
          const notGiven = s.outcome === 'not-applicable' && !!kind && !kinds.has(kind);
          return (
            <li
              key={s.stage}
              className="flow-step"
              data-testid="eval-step"
              data-stage={s.stage}
              data-outcome={s.outcome}
              data-deciding={String(decides)}
              aria-current={decides ? 'step' : undefined}
              title={notGiven ? plainText(s.summary) : undefined}
            >
              <span className="truncate">{STAGE_LABEL[s.stage]}</span>
              <span>
                <span className={`chip ${CHIP[s.outcome]}`}>{notGiven ? OUTCOME_LABEL['not-applicable'] : s.outcome === 'not-applicable' ? 'n/a' : OUTCOME_LABEL[s.outcome]}</span>
              </span>
              <span className={`flow-summary min-w-0 break-words ${notGiven ? 'sr-only' : ''}`}>
                {decides && <span className="sr-only">Decides: </span>}
                <Inline text={s.summary} />
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function Reason() {
  const { result, stale, request, policies } = useApp(useShallow((s) => ({ result: s.result, stale: s.stale, request: s.request, policies: s.policies })));
  if (!result) return null;
  const kinds = new Set(policies.filter((p) => p.enabled !== false).map((p) => p.kind));
  const decisive = result.decisiveStatements;
  const sides = crossAccountSides(result, request);
  return (
    <div className="flex flex-col gap-2 px-3 py-2" data-testid="reason" data-stale={String(!!stale)}>
      {stale && <p className="note-box">Out of date: the reason of the last decision, from the text before the JSON broke.</p>}
      <section aria-labelledby="why-heading" className="flex flex-col gap-0.5">
        <h2 id="why-heading" className="section-title">
          Deciding statements {decisive.length > 0 && <span className="count">{decisive.length}</span>}
        </h2>
        {decisive.length === 0 ? (
          <p className="px-1.5 text-sm text-(--muted)" data-testid="no-decisive">
            {result.decision === 'ImplicitDeny' ? 'None: nothing allows this request.' : 'None.'}
          </p>
        ) : (
          <ul className="flex flex-col" data-testid="decisive-statements">
            {decisive.map((r) => (
              <li key={`${r.policy.id}:${r.statementIndex}`}>
                <StatementButton r={r} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {sides && <CrossAccount sides={sides} />}
      <Flow steps={result.steps} deciding={result.decidingStage} kinds={kinds} />
    </div>
  );
}
