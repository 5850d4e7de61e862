// The policy editor area: tabs, the active tab's toolbar, and the editor itself,
// which loads lazily. Until Monaco arrives the policy text is shown as plain text.
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PolicyKind } from '../../../engine';
import { levelPhrase, organizationLevels } from '../../lib/levels';
import { useActions, useApp } from '../../store';
import { SessionPolicyWarning } from '../request/warnings';
import { ExplainToggle } from '../reason/ExplainToggle';
import { loadMonaco } from '../../monaco/load';
import { editorBridge } from './bridge';
import { KindOptions, PolicyTabs } from './PolicyTabs';

// Monaco's modules evaluate in steps (monaco/load.ts), then the editor.
const MonacoEditor = lazy(() => loadMonaco().then(() => import('./MonacoEditor')));

function ActiveText() {
  return useApp((s) => s.policies.find((p) => p.id === s.activeId)?.text ?? '');
}

/** The fallback shows the text's start only: it stands in until Monaco arrives, and laying out a 2 MB text took seconds. */
const FALLBACK_CHARS = 20_000;

function Fallback() {
  const text = ActiveText();
  const line = text.lastIndexOf('\n', FALLBACK_CHARS);
  const cut = text.length <= FALLBACK_CHARS ? -1 : line > 0 ? line : FALLBACK_CHARS;
  return (
    <pre data-testid="editor-fallback" className="h-full overflow-auto p-3 font-mono text-[13px] leading-[19px] whitespace-pre">
      {cut > 0 ? `${text.slice(0, cut)}\n…` : text}
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
  const { policy, leftOut, index, count, policies } = useApp(
    useShallow((s) => {
      const index = s.policies.findIndex((p) => p.id === s.activeId);
      const policy = s.policies[index];
      return { policy, index, count: s.policies.length, leftOut: policy ? s.leftOut[policy.id] : undefined, policies: s.policies };
    }),
  );
  const actions = useActions();
  if (!policy) return null;
  const level = organizationLevels(policies)[policy.id];
  const btn = 'btn btn-sm';
  return (
    <div className="flex flex-wrap items-center gap-1.5 border-b border-(--border) bg-(--bg) px-2 py-1 text-xs" data-testid="policy-toolbar">
      <label className="flex items-center gap-1">
        <span className="text-(--muted)">Kind</span>
        <select
          data-testid="policy-kind"
          value={policy.kind}
          onChange={(e) => actions.setPolicyKind(policy.id, e.currentTarget.value as PolicyKind)}
          className="rounded border border-(--border) bg-(--raised) px-1 py-0.5"
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
      <ExplainToggle />
      <button type="button" className={`${btn} btn-danger`} data-testid="policy-remove" onClick={() => actions.removePolicy(policy.id)}>
        Remove
      </button>
      {level && (
        <span className="flex items-center gap-1" data-testid="policy-level-controls">
          <span className="text-(--muted)" data-testid="policy-level-label">
            Stands for {levelPhrase(level)}, level {level.index + 1} of {level.count}
          </span>
          <button type="button" className={btn} data-testid="level-up" disabled={level.index === 0} onClick={() => actions.moveLevel(policy.id, -1)} title="One level out, toward the root">
            ↑ Outer
          </button>
          <button type="button" className={btn} data-testid="level-down" disabled={level.index === level.count - 1} onClick={() => actions.moveLevel(policy.id, 1)} title="One level in, toward the account">
            ↓ Inner
          </button>
        </span>
      )}
      {leftOut && (
        <span className="text-(--warn-fg)" data-testid="policy-ignored">
          Not evaluated: {leftOut}.
        </span>
      )}
      {policy.kind === 'session' && <SessionPolicyWarning />}
    </div>
  );
}

/** How to leave the editor with the keyboard (Monaco keeps Tab for indenting until Ctrl+M). */
function KeyboardHint() {
  const tabMoves = useApp((s) => s.editorTabMovesFocus);
  return (
    <p className="editor-hint" data-testid="editor-keyboard-hint" data-tab-moves-focus={String(tabMoves)}>
      {tabMoves ? (
        <>
          <kbd>Tab</kbd> now moves the focus out of the editor; <kbd>Ctrl</kbd>+<kbd>M</kbd> (<kbd>⌃⇧M</kbd> on a Mac) to indent with Tab again.
        </>
      ) : (
        <>
          To leave the editor: <kbd>Ctrl</kbd>+<kbd>M</kbd> (<kbd>⌃⇧M</kbd> on a Mac), then <kbd>Tab</kbd>. <kbd>Alt</kbd>+<kbd>R</kbd> goes to the request.
        </>
      )}
    </p>
  );
}

export function EditorPane() {
  const { empty, activeId } = useApp(useShallow((s) => ({ empty: s.policies.length === 0, activeId: s.activeId })));
  return (
    <section aria-label="Policies" className="flex h-full min-h-0 flex-col">
      <PolicyTabs />
      <Toolbar />
      <div className="editor-frame min-h-0 flex-1" data-testid="editor" role="tabpanel" id="policy-editor-panel" aria-labelledby={activeId ? `policy-tab-${activeId}` : undefined}>
        {empty ? (
          <p className="p-4 text-sm text-(--muted)">No policies. Add one with “+ Add policy…”, or open an example.</p>
        ) : (
          <EditorBoundary>
            <Suspense fallback={<Fallback />}>
              <MonacoEditor />
            </Suspense>
          </EditorBoundary>
        )}
        {!empty && <KeyboardHint />}
      </div>
    </section>
  );
}
