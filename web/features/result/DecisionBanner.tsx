// The decision, large. `data-testid="decision"` with `data-decision`, `data-accepted`
// and `data-stale` is a contract with outside checks; `data-eval-seq` and the
// `policy-sim:decision` performance mark let the page benchmark time each evaluation.
//
// Three states besides the plain one: while a policy's JSON does not parse, the last
// decision stays, dimmed and marked out of date (a partial parse could swallow a Deny);
// while AWS would refuse a policy, the banner names it and its first refusing error,
// and the computed decision is shown only as what AWS would decide if it accepted it.
import { useLayoutEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Decision, Refusal, SimulationResult } from '../../../engine';
import { Inline } from '../../lib/Inline';
import { useActions, useApp } from '../../store';
import type { Malformed } from '../../store/types';

export const DECISION_TEXT: Record<Decision, { title: string; tone: string; icon: string }> = {
  Allow: { title: 'Allowed', tone: 'decision-allow', icon: '✔' },
  ExplicitDeny: { title: 'Denied explicitly', tone: 'decision-explicit', icon: '⊘' },
  ImplicitDeny: { title: 'Denied implicitly', tone: 'decision-implicit', icon: '✖' },
};

/** The engine's own words for the stage that settled it, with the deciding statements by policy. */
function Why({ result }: { result: SimulationResult }) {
  const why = result.steps.find((s) => s.stage === result.decidingStage)?.summary;
  if (!why) return null;
  const sids = result.decisiveStatements.map((s) => `${s.policy.name} › ${s.sid ?? `statement ${s.statementIndex + 1}`}`);
  return (
    <div className="text-sm opacity-95" data-testid="decision-why" title={result.message}>
      {sids.length > 0 && <strong>{`${sids.slice(0, 3).join(', ')}${sids.length > 3 ? ', …' : ''}: `}</strong>}
      {why}
    </div>
  );
}

function RefusedLine({ refusal, count }: { refusal: Refusal; count: number }) {
  const actions = useActions();
  return (
    <button
      type="button"
      data-testid="decision-refusal"
      className="block w-full text-left text-sm underline decoration-dotted underline-offset-2 hover:decoration-solid"
      onClick={() => actions.revealStatement(refusal.policy.id, refusal.span)}
      title="Show it in the editor"
    >
      line {refusal.range.start.line}: <Inline text={refusal.message} />
      {count > 1 && ` (and ${count - 1} more)`}
    </button>
  );
}

function StaleLine({ stale }: { stale: Malformed }) {
  const actions = useActions();
  return (
    <button
      type="button"
      data-testid="decision-stale"
      className="block w-full text-left text-sm underline decoration-dotted underline-offset-2 hover:decoration-solid"
      onClick={() => actions.revealStatement(stale.policyId, stale.span)}
      title="Show it in the editor"
    >
      Out of date: <code>{stale.name}</code> is not valid JSON at line {stale.line}, column {stale.column}: <Inline text={stale.message} />
    </button>
  );
}

export function DecisionBanner() {
  const { result, stale, accepted, refusals, evalSeq, evalMs, action } = useApp(
    useShallow((s) => ({ result: s.result, stale: s.stale, accepted: s.accepted, refusals: s.refusals, evalSeq: s.evalSeq, evalMs: s.evalMs, action: s.request.action })),
  );

  useLayoutEffect(() => {
    performance.mark('policy-sim:decision', { detail: { seq: evalSeq } });
  }, [evalSeq]);

  if (!result && !stale) return null;
  const d = result ? DECISION_TEXT[result.decision] : undefined;
  const refused = !stale && !accepted && refusals.length > 0;
  const first = refusals[0];
  const tone = stale ? `${d?.tone ?? 'decision-implicit'} decision-stale` : refused ? 'decision-refused' : d!.tone;
  return (
    <section
      aria-live="polite"
      aria-label="Decision"
      data-testid="decision"
      data-decision={result?.decision}
      data-accepted={String(accepted)}
      data-stale={String(!!stale)}
      data-eval-seq={evalSeq}
      className={`decision ${tone} flex items-center gap-3 px-4 py-3`}
    >
      <span aria-hidden className="text-3xl leading-none">
        {stale ? '⋯' : refused ? '⚠' : d!.icon}
      </span>
      <div className="min-w-0 flex-1">
        {refused ? (
          <>
            <div className="text-xl leading-tight font-bold" data-testid="decision-title">
              AWS would refuse <code>{first.policy.name}</code>
            </div>
            <RefusedLine refusal={first} count={refusals.length} />
            {result && d && (
              <div className="text-sm opacity-95" data-testid="decision-if-accepted">
                If AWS accepted it: <strong>{d.title}</strong> · <code>{action || '(no action)'}</code>
              </div>
            )}
          </>
        ) : (
          <>
            <div className="text-2xl leading-tight font-bold" data-testid="decision-title">
              {d ? d.title : 'No decision yet'}
              {stale && <span className="ml-2 align-middle text-sm font-normal">(out of date)</span>}
            </div>
            {stale && <StaleLine stale={stale} />}
            {result && (
              <div className="text-sm opacity-95">
                <code>{action || '(no action)'}</code>
                {result.decisiveStatements.length > 0 &&
                  ` · ${result.decisiveStatements.length} deciding statement${result.decisiveStatements.length > 1 ? 's' : ''}`}
                {result.errors.length > 0 && ` · ${result.errors.length} input problem${result.errors.length > 1 ? 's' : ''}`}
              </div>
            )}
            {result && !stale && <Why result={result} />}
          </>
        )}
      </div>
      <span className="text-xs opacity-80" title="Time the engine took for this evaluation">
        {evalMs.toFixed(1)} ms
      </span>
    </section>
  );
}
