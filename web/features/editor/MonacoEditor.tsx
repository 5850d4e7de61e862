// The Monaco editor for the active policy tab. Loaded lazily: everything else on the
// page renders (and decides) before this module and Monaco arrive.
import { monaco } from '../../monaco/setup';
import { TabFocus } from 'monaco-editor/editor/browser/config/tabFocus';
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { editor } from 'monaco-editor/editor';
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
} = { editor: null, decorations: null, reasoning: null, host: null, lastReveal: 0 };

function syncMarkers() {
  const s = appStore().getState();
  for (const p of s.policies) {
    const model = monaco.editor.getModel(monaco.Uri.parse(modelPath(p.id)));
    if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, (s.diagnostics[p.id] ?? []).map((d) => toMarker(monaco, d)));
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
  const decisive = s.stale ? [] : (s.result?.decisiveStatements ?? []).filter((r) => policy && r.policy.id === policy.id);
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
  const reasoning = reasonDecorations(monaco, model, policy?.id);
  view.reasoning?.set(reasoning.decorations);
  view.host?.setAttribute('data-explained', String(reasoning.marks.filter((m) => m.target === 'statement').length));
  view.host?.setAttribute('data-coverage', String(reasoning.findings.length));
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
  const { result, stale } = useApp(useShallow((s) => ({ result: s.result, stale: s.stale })));
  const reveal = useApp((s) => s.reveal);
  const explain = useReasonSettings((s) => s.explain);
  const coverage = useReason((s) => s.jobs.coverage);
  const theme = useResolvedTheme();

  // Markers for every open model, whenever diagnostics change.
  useEffect(() => syncMarkers(), [diagnostics, activeId]);
  // Decisive statements of the active policy.
  useEffect(() => syncDecorations(), [result, stale, activeId, text, explain, coverage]);
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
