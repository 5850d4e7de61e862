// The reasoning features' marks in the editor, as Monaco decorations: inline explain
// (explain.ts) for the selected request. MonacoEditor owns the collection and calls this.
import type { editor } from 'monaco-editor/editor';
import type { monaco as Monaco } from '../../monaco/setup';
import { appStore } from '../../store';
import { explainMarks, type ExplainMark } from './explain';
import { useReasonSettings } from './settings';

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

/** The decorations for the model shown; none while the decision is out of date (its spans point into an older text). */
export function reasonDecorations(m: MonacoApi, model: editor.ITextModel, policyId: string | undefined): { decorations: editor.IModelDeltaDecoration[]; marks: ExplainMark[] } {
  const s = appStore().getState();
  if (s.stale || !useReasonSettings.getState().explain) return { decorations: [], marks: [] };
  const marks = explainMarks(s.result, policyId).filter((mk) => mk.span.end <= model.getValueLength());
  return { decorations: marks.map((mk) => toDecoration(m, model, mk)), marks };
}
