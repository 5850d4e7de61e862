// The policy editor area: tabs, the active tab's toolbar, and the editor itself,
// which loads lazily. Until Monaco arrives the policy text is shown as plain text.
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PolicyKind } from '../../../engine';
import { useActions, useApp } from '../../store';
import { editorBridge } from './bridge';
import { KindOptions, PolicyTabs } from './PolicyTabs';

const MonacoEditor = lazy(() => import('./MonacoEditor'));

function ActiveText() {
  return useApp((s) => s.policies.find((p) => p.id === s.activeId)?.text ?? '');
}

function Fallback() {
  const text = ActiveText();
  return (
    <pre data-testid="editor-fallback" className="h-full overflow-auto p-3 font-mono text-[13px] leading-[19px] whitespace-pre">
      {text}
    </pre>
  );
}

/** When Monaco cannot load (offline and never cached, say), a plain text area still edits the policy. */
function PlainEditor() {
  const { id, text } = useApp(useShallow((s) => ({ id: s.activeId, text: s.policies.find((p) => p.id === s.activeId)?.text ?? '' })));
  const actions = useActions();
  return (
    <textarea
      data-testid="editor-textarea"
      aria-label="Policy text"
      spellCheck={false}
      value={text}
      onChange={(e) => actions.setPolicyText(id, e.currentTarget.value)}
      className="h-full w-full resize-none bg-transparent p-3 font-mono text-[13px]"
    />
  );
}

class EditorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <PlainEditor /> : this.props.children;
  }
}

function Toolbar() {
  const { policy, leftOut, index, count } = useApp(
    useShallow((s) => {
      const index = s.policies.findIndex((p) => p.id === s.activeId);
      const policy = s.policies[index];
      return { policy, index, count: s.policies.length, leftOut: policy ? s.leftOut[policy.id] : undefined };
    }),
  );
  const actions = useActions();
  if (!policy) return null;
  const btn = 'rounded border border-(--border) px-2 py-0.5 text-xs hover:bg-(--hover) disabled:opacity-40';
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-(--border) bg-(--panel) px-2 py-1 text-xs" data-testid="policy-toolbar">
      <label className="flex items-center gap-1">
        <span className="text-(--muted)">Kind</span>
        <select
          data-testid="policy-kind"
          value={policy.kind}
          onChange={(e) => actions.setPolicyKind(policy.id, e.currentTarget.value as PolicyKind)}
          className="rounded border border-(--border) bg-(--bg) px-1 py-0.5"
        >
          <KindOptions />
        </select>
      </label>
      <button
        type="button"
        className={btn}
        data-testid="policy-rename"
        onClick={() => actions.setRenaming(policy.id)}
      >
        Rename
      </button>
      <button type="button" className={btn} data-testid="policy-move-left" disabled={index === 0} onClick={() => actions.movePolicy(policy.id, -1)} aria-label="Move tab left">
        ◀
      </button>
      <button type="button" className={btn} data-testid="policy-move-right" disabled={index === count - 1} onClick={() => actions.movePolicy(policy.id, 1)} aria-label="Move tab right">
        ▶
      </button>
      <button type="button" className={btn} data-testid="format-document" onClick={() => editorBridge.format?.()} title="Format document (Shift+Alt+F)">
        Format
      </button>
      <button type="button" className={`${btn} text-red-700 dark:text-red-400`} data-testid="policy-remove" onClick={() => actions.removePolicy(policy.id)}>
        Remove
      </button>
      {leftOut && (
        <span className="text-amber-700 dark:text-amber-400" data-testid="policy-ignored">
          Not evaluated: {leftOut}.
        </span>
      )}
    </div>
  );
}

export function EditorPane() {
  const empty = useApp((s) => s.policies.length === 0);
  return (
    <section aria-label="Policies" className="flex h-full min-h-0 flex-col">
      <PolicyTabs />
      <Toolbar />
      <div className="min-h-0 flex-1" data-testid="editor">
        {empty ? (
          <p className="p-4 text-sm text-(--muted)">No policies. Add one with “+ Add policy…”, or open an example.</p>
        ) : (
          <EditorBoundary>
            <Suspense fallback={<Fallback />}>
              <MonacoEditor />
            </Suspense>
          </EditorBoundary>
        )}
      </div>
    </section>
  );
}
