// The decision, large. `data-testid="decision"` and `data-decision` are a contract
// with outside checks; `data-eval-seq` and the `policy-sim:decision` performance mark
// let the page benchmark time each evaluation.
import { useLayoutEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Decision } from '../../../engine';
import { useApp } from '../../store';

export const DECISION_TEXT: Record<Decision, { title: string; tone: string; icon: string }> = {
  Allow: { title: 'Allowed', tone: 'decision-allow', icon: '✔' },
  ExplicitDeny: { title: 'Denied explicitly', tone: 'decision-explicit', icon: '⊘' },
  ImplicitDeny: { title: 'Denied implicitly', tone: 'decision-implicit', icon: '✖' },
};

export function DecisionBanner() {
  const { result, evalSeq, evalMs, action } = useApp(useShallow((s) => ({ result: s.result, evalSeq: s.evalSeq, evalMs: s.evalMs, action: s.request.action })));

  useLayoutEffect(() => {
    performance.mark('policy-sim:decision', { detail: { seq: evalSeq } });
  }, [evalSeq]);

  if (!result) return null;
  const d = DECISION_TEXT[result.decision];
  // The engine's own words for the stage that settled it, so the "why" is visible without scrolling.
  const why = result.steps.find((s) => s.stage === result.decidingStage)?.summary;
  const sids = result.decisiveStatements.map((s) => s.sid ?? `statement ${s.statementIndex + 1}`);
  return (
    <section
      aria-live="polite"
      aria-label="Decision"
      data-testid="decision"
      data-decision={result.decision}
      data-eval-seq={evalSeq}
      className={`decision ${d.tone} flex items-center gap-3 px-4 py-3`}
    >
      <span aria-hidden className="text-3xl leading-none">
        {d.icon}
      </span>
      <div className="min-w-0 flex-1">
        <div className="text-2xl leading-tight font-bold" data-testid="decision-title">
          {d.title}
        </div>
        <div className="truncate text-sm opacity-90">
          <code>{action || '(no action)'}</code>
          {result.decisiveStatements.length > 0 && ` · ${result.decisiveStatements.length} deciding statement${result.decisiveStatements.length > 1 ? 's' : ''}`}
          {result.errors.length > 0 && ` · ${result.errors.length} input problem${result.errors.length > 1 ? 's' : ''}`}
        </div>
        {why && (
          <div className="truncate text-sm opacity-90" data-testid="decision-why" title={result.message}>
            {sids.length > 0 && <strong>{`${sids.slice(0, 3).join(', ')}${sids.length > 3 ? ', …' : ''}: `}</strong>}
            {why}
          </div>
        )}
      </div>
      <span className="text-xs opacity-70" title="Time the engine took for this evaluation">
        {evalMs.toFixed(1)} ms
      </span>
    </section>
  );
}
