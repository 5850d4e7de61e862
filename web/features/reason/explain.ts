// Inline explain: what the trace of the selected request says about each statement and
// each condition of one policy, as editor-neutral marks (offset spans, a short label, a
// hover text). MonacoEditor turns them into decorations; this file knows nothing of Monaco.
import type { ConditionTrace, ElementTrace, PolicyTrace, SimulationResult, Span, StatementTrace } from '../../../engine';

export type ExplainTone = 'match' | 'miss' | 'unchecked';

export interface ExplainMark {
  /** What the mark sits on: a statement (its first line), a condition member, or the value an element matched by. */
  target: 'statement' | 'condition' | 'element';
  tone: ExplainTone;
  span: Span;
  /** Shown after the span's first line (statements) or after the member (conditions); empty for none. */
  label: string;
  /** Markdown for the hover. */
  hover: string;
}

const ELEMENT_WORD: Record<ElementTrace['element'], string> = {
  Action: 'Action',
  NotAction: 'NotAction',
  Resource: 'Resource',
  NotResource: 'NotResource',
  Principal: 'Principal',
  NotPrincipal: 'NotPrincipal',
  implicit: '',
};

function elementLine(kind: 'action' | 'resource' | 'principal', e: ElementTrace): string {
  const name = e.element === 'implicit' ? `${kind} (implicit)` : ELEMENT_WORD[e.element];
  if (e.notEvaluated) return `- ${name}: not checked (the statement already fails on its action)`;
  return `- ${e.matched ? '✓' : '✗'} **${name}**: ${e.reason}`;
}

function conditionLine(c: ConditionTrace): string {
  return `- ${c.matched ? '✓' : '✗'} \`${c.operator}\` \`${c.key}\`: ${c.reason}`;
}

/** The first thing that keeps a statement from applying, in a few words. */
function statementLabel(st: StatementTrace): { tone: ExplainTone; label: string } {
  if (st.skipped) return { tone: 'unchecked', label: `— skipped: ${st.skipped}` };
  if (st.applies) return { tone: 'match', label: `✓ applies (${st.ref.effect})` };
  for (const [kind, e] of [
    ['action', st.action],
    ['resource', st.resource],
    ['principal', st.principal],
  ] as const) {
    if (!e.matched && !e.notEvaluated) return { tone: 'miss', label: `✗ ${e.element === 'implicit' ? kind : ELEMENT_WORD[e.element]} does not match` };
  }
  const failed = st.conditions.find((c) => !c.matched);
  if (failed) return { tone: 'miss', label: `✗ condition ${failed.key} is false` };
  return { tone: 'miss', label: '✗ does not apply' };
}

function statementHover(st: StatementTrace): string {
  const name = st.ref.sid ? `\`${st.ref.sid}\`` : `statement ${st.ref.statementIndex + 1}`;
  const head = st.skipped
    ? `${name} is skipped: ${st.skipped}`
    : `${name} (${st.ref.effect}) ${st.applies ? 'applies to the request' : 'does not apply to the request'}`;
  const lines = [head, '', elementLine('action', st.action), elementLine('resource', st.resource), elementLine('principal', st.principal)];
  if (st.conditionsNotEvaluated) lines.push('- Conditions: not checked (the statement already fails on its action)');
  else for (const c of st.conditions) lines.push(conditionLine(c));
  return lines.join('\n');
}

/** The marks for one policy's trace; none when the policy was not read or does not take part. */
export function explainPolicy(trace: PolicyTrace | undefined): ExplainMark[] {
  if (!trace || !trace.parsed) return [];
  const marks: ExplainMark[] = [];
  for (const st of trace.statements) {
    const { tone, label } = statementLabel(st);
    const notApplicable = trace.notApplicable ? `\n\nThe policy does not take part: ${trace.notApplicable}` : '';
    marks.push({ target: 'statement', tone: trace.notApplicable ? 'unchecked' : tone, span: st.ref.span, label, hover: statementHover(st) + notApplicable });
    for (const e of [st.action, st.resource, st.principal]) {
      if (e.matched && e.by && !e.notEvaluated) marks.push({ target: 'element', tone: 'match', span: e.by.span, label: '', hover: `✓ ${e.reason}` });
    }
    for (const c of st.conditions) {
      const unchecked = st.conditionsNotEvaluated === true;
      marks.push({
        target: 'condition',
        tone: unchecked ? 'unchecked' : c.matched ? 'match' : 'miss',
        span: c.span,
        label: unchecked ? '· not checked' : c.matched ? '✓ true' : '✗ false',
        hover: unchecked ? `\`${c.key}\` was not checked: the statement already fails on its action.` : `${c.matched ? '✓' : '✗'} \`${c.operator}\` on \`${c.key}\`: ${c.reason}`,
      });
    }
  }
  return marks;
}

/** The marks for the policy with this id in a result (the workspace analyzer names policies by tab id). */
export function explainMarks(result: SimulationResult | null, policyId: string | undefined): ExplainMark[] {
  if (!result || !policyId) return [];
  return explainPolicy(result.policies.find((p) => p.ref.id === policyId));
}
