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
import { parseArn, type Decision, type Refusal, type SimulationResult } from '../../../engine';
import { Inline } from '../../lib/Inline';
import { useActions, useApp } from '../../store';
import type { Malformed } from '../../store/types';

export const DECISION_TEXT: Record<Decision, { title: string; tone: string; icon: string }> = {
  Allow: { title: 'Allowed', tone: 'decision-allow', icon: '✔' },
  ExplicitDeny: { title: 'Denied explicitly', tone: 'decision-explicit', icon: '⊘' },
  ImplicitDeny: { title: 'Denied implicitly', tone: 'decision-implicit', icon: '✖' },
};

/** The engine's own words for the stage that settled it; it wraps, never cut off (the statements are listed below the banner). */
function Why({ result }: { result: SimulationResult }) {
  const why = result.steps.find((s) => s.stage === result.decidingStage)?.summary;
  if (!why) return null;
  return (
    <p className="text-sm break-words" data-testid="decision-why" title={result.message}>
      <Inline text={why} />
    </p>
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

/** `repository/web` from an ARN: the part people recognise. */
function resourceShort(resource: string): string {
  return parseArn(resource)?.resource ?? (resource || '(no resource)');
}

export function DecisionBanner() {
  const { result, stale, accepted, refusals, evalSeq, evalMs, action, resource, analyzing } = useApp(
    useShallow((s) => ({
      analyzing: s.analyzing,
      result: s.result,
      stale: s.stale,
      accepted: s.accepted,
      refusals: s.refusals,
      evalSeq: s.evalSeq,
      evalMs: s.evalMs,
      action: s.request.action,
      resource: s.request.resource,
    })),
  );

  useLayoutEffect(() => {
    performance.mark('policy-sim:decision', { detail: { seq: evalSeq } });
  }, [evalSeq]);

  if (!result && !stale) {
    if (!analyzing) return null;
    // A large workspace's first evaluation, in the analysis worker.
    return (
      <section aria-live="polite" aria-label="Decision" data-testid="decision-pending" className="decision decision-implicit decision-stale flex items-start gap-3 px-4 py-2.5">
        <span aria-hidden className="mt-0.5 text-2xl leading-none">
          ⋯
        </span>
        <div className="min-w-0 flex-1">
          <div className="text-xl leading-tight font-bold">Evaluating…</div>
          <div className="text-sm">The policies are large; they are read away from the page, which stays usable meanwhile.</div>
        </div>
      </section>
    );
  }
  const d = result ? DECISION_TEXT[result.decision] : undefined;
  const refused = !stale && !accepted && refusals.length > 0;
  const first = refusals[0];
  const base = stale ? `${d?.tone ?? 'decision-implicit'} decision-stale` : refused ? 'decision-refused' : d!.tone;
  // While the worker reads a newer text, the decision shown is the older text's: say so.
  const tone = analyzing && !stale ? `${base} decision-stale` : base;
  return (
    <section
      aria-live="polite"
      aria-label="Decision"
      data-testid="decision"
      data-decision={result?.decision}
      data-accepted={String(accepted)}
      data-stale={String(!!stale)}
      data-analyzing={String(analyzing)}
      data-eval-seq={evalSeq}
      className={`decision ${tone} flex items-start gap-3 px-4 py-2.5`}
    >
      <span aria-hidden className="mt-0.5 text-2xl leading-none">
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
              <div className="text-sm" data-testid="decision-if-accepted">
                If AWS accepted it: <strong>{d.title}</strong> · <code>{action || '(no action)'}</code>
              </div>
            )}
          </>
        ) : (
          <>
            <div className="text-xl leading-tight font-bold" data-testid="decision-title">
              {d ? d.title : 'No decision yet'}
              {stale && <span className="ml-2 align-middle text-sm font-normal">(out of date)</span>}
            </div>
            {stale && <StaleLine stale={stale} />}
            {result && (
              <div className="text-sm break-words">
                <code>{action || '(no action)'}</code> on <code className="break-all">{resourceShort(resource)}</code>
                {result.crossAccount && ' · cross-account'}
                {result.errors.length > 0 && ` · ${result.errors.length} input problem${result.errors.length > 1 ? 's' : ''}`}
              </div>
            )}
            {result && !stale && <Why result={result} />}
          </>
        )}
      </div>
      {analyzing ? (
        <span className="shrink-0 text-xs" data-testid="decision-updating" title="A newer text is being evaluated; this decision is of the text before it">
          updating…
        </span>
      ) : (
        <span className="shrink-0 text-xs tabular-nums" title="Time the engine took for this evaluation">
          {evalMs.toFixed(1)} ms
        </span>
      )}
    </section>
  );
}
