// "Who can reach a repository": a full-window panel over the workspace. An account on
// the left, the one-line query and filters above the table, a cell's explanation on
// the right. The table is computed in a Web Worker; the page stays usable meanwhile.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { parseArn, type Workspace } from '../../../engine';
import { keepForOffline } from '../../offline';
import { useActions, useApp } from '../../store';
import type { ThemePref } from '../../store/types';
import { AccessTable, useHighlight } from './AccessTable';
import { AccountSidebar, readFiles } from './AccountSidebar';
import { CellExplanation } from './CellExplanation';
import { QueryBar } from './QueryBar';
import { access, EXPAND_UP_TO, useAccess } from './store';
import { principalOrder, resourceOrder, rowsOf, Summarizer, type RowsView } from './view';
import './access.css';

const NEXT_THEME: Record<ThemePref, ThemePref> = { system: 'light', light: 'dark', dark: 'system' };

// This chunk and its CSS arrive after the first visit's files were handed to the service worker.
if (import.meta.env.PROD) keepForOffline(() => performance.getEntriesByType('resource').map((e) => e.name));

export default function AccessPanel({ onClose }: { onClose(): void }) {
  const root = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const theme = useApp((s) => s.theme);
  const sidebar = useAccess((s) => s.sidebar);
  const appActions = useActions();

  // The workspace behind is inert while the panel is open; Escape closes it.
  useEffect(() => {
    const app = document.getElementById('root');
    app?.setAttribute('inert', '');
    root.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        if (useAccess.getState().selected) access.closeCell();
        else onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      app?.removeAttribute('inert');
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  const openWorkspace = (ws: Workspace) => {
    // `prod/api` of a repository, `ci` of a role: the names people recognise.
    const tail = (arn: string) => {
      const r = parseArn(arn)?.resource ?? arn;
      return r.startsWith('repository/') ? r.slice('repository/'.length) : r.slice(r.lastIndexOf('/') + 1);
    };
    appActions.replaceWorkspace(ws, 'access', { name: `${ws.request.action} by ${tail(ws.request.principal)} on ${tail(ws.request.resource)}` });
    onClose();
  };

  return createPortal(
    <div
      ref={root}
      role="dialog"
      aria-modal="true"
      aria-labelledby="access-title"
      data-testid="access-panel"
      className="access-panel fixed inset-0 z-40 flex flex-col bg-(--bg) text-(--fg)"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node)) setDragging(false);
      }}
      onDrop={async (e) => {
        e.preventDefault();
        setDragging(false);
        if (e.dataTransfer.files.length) access.loadFiles(await readFiles(e.dataTransfer.files), 'files');
      }}
    >
      <header className="flex items-center gap-3 border-b border-(--border) bg-(--panel) px-3 py-2">
        <h1 id="access-title" className="text-base font-semibold">
          Who can reach a repository
        </h1>
        <span className="text-xs text-(--muted)">every principal × repository × action of an account, decided in your browser</span>
        <div className="ml-auto flex items-center gap-2">
          <button
            type="button"
            className="rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)"
            data-testid="access-sidebar-toggle"
            aria-expanded={sidebar}
            onClick={access.toggleSidebar}
          >
            {sidebar ? 'Hide the account pane' : 'Show the account pane'}
          </button>
          <button type="button" className="rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)" data-testid="access-theme" onClick={() => appActions.setTheme(NEXT_THEME[theme])}>
            Theme: {theme}
          </button>
          <button type="button" className="rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)" data-testid="access-close" onClick={onClose} title="Esc">
            Back to the workspace
          </button>
        </div>
      </header>
      <div className="flex min-h-0 flex-1">
        {sidebar && <AccountSidebar />}
        <Main onOpenWorkspace={openWorkspace} />
      </div>
      {dragging && (
        <div className="access-dropping pointer-events-none fixed inset-0 z-50 flex items-center justify-center text-lg font-semibold" aria-hidden="true">
          Drop the account's files to load them
        </div>
      )}
    </div>,
    document.body,
  );
}

function Main({ onOpenWorkspace }: { onOpenWorkspace(ws: Workspace): void }) {
  const s = useAccess(
    useShallow((x) => ({
      client: x.client,
      filter: x.filter,
      groupBy: x.groupBy,
      expandAll: x.expandAll,
      toggled: x.toggled,
      selected: x.selected,
      explained: x.explained,
    })),
  );
  const data = s.client.data;
  const account = s.client.account;
  const pOrder = useMemo(() => (account ? principalOrder(account.principals) : undefined), [account]);
  const rOrder = useMemo(() => (account ? resourceOrder(account.resources) : undefined), [account]);
  const version = s.client.version;
  // One pass over the matching cells for the groups and their counts; expanding a group only lists its rows.
  const summarizer = useMemo(() => (data ? new Summarizer(data, { filter: s.filter, groupBy: s.groupBy, principalOrder: pOrder, resourceOrder: rOrder }) : null), [data, s.filter, s.groupBy, pOrder, rOrder]);
  // The matrix fills in place: count the principals that arrived since (`version` says when).
  const summary = useMemo(() => (void version, summarizer?.update() ?? null), [summarizer, version]);
  const expanded = s.expandAll === 'auto' ? (summary?.matches ?? 0) <= EXPAND_UP_TO : s.expandAll;
  const view = useMemo((): RowsView | null => (summary ? rowsOf(summary, expanded, s.toggled) : null), [summary, expanded, s.toggled]);
  const highlight = useHighlight(data?.actions ?? [], s.filter.action);
  // Stable callbacks: rows that stay in view while scrolling are not rendered again.
  const onOpen = useCallback((p: number, r: number, a: number) => void access.openCell(p, r, a), []);
  const auto = s.expandAll === 'auto';
  const onToggle = useCallback((id: number) => (auto ? toggleFromAuto(id, expanded) : access.toggleGroup(id)), [auto, expanded]);

  return (
    <div className="flex min-w-0 flex-1">
      <div className="flex min-w-0 flex-1 flex-col">
        <QueryBar view={view} expanded={expanded} pOrder={pOrder} rOrder={rOrder} />
        {data && view ? (
          <AccessTable
            data={data}
            view={view}
            groupBy={s.groupBy}
            selected={s.selected}
            highlight={highlight}
            onOpen={onOpen}
            onToggle={onToggle}
          />
        ) : (
          <Welcome />
        )}
      </div>
      {data && s.selected && <CellExplanation data={data} state={s} onClose={access.closeCell} onOpenWorkspace={onOpenWorkspace} />}
    </div>
  );
}

/** Fixes `auto` to what it resolved to, so toggling one group leaves the others as they are. */
function toggleFromAuto(id: number, expanded: boolean): void {
  const toggled = useAccess.getState().toggled;
  useAccess.setState({ expandAll: expanded, toggled });
  access.toggleGroup(id);
}

function Welcome() {
  const busy = useAccess((x) => x.client.loading || !!x.client.account);
  if (busy) return <div className="flex-1" />;
  return (
    <div className="flex flex-1 items-start justify-center overflow-auto p-8" data-testid="access-welcome">
      <div className="max-w-xl text-sm">
        <h2 className="mb-2 text-lg font-semibold">The first question of every registry review</h2>
        <p className="mb-2">
          Load an account's <code>aws iam get-account-authorization-details</code> output with its repositories' policies (<code>aws ecr get-repository-policy</code>,{' '}
          <code>describe-repositories</code>, or a <code>{'{ "repo": policy }'}</code> map), and the organization's SCPs and RCPs if you have them. The table says, for every principal and
          repository, whether it can pull, push, delete images and manage the repository policy, each decided as the simulator decides one request.
        </p>
        <p className="mb-2">Nothing leaves this page: the files are read and evaluated here, in a background worker.</p>
        <p>
          No account at hand? <button type="button" className="underline" onClick={() => document.querySelector<HTMLElement>('[data-testid=access-example]')?.click()}>Use the example account</button>.
        </p>
      </div>
    </div>
  );
}
