// The answer as an ARIA treegrid: one row per (principal, repository) pair under a row
// per group, one column per action. Only the rows in view are in the DOM, so 2.5
// million pairs scroll as smoothly as ten; past a few million pixels the scrollbar
// maps onto rows proportionally (browsers cap an element's height).
//
// Keyboard: arrows move between cells, Page Up/Down by a screen, Home/End to the row's
// ends, Ctrl+Home/End to the first/last row; Enter or Space explains a decision cell,
// or opens/closes a group (so do → and ← on a group's first cell).
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { DECISION_CODES, STAGE_CODES, type Decision, type StageName } from '../../../engine';
import { columnLabel, DECISION_LOOK } from './levels';
import { shortAction } from './names';
import type { Selected } from './store';
import type { AccessData, Group, GroupBy, RowsView } from './view';

export const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 44;
/** Browsers cap an element's height (Chrome near 33.5 million px): stay well below. */
const MAX_HEIGHT = 6_000_000;
const OVERSCAN = 6;

export const STAGE_TAG: Record<StageName, string> = {
  input: 'request',
  'explicit-deny': 'deny',
  rcp: 'RCP',
  scp: 'SCP',
  resource: 'repo policy',
  identity: 'identity',
  boundary: 'boundary',
  session: 'session',
};

export const STAGE_TEXT: Record<StageName, string> = {
  input: 'the request itself (it is incomplete)',
  'explicit-deny': 'an explicit Deny statement',
  rcp: 'the resource control policies',
  scp: 'the service control policies',
  resource: 'the repository policy',
  identity: 'the identity-based policies',
  boundary: 'the permissions boundary',
  session: 'the session policy',
};

interface Props {
  data: AccessData;
  view: RowsView;
  groupBy: GroupBy;
  selected: Selected | null;
  /** The column the filter is about, or -1. */
  highlight: number;
  onOpen(principal: number, resource: number, action: number): void;
  onToggle(groupId: number): void;
}

interface Active {
  row: number;
  col: number;
}

function useViewport(ref: React.RefObject<HTMLDivElement | null>) {
  const [box, setBox] = useState({ top: 0, height: 600 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setBox((b) => (b.top === el.scrollTop && b.height === el.clientHeight ? b : { top: el.scrollTop, height: el.clientHeight }));
    };
    const onScroll = () => {
      frame ||= requestAnimationFrame(read);
    };
    read();
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [ref]);
  return box;
}

export function AccessTable({ data, view, groupBy, selected, highlight, onOpen, onToggle }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const { top, height } = useViewport(scroller);
  const [active, setActive] = useState<Active>({ row: 0, col: 0 });
  const focusNext = useRef(false);
  const n = view.rows.length;
  const A = data.actions.length;
  const R = data.resources.length;
  const cols = A + 1;
  const bodyH = Math.max(ROW_HEIGHT, height - HEADER_HEIGHT);
  const fullH = n * ROW_HEIGHT;
  const scaled = fullH > MAX_HEIGHT;
  const contentH = scaled ? MAX_HEIGHT : fullH;
  const perScreen = Math.max(1, Math.floor(bodyH / ROW_HEIGHT));

  // The first row in view. Rows sit in a layer at `layerY`, each at (i - anchor) rows in it:
  // the anchor moves rarely, so while scrolling only the layer moves and rows that stay in
  // view keep their props (and are not rendered again).
  let first: number;
  if (!scaled) first = Math.floor(top / ROW_HEIGHT);
  else {
    const range = Math.max(1, contentH - bodyH);
    first = Math.round((Math.min(top, range) / range) * Math.max(0, n - perScreen));
  }
  const from = Math.max(0, first - OVERSCAN);
  const to = Math.min(n, first + perScreen + OVERSCAN + 1);
  const anchor = from - (from % 512);
  const layerY = scaled ? top - (first - anchor) * ROW_HEIGHT : anchor * ROW_HEIGHT;
  const place = (i: number) => (i - anchor) * ROW_HEIGHT;

  // The group the top row belongs to stays in sight, pinned under the column headers.
  let pinned: Group | undefined;
  if (n > 0 && view.rows[Math.min(first, n - 1)] >= 0) {
    let i = Math.min(first, n - 1);
    while (i > 0 && view.rows[i] >= 0) i--;
    if (view.rows[i] < 0) pinned = view.groups[-view.rows[i] - 1];
  }

  const row = Math.min(active.row, Math.max(0, n - 1));
  const col = Math.min(active.col, cols - 1);

  /** Scrolls so that row `i` is in view. */
  const reveal = (i: number) => {
    const el = scroller.current;
    if (!el) return;
    if (!scaled) {
      const y = i * ROW_HEIGHT;
      if (y < el.scrollTop) el.scrollTop = y;
      else if (y + ROW_HEIGHT > el.scrollTop + bodyH) el.scrollTop = y + ROW_HEIGHT - bodyH;
    } else if (i < first || i >= first + perScreen) {
      const range = Math.max(1, contentH - bodyH);
      el.scrollTop = (Math.max(0, i - Math.floor(perScreen / 2)) / Math.max(1, n - perScreen)) * range;
    }
  };

  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`)?.focus({ preventScroll: true });
  });

  const move = (r: number, c: number) => {
    const nr = Math.max(0, Math.min(n - 1, r));
    const nc = Math.max(0, Math.min(cols - 1, c));
    setActive({ row: nr, col: nc });
    reveal(nr);
    focusNext.current = true;
  };

  const activate = (i: number, c: number) => {
    const v = view.rows[i];
    if (v < 0) onToggle(view.groups[-v - 1].id);
    else if (c > 0) onOpen(Math.floor(v / R), v % R, c - 1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const v = view.rows[row];
    const isGroup = v !== undefined && v < 0;
    const ctrl = e.ctrlKey || e.metaKey;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        move(row + 1, col);
        break;
      case 'ArrowUp':
        move(row - 1, col);
        break;
      case 'ArrowRight':
        if (isGroup && col === 0 && !view.groups[-v - 1].expanded) onToggle(view.groups[-v - 1].id);
        else move(row, col + 1);
        break;
      case 'ArrowLeft':
        if (isGroup && col === 0 && view.groups[-v - 1].expanded) onToggle(view.groups[-v - 1].id);
        else move(row, col - 1);
        break;
      case 'PageDown':
        move(row + perScreen, col);
        break;
      case 'PageUp':
        move(row - perScreen, col);
        break;
      case 'Home':
        move(ctrl ? 0 : row, 0);
        break;
      case 'End':
        move(ctrl ? n - 1 : row, cols - 1);
        break;
      case 'Enter':
      case ' ':
        activate(row, col);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  const template = `minmax(17rem, 1fr) repeat(${A}, minmax(9rem, 10rem))`;
  const minWidth = `calc(17rem + ${A} * 9rem)`;
  const other = groupBy === 'principal' ? 'Repository' : 'Principal';
  const rowsInView: React.ReactNode[] = [];
  for (let i = from; i < to; i++) {
    const v = view.rows[i];
    if (v < 0) {
      const group = view.groups[-v - 1];
      rowsInView.push(
        <GroupRow
          key={`g${group.id}`}
          i={i}
          data={data}
          group={group}
          computed={groupBy === 'principal' ? group.id < data.done : data.done > 0}
          groupBy={groupBy}
          top={place(i)}
          template={template}
          active={row === i ? col : -1}
          highlight={highlight}
          onToggle={onToggle}
          setActive={setActive}
        />,
      );
    } else {
      const p = Math.floor(v / R);
      const r = v % R;
      const isSelected = !!selected && selected.principal === p && selected.resource === r;
      rowsInView.push(
        <PairRow
          key={v}
          i={i}
          k={v}
          data={data}
          computed={p < data.done}
          groupBy={groupBy}
          top={place(i)}
          template={template}
          active={row === i ? col : -1}
          selectedCol={isSelected ? selected.action : -1}
          highlight={highlight}
          onOpen={onOpen}
          setActive={setActive}
        />,
      );
    }
  }

  return (
    <div
      ref={scroller}
      role="treegrid"
      aria-label={`Access by ${groupBy}`}
      aria-rowcount={n + 1}
      aria-colcount={cols}
      data-testid="access-table"
      data-rows={n}
      className="access-grid relative min-h-0 flex-1 overflow-auto"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="sticky top-0 z-10" style={{ minWidth }}>
        <div role="row" aria-rowindex={1} className="access-head grid" style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}>
          <div role="columnheader" className="px-2 py-1.5">
            {groupBy === 'principal' ? 'Principal' : 'Repository'} <span className="font-normal text-(--muted)">› {other}</span>
          </div>
          {data.actions.map((a, c) => (
            <div key={a} role="columnheader" title={a} className={`px-2 py-1.5 ${c === highlight ? 'access-col-hl' : ''}`}>
              <div className="truncate">{columnLabel(a)}</div>
              <div className="truncate font-mono text-[10px] font-normal text-(--muted)">{shortAction(a)}</div>
            </div>
          ))}
        </div>
        {pinned && <PinnedGroup data={data} group={pinned} groupBy={groupBy} template={template} onToggle={onToggle} />}
      </div>
      <div role="rowgroup" className="relative" style={{ height: contentH, minWidth }}>
        <div className="absolute inset-x-0 top-0" style={{ transform: `translateY(${layerY}px)` }}>
          {rowsInView}
        </div>
      </div>
      {n === 0 && (
        <p className="p-4 text-sm text-(--muted)" data-testid="access-empty">
          No principal and repository answer these filters.
        </p>
      )}
    </div>
  );
}

/** A copy of the top row's group, for the eye only (the real row is in the grid): a click folds it. */
function PinnedGroup({ data, group, groupBy, template, onToggle }: { data: AccessData; group: Group; groupBy: GroupBy; template: string; onToggle(id: number): void }) {
  const p = groupBy === 'principal' ? data.principals[group.id] : undefined;
  const r = groupBy === 'principal' ? undefined : data.resources[group.id];
  return (
    <div aria-hidden="true" className="access-pinned absolute inset-x-0 grid cursor-pointer" style={{ top: HEADER_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: template }} onClick={() => onToggle(group.id)}>
      <div className="flex min-w-0 items-center gap-1.5 px-2 text-[13px]">
        <span className="w-3 text-(--muted)">▾</span>
        {p ? <PrincipalLabel name={p.name} pathName={p.pathName} arn={p.arn} strong /> : <span className="truncate font-mono font-medium">{r?.name}</span>}
      </div>
    </div>
  );
}

/** The name first (what people look for), its path after it, dimmed: `ci-deployer /service/`. */
function PrincipalLabel({ name, pathName, arn, strong = false }: { name: string; pathName: string; arn: string; strong?: boolean }) {
  const path = pathName.length > name.length ? `/${pathName.slice(0, pathName.length - name.length)}` : '';
  return (
    <span className="flex min-w-0 items-baseline gap-1.5" title={arn}>
      <span className={`truncate ${strong ? 'font-medium' : ''}`}>{name}</span>
      {path && <span className="truncate text-xs text-(--muted)">{path}</span>}
    </span>
  );
}

function Counts({ allow, explicit, rows, computed }: { allow: number; explicit: number; rows: number; computed: boolean }) {
  if (!computed) return <span className="text-(--muted)">…</span>;
  const label = `${allow} allowed, ${explicit} explicitly denied, of ${rows}`;
  return (
    <span aria-label={label} title={label} className="flex gap-2 tabular-nums">
      <span className={allow ? 'badge-Allow font-medium' : 'text-(--muted)'}>✔ {allow}</span>
      {explicit > 0 && <span className="badge-ExplicitDeny font-medium">⊘ {explicit}</span>}
    </span>
  );
}

interface RowProps {
  i: number;
  data: AccessData;
  groupBy: GroupBy;
  top: number;
  template: string;
  /** The active column in this row, or -1. */
  active: number;
  highlight: number;
  setActive(a: Active): void;
}

const GroupRow = memo(function GroupRow({
  i,
  data,
  group,
  computed,
  groupBy,
  top,
  template,
  active,
  highlight,
  onToggle,
  setActive,
}: RowProps & { group: Group; computed: boolean; onToggle(id: number): void }) {
  const byPrincipal = groupBy === 'principal';
  const p = byPrincipal ? data.principals[group.id] : undefined;
  const r = byPrincipal ? undefined : data.resources[group.id];
  const unit = byPrincipal ? (group.rows === 1 ? 'repository' : 'repositories') : group.rows === 1 ? 'principal' : 'principals';
  return (
    <div
      role="row"
      aria-rowindex={i + 2}
      aria-level={1}
      aria-expanded={group.expanded}
      data-testid="access-group"
      data-group={p?.name ?? r?.name}
      className="access-row access-group-row absolute inset-x-0 grid"
      style={{ top, height: ROW_HEIGHT, gridTemplateColumns: template }}
    >
      <div
        role="rowheader"
        tabIndex={active === 0 ? 0 : -1}
        data-row={i}
        data-col={0}
        className="access-cell flex min-w-0 items-center gap-1.5 px-2"
        onClick={() => {
          setActive({ row: i, col: 0 });
          onToggle(group.id);
        }}
      >
        <span aria-hidden="true" className="w-3 text-(--muted)">
          {group.expanded ? '▾' : '▸'}
        </span>
        {p ? (
          <>
            <span className="access-type" data-type={p.type}>
              {p.type}
            </span>
            <PrincipalLabel name={p.name} pathName={p.pathName} arn={p.arn} strong />
          </>
        ) : (
          <>
            <span className="truncate font-mono font-medium" title={r!.arn}>
              {r!.name}
            </span>
            {r!.hasPolicy && <span className="access-type">policy</span>}
          </>
        )}
        <span className="ml-auto shrink-0 text-xs text-(--muted)">
          {group.rows} {unit}
        </span>
      </div>
      {data.actions.map((a, c) => (
        <div
          key={a}
          role="gridcell"
          tabIndex={active === c + 1 ? 0 : -1}
          data-row={i}
          data-col={c + 1}
          className={`access-cell flex items-center px-2 text-xs ${c === highlight ? 'access-col-hl' : ''}`}
          onClick={() => setActive({ row: i, col: c + 1 })}
        >
          <Counts allow={group.allow[c]} explicit={group.explicit[c]} rows={group.rows} computed={computed} />
        </div>
      ))}
    </div>
  );
});

const PairRow = memo(function PairRow({
  i,
  k,
  data,
  computed,
  groupBy,
  top,
  template,
  active,
  selectedCol,
  highlight,
  onOpen,
  setActive,
}: RowProps & { k: number; computed: boolean; selectedCol: number; onOpen: Props['onOpen'] }) {
  const R = data.resources.length;
  const A = data.actions.length;
  const p = Math.floor(k / R);
  const r = k % R;
  const principal = data.principals[p];
  const resource = data.resources[r];
  const base = (p * R + r) * A;
  return (
    <div role="row" aria-rowindex={i + 2} aria-level={2} data-testid="access-row" className="access-row absolute inset-x-0 grid" style={{ top, height: ROW_HEIGHT, gridTemplateColumns: template }}>
      <div role="rowheader" tabIndex={active === 0 ? 0 : -1} data-row={i} data-col={0} className="access-cell flex min-w-0 items-center gap-1.5 pr-2 pl-7" onClick={() => setActive({ row: i, col: 0 })}>
        {groupBy === 'principal' ? (
          <>
            <span className="truncate font-mono" title={resource.arn}>
              {resource.name}
            </span>
            {resource.hasPolicy && <span className="access-type">policy</span>}
          </>
        ) : (
          <>
            <span className="access-type" data-type={principal.type}>
              {principal.type}
            </span>
            <PrincipalLabel name={principal.name} pathName={principal.pathName} arn={principal.arn} />
          </>
        )}
      </div>
      {data.actions.map((a, c) => {
        const isSelected = selectedCol === c;
        if (!computed)
          return (
            <div key={a} role="gridcell" tabIndex={active === c + 1 ? 0 : -1} data-row={i} data-col={c + 1} data-testid="access-cell" data-decision="pending" className="access-cell flex items-center px-2 text-(--muted)">
              <span aria-label="not computed yet">…</span>
            </div>
          );
        const decision: Decision = DECISION_CODES[data.decisions[base + c]];
        const stage: StageName = STAGE_CODES[data.stages[base + c]];
        const look = DECISION_LOOK[decision];
        return (
          <div
            key={a}
            role="gridcell"
            tabIndex={active === c + 1 ? 0 : -1}
            aria-selected={isSelected}
            data-row={i}
            data-col={c + 1}
            data-testid="access-cell"
            data-decision={decision}
            data-stage={stage}
            data-principal={principal.name}
            data-repository={resource.name}
            data-action={a}
            title={`${look.text}: settled by ${STAGE_TEXT[stage]}. Choose to see why.`}
            className={`access-cell access-decision flex cursor-pointer items-center gap-1 px-2 text-xs ${look.tone} ${c === highlight ? 'access-col-hl' : ''} ${isSelected ? 'access-selected' : ''}`}
            onClick={() => {
              setActive({ row: i, col: c + 1 });
              onOpen(p, r, c);
            }}
          >
            <span aria-hidden="true" className="w-3 text-center">
              {look.icon}
            </span>
            <span className="font-medium">{look.short}</span>
            {/* The usual reading (identity policies) goes unsaid; the title says it in full. */}
            {decision !== 'ExplicitDeny' && stage !== 'identity' && <span className="access-stage ml-auto">{STAGE_TAG[stage]}</span>}
          </div>
        );
      })}
    </div>
  );
});

/** The table's column for the filter's action, or -1. */
export function useHighlight(actions: readonly string[], action: string): number {
  return useMemo(() => (action ? actions.findIndex((a) => a.toLowerCase() === action.toLowerCase()) : -1), [actions, action]);
}
