// The workspace's policies as tabs: switch, add, rename, reorder, remove.
import { useRef, type DragEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PolicyKind } from '../../../engine';
import { useActions, useApp } from '../../store';
import { kindLabel } from '../../store/slices';

export const KIND_SHORT: Record<PolicyKind, string> = {
  identity: 'ID',
  resource: 'RES',
  boundary: 'PB',
  scp: 'SCP',
  rcp: 'RCP',
  session: 'SES',
};

export const KIND_ORDER: PolicyKind[] = ['identity', 'resource', 'boundary', 'scp', 'rcp', 'session'];

/** The policy kinds as `<option>`s, in their usual order. */
export function KindOptions() {
  return KIND_ORDER.map((k) => (
    <option key={k} value={k}>
      {kindLabel(k)}
    </option>
  ));
}

export function PolicyTabs() {
  const { policies, activeId, diagnostics, renaming } = useApp(
    useShallow((s) => ({ policies: s.policies, activeId: s.activeId, diagnostics: s.diagnostics, renaming: s.renamingId })),
  );
  const actions = useActions();
  const setRenaming = actions.setRenaming;
  const dragId = useRef<string | null>(null);
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());

  const onKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) {
      if (e.key === 'F2') {
        e.preventDefault();
        setRenaming(policies[index].id);
      }
      return;
    }
    e.preventDefault();
    if (e.altKey && e.shiftKey) {
      actions.movePolicy(policies[index].id, delta);
      return;
    }
    const next = policies[(index + delta + policies.length) % policies.length];
    actions.setActive(next.id);
    tabRefs.current.get(next.id)?.focus();
  };

  const onDrop = (e: DragEvent, targetIndex: number) => {
    e.preventDefault();
    const from = policies.findIndex((p) => p.id === dragId.current);
    if (from >= 0 && from !== targetIndex) actions.movePolicy(policies[from].id, targetIndex - from);
    dragId.current = null;
  };

  return (
    <div className="flex min-w-0 items-end gap-1 overflow-x-auto border-b border-(--border) px-2 pt-1" data-testid="policy-tabs">
      <div role="tablist" aria-label="Policies" className="flex min-w-0 items-end gap-1">
        {policies.map((p, i) => {
          const errors = (diagnostics[p.id] ?? []).filter((d) => d.severity === 'error').length;
          const warnings = (diagnostics[p.id] ?? []).length - errors;
          const active = p.id === activeId;
          if (renaming === p.id) {
            return (
              <input
                key={p.id}
                autoFocus
                aria-label="Policy name"
                data-testid="policy-rename-input"
                defaultValue={p.name}
                className="w-44 rounded-t border border-(--accent) bg-(--panel) px-2 py-1 text-sm"
                onBlur={(e) => {
                  actions.renamePolicy(p.id, e.currentTarget.value);
                  setRenaming(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') e.currentTarget.blur();
                  if (e.key === 'Escape') setRenaming(null);
                }}
              />
            );
          }
          return (
            <button
              key={p.id}
              ref={(el) => {
                if (el) tabRefs.current.set(p.id, el);
                else tabRefs.current.delete(p.id);
              }}
              role="tab"
              type="button"
              aria-selected={active}
              tabIndex={active ? 0 : -1}
              data-testid="policy-tab"
              data-policy-id={p.id}
              data-kind={p.kind}
              data-active={active}
              title={`${kindLabel(p.kind)}: ${p.name} (double-click or F2 to rename; Alt+Shift+←/→ to move)`}
              draggable
              onDragStart={() => (dragId.current = p.id)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => onDrop(e, i)}
              onClick={() => actions.setActive(p.id)}
              onDoubleClick={() => setRenaming(p.id)}
              onKeyDown={(e) => onKey(e, i)}
              className={`flex max-w-56 shrink-0 items-center gap-1.5 rounded-t border border-b-0 px-2 py-1 text-sm ${
                active ? 'border-(--border) bg-(--panel) font-medium' : 'border-transparent text-(--muted) hover:bg-(--hover)'
              }`}
            >
              <span className={`kind-badge kind-${p.kind}`}>{KIND_SHORT[p.kind]}</span>
              <span className="truncate" data-testid="policy-tab-name">
                {p.name}
              </span>
              {errors > 0 && (
                <span className="rounded bg-red-600 px-1 text-xs text-white" aria-label={`${errors} errors`}>
                  {errors}
                </span>
              )}
              {errors === 0 && warnings > 0 && (
                <span className="rounded bg-amber-500 px-1 text-xs text-black" aria-label={`${warnings} findings`}>
                  {warnings}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <label className="mb-1 ml-1 shrink-0">
        <span className="sr-only">Add a policy</span>
        <select
          data-testid="add-policy"
          value=""
          onChange={(e) => {
            const kind = e.currentTarget.value as PolicyKind;
            if (kind) actions.addPolicy(kind);
          }}
          className="rounded border border-(--border) bg-(--panel) px-1 py-0.5 text-sm"
        >
          <option value="">+ Add policy…</option>
          <KindOptions />
        </select>
      </label>
    </div>
  );
}
