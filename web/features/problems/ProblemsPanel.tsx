// Every finding of every policy, grouped by policy: errors, security warnings, warnings,
// suggestions, and the workspace's own (a policy left out or turned off). Each entry
// shows the message, the catalog's help, and its quick fix as a button; a click on the
// entry shows the place in the editor.
import { useShallow } from 'zustand/react/shallow';
import { codeInfo, type Diagnostic } from '../../engine-extras';
import { Inline } from '../../lib/Inline';
import { applyEdits } from '../../lib/text';
import { useActions, useApp } from '../../store';
import { KIND_SHORT } from '../editor/PolicyTabs';
import { bySeverity, SEVERITY_ORDER } from '../../lib/severity';

export const SEVERITY_LABEL: Record<Diagnostic['severity'], string> = { error: 'Error', security: 'Security', warning: 'Warning', suggestion: 'Suggestion' };
const SEVERITY_CHIP: Record<Diagnostic['severity'], string> = { error: 'chip-deny', security: 'chip-deny', warning: 'chip-nope', suggestion: 'chip-muted' };

export function ProblemsPanel() {
  const { policies, diagnostics } = useApp(useShallow((s) => ({ policies: s.policies, diagnostics: s.diagnostics })));
  const actions = useActions();
  const total = policies.reduce((n, p) => n + (diagnostics[p.id]?.length ?? 0), 0);
  const counts = SEVERITY_ORDER.map((sev) => [sev, policies.reduce((n, p) => n + (diagnostics[p.id] ?? []).filter((d) => d.severity === sev).length, 0)] as const).filter(([, n]) => n > 0);
  return (
    <div className="flex flex-col gap-3 p-3" data-testid="problems">
      <p className="text-sm text-(--muted)" data-testid="problems-summary">
        {total === 0 ? 'No problems in any policy.' : counts.map(([sev, n]) => `${n} ${SEVERITY_LABEL[sev].toLowerCase()}${n === 1 ? '' : 's'}`).join(' · ')}
      </p>
      {policies.map((p) => {
        const list = [...(diagnostics[p.id] ?? [])].sort((a, b) => bySeverity(a, b) || a.span.start - b.span.start);
        if (list.length === 0) return null;
        return (
          <section key={p.id} data-testid="problem-group" data-policy-id={p.id} aria-label={`${p.name}: ${list.length} problems`} className="flex flex-col gap-1">
            <h3 className="flex items-center gap-1.5 text-sm font-semibold">
              <span className={`kind-badge kind-${p.kind}`}>{KIND_SHORT[p.kind]}</span>
              {p.name}
              <span className="count">{list.length}</span>
            </h3>
            <ul className="flex flex-col gap-1">
              {list.map((d, i) => (
                <li key={`${d.code}:${d.span.start}:${i}`} data-testid="problem" data-code={d.code} data-severity={d.severity} className="rounded border border-(--border) text-sm">
                  <button
                    type="button"
                    data-testid="problem-open"
                    className="flex w-full items-baseline gap-2 px-2 pt-1 text-left hover:bg-(--hover)"
                    onClick={() => actions.revealStatement(p.id, d.span)}
                    title="Show it in the editor"
                  >
                    <span className={`chip ${SEVERITY_CHIP[d.severity]}`}>{SEVERITY_LABEL[d.severity]}</span>
                    <span className="min-w-0 flex-1 break-words">
                      <Inline text={d.message} />
                    </span>
                    <span className="shrink-0 text-xs text-(--muted)">
                      {d.range.start.line}:{d.range.start.column}
                    </span>
                  </button>
                  <p className="px-2 pb-1 text-xs text-(--muted)" data-testid="problem-help">
                    <span className="font-medium">{codeInfo(d.code).title}.</span> <Inline text={codeInfo(d.code).help} />
                  </p>
                  {d.fix && (
                    <div className="px-2 pb-1.5">
                      <button
                        type="button"
                        data-testid="problem-fix"
                        className="btn btn-sm"
                        onClick={() => {
                          actions.setActive(p.id);
                          actions.setPolicyText(p.id, applyEdits(p.text, d.fix!.edits));
                        }}
                      >
                        <span className="text-(--muted)">Quick fix:</span> <Inline text={d.fix.title} />
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
