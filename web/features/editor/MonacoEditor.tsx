// The Monaco editor for the active policy tab. Loaded lazily: everything else on the
// page renders (and decides) before this module and Monaco arrive.
import { monaco } from '../../monaco/setup';
import { TabFocus } from 'monaco-editor/editor/browser/config/tabFocus';
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { editor } from 'monaco-editor/editor';
import type { Diagnostic } from '../../../engine';
import { bySeverity } from '../../lib/severity';
import { MARKER_OWNER, modelPath, policyForModel, registerProviders, toMarker } from '../../monaco/providers';
import { appStore, useApp } from '../../store';
import { useResolvedTheme } from '../theme/theme';
import { editorBridge } from './bridge';
import { reasonDecorations } from '../reason/decorations';
import { useReasonSettings } from '../reason/settings';
import { useReason } from '../reason/store';

// INVARIANT: one policy editor on the page; its objects live here, never in the store.
const view: {
  editor: editor.IStandaloneCodeEditor | null;
  decorations: editor.IEditorDecorationsCollection | null;
  /** Inline explain and the other reasoning marks (web/features/reason). */
  reasoning: editor.IEditorDecorationsCollection | null;
  host: HTMLDivElement | null;
  lastReveal: number;
  /** The lines the explain marks were drawn for, when a policy has too many to draw all. */
  drawnLines: { first: number; last: number } | null;
} = { editor: null, decorations: null, reasoning: null, host: null, lastReveal: 0, drawnLines: null };

/** Lines above and below the view that get their explain marks when not all are drawn. */
const MARGIN_LINES = 400;

/** The lines in view, or null before the editor has laid out. */
function visibleLines(ed: editor.IStandaloneCodeEditor): { first: number; last: number } | null {
  const ranges = ed.getVisibleRanges();
  if (!ranges.length) return null;
  return { first: ranges[0].startLineNumber, last: ranges[ranges.length - 1].endLineNumber };
}

/** Markers drawn on one line at most; every finding is in the Problems panel. A policy on one line had a thousand to measure. */
const MARKERS_PER_LINE = 40;

/** The diagnostics drawn as markers: all, unless a line has more than MARKERS_PER_LINE, where errors go first. */
function drawnDiagnostics(all: readonly Diagnostic[]): readonly Diagnostic[] {
  const byLine = new Map<number, Diagnostic[]>();
  let crowded = false;
  for (const d of all) {
    const line = byLine.get(d.range.start.line);
    if (line === undefined) byLine.set(d.range.start.line, [d]);
    else if (line.push(d) > MARKERS_PER_LINE) crowded = true;
  }
  if (!crowded) return all;
  return [...byLine.values()].flatMap((ds) => (ds.length <= MARKERS_PER_LINE ? ds : ds.sort(bySeverity).slice(0, MARKERS_PER_LINE)));
}

function syncMarkers() {
  const s = appStore().getState();
  for (const p of s.policies) {
    const model = monaco.editor.getModel(monaco.Uri.parse(modelPath(p.id)));
    if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, drawnDiagnostics(s.diagnostics[p.id] ?? []).map((d) => toMarker(monaco, d)));
  }
}

function syncDecorations() {
  const ed = view.editor;
  const model = ed?.getModel();
  const coll = view.decorations;
  if (!ed || !model || !coll) return;
  const s = appStore().getState();
  const policy = policyForModel(model);
  // An out-of-date decision's spans point into an older text: no highlights until it is current.
  const decisive = s.stale || s.analyzing ? [] : (s.result?.decisiveStatements ?? []).filter((r) => policy && r.policy.id === policy.id);
  coll.set(
    decisive.map((r) => {
      const start = model.getPositionAt(r.span.start);
      const end = model.getPositionAt(r.span.end);
      const deny = r.effect === 'Deny';
      return {
        range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
        options: {
          isWholeLine: true,
          className: deny ? 'decisive-deny' : 'decisive-allow',
          linesDecorationsClassName: deny ? 'decisive-deny-gutter' : 'decisive-allow-gutter',
          overviewRuler: { color: deny ? '#dc2626' : '#16a34a', position: monaco.editor.OverviewRulerLane.Left },
          hoverMessage: { value: `Decides the request: ${r.effect} by ${r.sid ? `\`${r.sid}\`` : `statement ${r.statementIndex + 1}`} in \`${r.policy.name}\`` },
        },
      };
    }),
  );
  view.host?.setAttribute('data-decisive', String(decisive.length));
  syncReasoning();
}

/** Inline explain and coverage marks; when a policy has thousands, those near the lines in view. */
function syncReasoning() {
  const ed = view.editor;
  const model = ed?.getModel();
  if (!ed || !model) return;
  const seen = visibleLines(ed) ?? { first: 1, last: 100 };
  const lines = { first: Math.max(1, seen.first - MARGIN_LINES), last: Math.min(model.getLineCount(), seen.last + MARGIN_LINES) };
  const window = {
    start: model.getOffsetAt({ lineNumber: lines.first, column: 1 }),
    end: model.getOffsetAt({ lineNumber: lines.last, column: model.getLineMaxColumn(lines.last) }),
    view: model.getOffsetAt({ lineNumber: seen.first, column: 1 }),
  };
  const reasoning = reasonDecorations(monaco, model, policyForModel(model)?.id, window);
  view.drawnLines = reasoning.windowed ? lines : null;
  view.reasoning?.set(reasoning.decorations);
  view.host?.setAttribute('data-explained', String(reasoning.marks.filter((m) => m.target === 'statement').length));
  view.host?.setAttribute('data-coverage', String(reasoning.findings.length));
}

/** After a scroll: the marks are drawn again once the view nears the edge of the lines drawn. */
function onScroll(ed: editor.IStandaloneCodeEditor) {
  const drawn = view.drawnLines;
  const seen = drawn && visibleLines(ed);
  if (!drawn || !seen) return;
  const slack = MARGIN_LINES / 2;
  if ((seen.first - slack < drawn.first && drawn.first > 1) || (seen.last + slack > drawn.last && drawn.last < (ed.getModel()?.getLineCount() ?? 0))) syncReasoning();
}

function applyReveal() {
  const ed = view.editor;
  const model = ed?.getModel();
  const r = appStore().getState().reveal;
  if (!ed || !model || !r || r.seq === view.lastReveal) return;
  if (policyForModel(model)?.id !== r.policyId) return;
  view.lastReveal = r.seq;
  const start = model.getPositionAt(r.span.start);
  const end = model.getPositionAt(r.span.end);
  const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
  ed.setSelection(range);
  ed.revealRangeInCenterIfOutsideViewport(range);
  ed.focus();
}

const onMount: OnMount = (ed) => {
  view.editor = ed;
  registerProviders(monaco);
  view.decorations = ed.createDecorationsCollection();
  view.reasoning = ed.createDecorationsCollection();
  ed.onDidScrollChange(() => onScroll(ed));
  editorBridge.format = () => {
    void ed.getAction('editor.action.formatDocument')?.run();
  };
  editorBridge.focus = () => ed.focus();
  // Ctrl+M flips Monaco's page-wide tab focus mode; the editor's keyboard hint follows it.
  const tabFocus = TabFocus.onDidChangeTabFocus((on) => appStore().getState().actions.setEditorTabMovesFocus(on));
  appStore().getState().actions.setEditorTabMovesFocus(TabFocus.getTabFocusMode());
  ed.onDidDispose(() => tabFocus.dispose());
  view.host?.setAttribute('data-ready', 'true');
  ed.onDidDispose(() => {
    if (view.editor !== ed) return;
    view.editor = null;
    view.decorations = null;
    view.reasoning = null;
    view.drawnLines = null;
    editorBridge.format = undefined;
    editorBridge.focus = undefined;
  });
  syncMarkers();
  syncDecorations();
  applyReveal();
};

function onChange(value: string | undefined) {
  const model = view.editor?.getModel();
  const policy = model ? policyForModel(model) : undefined;
  if (policy) appStore().getState().actions.setPolicyText(policy.id, value ?? '');
}

const EDITOR_OPTIONS: editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  tabSize: 2,
  scrollBeyondLastLine: false,
  fixedOverflowWidgets: true,
  wordWrap: 'off',
  renderValidationDecorations: 'on',
  lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
  quickSuggestions: { strings: true, other: true, comments: false },
  // Suggestions come from the engine's completion only.
  wordBasedSuggestions: 'off',
  ariaLabel: 'Policy editor. Press Ctrl+M to toggle whether Tab moves focus.',
};

export default function MonacoEditor() {
  const { activeId, text } = useApp(useShallow((s) => ({ activeId: s.activeId, text: s.policies.find((p) => p.id === s.activeId)?.text ?? '' })));
  const diagnostics = useApp((s) => s.diagnostics);
  const policies = useApp((s) => s.policies);
  const { result, stale, analyzing } = useApp(useShallow((s) => ({ result: s.result, stale: s.stale, analyzing: s.analyzing })));
  const reveal = useApp((s) => s.reveal);
  const explain = useReasonSettings((s) => s.explain);
  const coverage = useReason((s) => s.jobs.coverage);
  const theme = useResolvedTheme();

  // Markers for every open model, whenever diagnostics change.
  useEffect(() => syncMarkers(), [diagnostics, activeId]);
  // Decisive statements of the active policy.
  useEffect(() => syncDecorations(), [result, stale, analyzing, activeId, text, explain, coverage]);
  // A click on a deciding statement in the result panel.
  useEffect(() => applyReveal(), [reveal, activeId]);
  // Models of closed tabs are disposed.
  useEffect(() => {
    const live = new Set(policies.map((p) => monaco.Uri.parse(modelPath(p.id)).toString()));
    for (const m of monaco.editor.getModels()) if (!live.has(m.uri.toString())) m.dispose();
  }, [policies]);

  return (
    <div
      ref={(el) => {
        view.host = el;
      }}
      className="h-full min-h-0"
      data-testid="monaco-host"
    >
      <Editor
        path={modelPath(activeId)}
        defaultLanguage="json"
        value={text}
        theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        onMount={onMount}
        onChange={onChange}
        loading={<div className="p-3 text-sm text-(--muted)">Loading the editor…</div>}
        options={EDITOR_OPTIONS}
      />
    </div>
  );
}
