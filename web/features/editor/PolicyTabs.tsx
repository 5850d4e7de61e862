// The workspace's policies as tabs: switch, add, rename, reorder, remove. The strip
// scrolls sideways (the active tab is always scrolled into it), a list beside it names
// every tab, and the add control sits after the strip, never over a tab.
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { POLICY_KIND_LIST, type PolicyKind } from '../../../engine';
import { levelPhrase, organizationLevels } from '../../lib/levels';
import { Popover } from '../../lib/Popover';
import { useRovingTabs } from '../../lib/tabs';
import { useActions, useApp } from '../../store';
import { kindLabel } from '../../store/slices';
import { ShowMore, useLimited } from '../../lib/Limited';

export const KIND_SHORT: Record<PolicyKind, string> = {
  identity: 'ID',
  resource: 'RES',
  boundary: 'PB',
  scp: 'SCP',
  rcp: 'RCP',
  session: 'SES',
};


/** The policy kinds as `<option>`s, in their usual order. */
export function KindOptions() {
  return POLICY_KIND_LIST.map((k) => (
    <option key={k} value={k}>
      {kindLabel(k)}
    </option>
  ));
}

/** Scrolls a tab into its strip, sideways only (the page itself does not move). */
function scrollIntoStrip(strip: HTMLElement | null, tab: HTMLElement | null | undefined) {
  if (!strip || !tab) return;
  const margin = 24;
  // INVARIANT: the strip is positioned, so a tab's offsetLeft is measured from it.
  const left = tab.offsetLeft;
  const right = left + tab.offsetWidth;
  if (left - margin < strip.scrollLeft) strip.scrollLeft = Math.max(0, left - margin);
  else if (right + margin > strip.scrollLeft + strip.clientWidth) strip.scrollLeft = right + margin - strip.clientWidth;
}

/** Tabs drawn in the strip at most: a template import can open thousands, and laying them all out took seconds. */
const STRIP_TABS = 100;

function AllTabs() {
  const { policies, activeId } = useApp(useShallow((s) => ({ policies: s.policies, activeId: s.activeId })));
  const actions = useActions();
  const [open, setOpen] = useState(false);
  const listed = useLimited(policies, 200);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      label="All policies"
      buttonTestId="policy-tab-list"
      buttonClass="btn btn-sm"
      buttonTitle="Every policy tab"
      button={
        <>
          <span aria-hidden>☰</span> {policies.length}
          <span className="sr-only"> policies: show all</span>
        </>
      }
      panelTestId="policy-tab-list-panel"
      panelClass="w-72"
    >
      <ul className="flex max-h-[60vh] flex-col overflow-auto">
        {listed.shown.map((p, i) => (
          <li key={p.id}>
            <button
              type="button"
              data-testid="policy-tab-list-item"
              data-policy-id={p.id}
              aria-current={p.id === activeId ? 'true' : undefined}
              className={`flex w-full items-center gap-1.5 rounded px-2 py-1 text-left text-sm hover:bg-(--hover) ${p.id === activeId ? 'font-semibold' : ''}`}
              onClick={() => {
                actions.setActive(p.id);
                setOpen(false);
              }}
            >
              <span className="w-5 text-right text-xs text-(--muted)">{i + 1}</span>
              <span className={`kind-badge kind-${p.kind}`}>{KIND_SHORT[p.kind]}</span>
              <span className="truncate">{p.name}</span>
            </button>
          </li>
        ))}
        {listed.more.hidden > 0 && (
          <li className="px-2 py-1">
            <ShowMore {...listed.more} />
          </li>
        )}
      </ul>
    </Popover>
  );
}

export function PolicyTabs() {
  const { policies, activeId, diagnostics, renaming } = useApp(
    useShallow((s) => ({ policies: s.policies, activeId: s.activeId, diagnostics: s.diagnostics, renaming: s.renamingId })),
  );
  const actions = useActions();
  const setRenaming = actions.setRenaming;
  const dragId = useRef<string | null>(null);
  const strip = useRef<HTMLDivElement>(null);
  const levels = organizationLevels(policies);
  const ids = policies.map((p) => p.id);
  // The strip holds STRIP_TABS tabs around the active one; the list (☰) has every tab.
  const activeIndex = Math.max(0, ids.indexOf(activeId));
  const first = policies.length <= STRIP_TABS ? 0 : Math.min(Math.max(0, activeIndex - STRIP_TABS / 2), policies.length - STRIP_TABS);
  const inStrip = policies.slice(first, first + STRIP_TABS);

  const roving = useRovingTabs(ids, activeId, (id) => actions.setActive(id), (e: KeyboardEvent, id) => {
    if (e.key === 'F2') {
      e.preventDefault();
      setRenaming(id);
      return true;
    }
    if (e.altKey && e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      actions.movePolicy(id, e.key === 'ArrowRight' ? 1 : -1);
      return true;
    }
    return false;
  });

  // The active tab is always in view in the strip, however it became active. Measured in
  // the next frame's rAF, before it paints: in a layout effect the measuring forced the
  // whole page's first layout inside the first render's task (70 ms of a 250 ms task).
  useEffect(() => {
    const frame = requestAnimationFrame(() => scrollIntoStrip(strip.current, strip.current?.querySelector<HTMLElement>(`[data-policy-id="${activeId}"]`)));
    return () => cancelAnimationFrame(frame);
  }, [activeId, policies.length]);

  const onDrop = (e: DragEvent, targetIndex: number) => {
    e.preventDefault();
    const from = policies.findIndex((p) => p.id === dragId.current);
    if (from >= 0 && from !== targetIndex) actions.movePolicy(policies[from].id, targetIndex - from);
    dragId.current = null;
  };

  return (
    <div className="flex min-w-0 items-end border-b border-(--border) bg-(--panel)" data-testid="policy-tabs">
      <div ref={strip} role="tablist" aria-label="Policies" className="tab-strip relative flex min-w-0 flex-1 items-end gap-0.5 overflow-x-auto overflow-y-hidden px-1.5 pt-1">
        {first > 0 && (
          <span className="mb-1 shrink-0 px-1 text-xs text-(--muted)" data-testid="policy-tabs-before">
            {first} before
          </span>
        )}
        {inStrip.map((p, j) => {
          const i = first + j;
          const errors = (diagnostics[p.id] ?? []).filter((d) => d.severity === 'error').length;
          const warnings = (diagnostics[p.id] ?? []).length - errors;
          const active = p.id === activeId;
          const level = levels[p.id];
          if (renaming === p.id) {
            return (
              <input
                key={p.id}
                autoFocus
                aria-label="Policy name"
                data-testid="policy-rename-input"
                data-policy-id={p.id}
                defaultValue={p.name}
                className="mb-0.5 w-44 shrink-0 rounded border border-(--accent) bg-(--bg) px-2 py-0.5 text-sm"
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
              {...roving.tabProps(p.id)}
              role="tab"
              type="button"
              id={`policy-tab-${p.id}`}
              aria-selected={active}
              aria-controls="policy-editor-panel"
              data-testid="policy-tab"
              data-policy-id={p.id}
              data-kind={p.kind}
              data-active={active}
              data-level={level?.name}
              title={`${kindLabel(p.kind)}: ${p.name}${level ? ` — stands for ${levelPhrase(level)} (level ${level.index + 1} of ${level.count}); every level must allow` : ''}. Double-click or F2 to rename; Alt+Shift+←/→ to move.`}
              draggable
              onDragStart={() => (dragId.current = p.id)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => onDrop(e, i)}
              onClick={() => actions.setActive(p.id)}
              onDoubleClick={() => setRenaming(p.id)}
              className="policy-tab"
            >
              <span className={`kind-badge kind-${p.kind}`}>{KIND_SHORT[p.kind]}</span>
              {level && (
                <span className="level-chip" data-testid="policy-level">
                  {level.name}
                </span>
              )}
              <span className="truncate" data-testid="policy-tab-name">
                {p.name}
              </span>
              {errors > 0 && (
                <span className="count count-bad" aria-label={`${errors} errors`}>
                  {errors}
                </span>
              )}
              {errors === 0 && warnings > 0 && (
                <span className="count count-warn" aria-label={`${warnings} findings`}>
                  {warnings}
                </span>
              )}
            </button>
          );
        })}
        {first + inStrip.length < policies.length && (
          <span className="mb-1 shrink-0 px-1 text-xs text-(--muted)" data-testid="policy-tabs-after">
            {policies.length - first - inStrip.length} more
          </span>
        )}
      </div>
      <div className="flex shrink-0 items-center gap-1 border-l border-(--border) px-1.5 py-1">
        {policies.length > 0 && <AllTabs />}
        <label className="shrink-0">
          <span className="sr-only">Add a policy</span>
          <select
            data-testid="add-policy"
            value=""
            onChange={(e) => {
              const kind = e.currentTarget.value as PolicyKind;
              if (kind) actions.addPolicy(kind);
            }}
            className="w-[5.6rem] rounded border border-(--border) bg-(--raised) px-1 py-0.5 text-[13px]"
          >
            <option value="">+ Add…</option>
            <KindOptions />
          </select>
        </label>
      </div>
    </div>
  );
}
