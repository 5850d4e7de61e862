// Editor features backed by the engine: completion, hover, quick fixes and markers.
// The engine's results are the truth; Monaco's markers and decorations only show them.
import type * as Monaco from 'monaco-editor/editor';
import { codeInfo, completeAt, hoverAt, type CompletionItem, type Diagnostic } from '../engine-extras';
import { plainText } from '../lib/text';
import { appStore } from '../store';
import type { PolicyTab } from '../store/types';

type M = typeof Monaco;

export const MARKER_OWNER = 'policy-sim';

/** What completion and hover know beyond the text: every service's action names, once loaded. */
function editorOptions() {
  return { actionNames: appStore().getState().actionNames ?? undefined };
}

/** The editor path (model URI) of a policy tab. */
export function modelPath(id: string): string {
  return `policy/${id}.json`;
}

export function policyForModel(model: Monaco.editor.ITextModel): PolicyTab | undefined {
  const m = /\/policy\/([^/]+)\.json$/.exec(model.uri.path);
  return m ? appStore().getState().policies.find((p) => p.id === m[1]) : undefined;
}

export function markerSeverity(monaco: M, s: Diagnostic['severity']): Monaco.MarkerSeverity {
  switch (s) {
    case 'error':
      return monaco.MarkerSeverity.Error;
    case 'security':
    case 'warning':
      return monaco.MarkerSeverity.Warning;
    case 'suggestion':
      return monaco.MarkerSeverity.Info;
  }
}

export function toMarker(monaco: M, d: Diagnostic): Monaco.editor.IMarkerData {
  const empty = d.range.start.line === d.range.end.line && d.range.start.column === d.range.end.column;
  // Markers are plain text: names in quotes, the catalog's help on a line of its own, the fix offered as a quick fix.
  const help = plainText(codeInfo(d.code).help);
  const fix = d.fix ? `\nQuick fix (Ctrl+.): ${plainText(d.fix.title)}` : '';
  return {
    severity: markerSeverity(monaco, d.severity),
    message: `${d.severity === 'security' ? 'Security: ' : ''}${plainText(d.message)}\n${help}${fix}`,
    code: d.code,
    source: 'policy-sim',
    startLineNumber: d.range.start.line,
    startColumn: d.range.start.column,
    endLineNumber: d.range.end.line,
    endColumn: empty ? d.range.end.column + 1 : d.range.end.column,
  };
}

const COMPLETION_KIND: Record<CompletionItem['kind'], keyof typeof Monaco.languages.CompletionItemKind> = {
  action: 'Function',
  operator: 'Operator',
  conditionKey: 'Property',
  arn: 'Reference',
  element: 'Keyword',
  value: 'Value',
};

function intersects(a: Monaco.IRange, d: Diagnostic): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
  return before(d.range.start.line, d.range.start.column, a.endLineNumber, a.endColumn) && before(a.startLineNumber, a.startColumn, d.range.end.line, d.range.end.column);
}

let registered = false;

export function registerProviders(monaco: M): void {
  if (registered) return;
  registered = true;

  monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['"', ':', '/', '.'],
    provideCompletionItems(model, position) {
      const policy = policyForModel(model);
      if (!policy) return { suggestions: [] };
      const r = completeAt(model.getValue(), model.getOffsetAt(position), policy.kind, editorOptions());
      const start = model.getPositionAt(r.from);
      const end = model.getPositionAt(r.to);
      const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
      return {
        suggestions: r.items.map((item, i) => ({
          label: item.label,
          kind: monaco.languages.CompletionItemKind[COMPLETION_KIND[item.kind]],
          detail: item.detail,
          documentation: item.documentation ? { value: item.documentation } : undefined,
          insertText: item.snippet ?? item.insertText,
          insertTextRules: item.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          range,
          sortText: item.sortText ?? String(i).padStart(5, '0'),
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider('json', {
    provideHover(model, position) {
      const policy = policyForModel(model);
      if (!policy) return null;
      const h = hoverAt(model.getValue(), model.getOffsetAt(position), policy.kind, editorOptions());
      if (!h) return null;
      const start = model.getPositionAt(h.span.start);
      const end = model.getPositionAt(h.span.end);
      return { range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), contents: [{ value: h.markdown }] };
    },
  });

  monaco.languages.registerCodeActionProvider(
    'json',
    {
      provideCodeActions(model, range, context) {
        const policy = policyForModel(model);
        if (!policy) return { actions: [], dispose() {} };
        const diagnostics = appStore().getState().diagnostics[policy.id] ?? [];
        const actions: Monaco.languages.CodeAction[] = [];
        for (const d of diagnostics) {
          if (!d.fix || !intersects(range, d)) continue;
          const marker = context.markers.find((m) => m.code === d.code && m.startLineNumber === d.range.start.line && m.startColumn === d.range.start.column);
          actions.push({
            title: d.fix.title,
            kind: 'quickfix',
            isPreferred: true,
            diagnostics: marker ? [marker] : undefined,
            edit: {
              edits: d.fix.edits.map((e) => ({
                resource: model.uri,
                versionId: model.getVersionId(),
                textEdit: { range: new monaco.Range(e.range.start.line, e.range.start.column, e.range.end.line, e.range.end.column), text: e.text },
              })),
            },
          });
        }
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}
