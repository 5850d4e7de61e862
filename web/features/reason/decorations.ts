// The reasoning features' marks in the editor, as Monaco decorations: inline explain
// (explain.ts) for the selected request, and coverage findings while they match the text.
// MonacoEditor owns the collection and calls this.
import type { editor } from 'monaco-editor/editor';
import type { monaco as Monaco } from '../../monaco/setup';
import { appStore } from '../../store';
import { explainMarks, type ExplainMark } from './explain';
import { useReasonSettings } from './settings';
import { useReason } from './store';
import type { CoverageFinding } from '../../../engine';

type MonacoApi = typeof Monaco;

const CLASS: Record<ExplainMark['target'], string> = { statement: 'explain-statement', condition: 'explain-condition', element: 'explain-element' };

function toDecoration(m: typeof Monaco, model: editor.ITextModel, mark: ExplainMark): editor.IModelDeltaDecoration {
  const start = model.getPositionAt(mark.span.start);
  const end = model.getPositionAt(mark.span.end);
  const tone = `explain-${mark.tone}`;
  if (mark.target === 'statement') {
    // The label goes at the end of the statement's first line; the hover covers the whole statement's gutter.
    const lineEnd = model.getLineMaxColumn(start.lineNumber);
    return {
      range: new m.Range(start.lineNumber, lineEnd, start.lineNumber, lineEnd),
      options: {
        after: { content: `  ${mark.label}`, inlineClassName: `explain-label ${tone}`, cursorStops: m.editor.InjectedTextCursorStops.None },
        hoverMessage: { value: mark.hover },
        glyphMarginHoverMessage: { value: mark.hover },
        linesDecorationsClassName: `explain-gutter ${tone}`,
        showIfCollapsed: true,
        stickiness: m.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
      },
    };
  }
  return {
    range: new m.Range(start.lineNumber, start.column, end.lineNumber, end.column),
    options: {
      inlineClassName: `${CLASS[mark.target]} ${tone}`,
      hoverMessage: { value: mark.hover },
      ...(mark.label ? { after: { content: ` ${mark.label}`, inlineClassName: `explain-label ${tone}`, cursorStops: m.editor.InjectedTextCursorStops.None } } : {}),
      stickiness: m.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
    },
  };
}

const FINDING_LABEL: Record<CoverageFinding['finding'], string> = {
  'decides-no-test': 'decides no test',
  'decides-nothing': 'decides nothing',
  'never-applies': 'never applies',
  shadowed: 'shadowed',
  'condition-always-true': 'always true',
  'condition-always-false': 'always false',
  'conditions-contradict': 'contradicts',
  'redundant-allow': 'redundant Allow',
};

/** The coverage findings of this policy tab, while the analysed text is the model's (`text` gives it). */
export function coverageFindingsFor(policyId: string | undefined, text: () => string): CoverageFinding[] {
  const job = useReason.getState().jobs.coverage;
  if (!policyId || !job.result || !job.tabs) return [];
  const index = job.tabs.findIndex((t) => t.id === policyId);
  if (index < 0 || job.tabs[index].text !== text()) return [];
  return job.result.findings.filter((f) => f.policyIndex === index);
}

function coverageDecoration(m: MonacoApi, model: editor.ITextModel, f: CoverageFinding): editor.IModelDeltaDecoration {
  const span = f.conditionSpan ?? f.span;
  const start = model.getPositionAt(span.start);
  const lineEnd = model.getLineMaxColumn(start.lineNumber);
  return {
    range: new m.Range(start.lineNumber, lineEnd, start.lineNumber, lineEnd),
    options: {
      after: { content: `  ⚠ ${FINDING_LABEL[f.finding]}`, inlineClassName: 'coverage-label', cursorStops: m.editor.InjectedTextCursorStops.None },
      showIfCollapsed: true,
      hoverMessage: { value: `**Coverage:** ${f.message}` },
      overviewRuler: { color: '#d97706', position: m.editor.OverviewRulerLane.Right },
      stickiness: m.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
    },
  };
}

/**
 * Up to this many explain marks are all drawn; past it, only those near the lines in view.
 * A policy can hold 65,000 conditions, and decorating each took half a second per edit.
 */
export const ALL_MARKS = 1_000;

/** Character offsets of the text around the lines in view, and of the first line in view. */
export interface Window {
  start: number;
  end: number;
  view: number;
}

/** Marks drawn at most when not all are: a policy on one line can put thousands in the window. */
const MOST_DRAWN = 200;

/** The MOST_DRAWN marks nearest the view's start. */
function nearest(marks: ExplainMark[], view: number): ExplainMark[] {
  if (marks.length <= MOST_DRAWN) return marks;
  return marks
    .map((mk) => ({ mk, d: Math.abs(mk.span.start - view) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, MOST_DRAWN)
    .map((x) => x.mk);
}

/**
 * The decorations for the model shown; no explain marks while the decision is out of date
 * (its spans point into an older text). `marks` are all of the policy's, `drawn` tells
 * whether they were cut to `window`.
 */
export function reasonDecorations(
  m: MonacoApi,
  model: editor.ITextModel,
  policyId: string | undefined,
  window?: Window,
): { decorations: editor.IModelDeltaDecoration[]; marks: ExplainMark[]; findings: CoverageFinding[]; windowed: boolean } {
  const s = appStore().getState();
  // The model's text is read only when there are findings to check it against: building a 2 MB string on every scroll is not free.
  const findings = coverageFindingsFor(policyId, () => model.getValue());
  const coverage = findings.map((f) => coverageDecoration(m, model, f));
  // While the worker reads a newer text, the result's spans are the older text's.
  if (s.stale || s.analyzing || !useReasonSettings.getState().explain) return { decorations: coverage, marks: [], findings, windowed: false };
  const marks = explainMarks(s.result, policyId).filter((mk) => mk.span.end <= model.getValueLength());
  const windowed = marks.length > ALL_MARKS && window !== undefined;
  const drawn = windowed ? nearest(marks.filter((mk) => mk.span.end >= window.start && mk.span.start <= window.end), window.view) : marks;
  return { decorations: [...drawn.map((mk) => toDecoration(m, model, mk)), ...coverage], marks, findings, windowed };
}
