// Above the table: the one-line query, the filters it sets (editable one by one), the
// grouping, CSV export, and the computation's progress with a cancel button.
import { useId, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Inline } from '../../lib/Inline';
import { csvChunks } from './csv';
import { columnLabel, type DecisionFilter } from './levels';
import { QUERY_EXAMPLES } from './query';
import { access, useAccess } from './store';
import type { RowsView } from './view';

const input = 'min-w-0 rounded border border-(--border) bg-(--bg) px-2 py-1 text-sm font-mono';
const select = 'rounded border border-(--border) bg-(--bg) px-1 py-1 text-sm';
const button = 'rounded border border-(--border) bg-(--bg) px-2 py-1 text-sm hover:bg-(--hover) disabled:opacity-50';

const DECISION_OPTIONS: { value: DecisionFilter; label: string }[] = [
  { value: 'any', label: 'Any decision' },
  { value: 'Allow', label: '✔ Allow' },
  { value: 'Deny', label: 'Deny (either)' },
  { value: 'ExplicitDeny', label: '⊘ Explicit deny' },
  { value: 'ImplicitDeny', label: '– Implicit deny' },
];

const fmt = (n: number) => n.toLocaleString('en-US');

interface Props {
  view: RowsView | null;
  expanded: boolean;
  pOrder?: Int32Array;
  rOrder?: Int32Array;
}

export function QueryBar({ view, expanded, pOrder, rOrder }: Props) {
  const s = useAccess(
    useShallow((x) => ({ query: x.query, queryError: x.queryError, querySummary: x.querySummary, filter: x.filter, groupBy: x.groupBy, actions: x.actions, client: x.client })),
  );
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [syntax, setSyntax] = useState(false);
  const data = s.client.data;
  const ready = !!s.client.account;
  const examples = useExamples();

  const exportCsv = () => {
    if (!data) return;
    const chunks = [...csvChunks(data, { filter: s.filter, groupBy: s.groupBy, principalOrder: pOrder, resourceOrder: rOrder })];
    const blob = new Blob(chunks, { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'ecr-access.csv';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <div className="flex flex-col gap-2 border-b border-(--border) px-3 py-2">
      <form
        role="search"
        aria-label="Ask about access"
        className="flex items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          access.ask(draft ?? s.query);
          setDraft(null);
        }}
      >
        <label htmlFor={`${id}-q`} className="sr-only">
          Query
        </label>
        <input
          id={`${id}-q`}
          data-autofocus
          data-testid="access-query"
          className={`${input} flex-1 py-1.5`}
          placeholder="who can push to prod/*   ·   what can ci-deployer do in ecr   ·   repo:team-* decision:explicit"
          spellCheck={false}
          value={draft ?? s.query}
          aria-invalid={!!s.queryError}
          aria-describedby={`${id}-qhelp`}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => draft !== null && access.setQueryText(draft)}
        />
        <button type="submit" className={`${button} font-medium`} data-testid="access-ask" disabled={!ready}>
          Ask
        </button>
        <button type="button" className={button} data-testid="access-syntax-toggle" aria-expanded={syntax} onClick={() => setSyntax(!syntax)}>
          Syntax
        </button>
      </form>
      {syntax && <Syntax />}
      <div id={`${id}-qhelp`} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-(--muted)">
        {s.queryError ? (
          <span role="alert" data-testid="access-query-error" className="text-red-700 dark:text-red-400">
            <Inline text={s.queryError} />
          </span>
        ) : (
          <>
            <span>Try</span>
            {examples.map((q) => (
              <button
                key={q}
                type="button"
                disabled={!ready}
                className="rounded bg-(--panel) px-1.5 font-mono hover:bg-(--hover) disabled:opacity-50"
                onClick={() => {
                  setDraft(null);
                  access.ask(q);
                }}
              >
                {q}
              </button>
            ))}
          </>
        )}
      </div>
      {ready && (
        <div className="flex flex-wrap items-end gap-2 text-xs">
          <label className="flex flex-col gap-0.5 text-(--muted)">
            Principal
            <input className={`${input} w-36`} data-testid="access-filter-principal" placeholder="name, path or ARN glob" spellCheck={false} value={s.filter.principal} onChange={(e) => access.setFilter({ principal: e.currentTarget.value })} />
          </label>
          <label className="flex flex-col gap-0.5 text-(--muted)">
            Repository
            <input className={`${input} w-36`} data-testid="access-filter-repository" placeholder="name or ARN glob" spellCheck={false} value={s.filter.repository} onChange={(e) => access.setFilter({ repository: e.currentTarget.value })} />
          </label>
          <label className="flex flex-col gap-0.5 text-(--muted)">
            Action
            <select className={`${select} w-36`} data-testid="access-filter-action" value={s.filter.action} onChange={(e) => access.setFilter({ action: e.currentTarget.value })}>
              <option value="">Any column</option>
              {s.actions.map((a) => (
                <option key={a} value={a}>
                  {columnLabel(a)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-0.5 text-(--muted)">
            Decision
            <select className={select} data-testid="access-filter-decision" value={s.filter.decision} onChange={(e) => access.setFilter({ decision: e.currentTarget.value as DecisionFilter })}>
              {DECISION_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-0.5 text-(--muted)">
            Group by
            <select className={select} data-testid="access-group-by" value={s.groupBy} onChange={(e) => access.setGroupBy(e.currentTarget.value === 'repository' ? 'repository' : 'principal')}>
              <option value="principal">Principal</option>
              <option value="repository">Repository</option>
            </select>
          </label>
        </div>
      )}
      <Status view={view}>
        <div className="flex items-center gap-2">
          <button type="button" className={button} data-testid="access-expand" disabled={!view} onClick={() => access.setExpandAll(!expanded)}>
            {expanded ? 'Collapse all' : 'Expand all'}
          </button>
          <button type="button" className={button} data-testid="access-clear" disabled={!view} onClick={() => access.ask('')}>
            Clear
          </button>
          <button type="button" className={button} data-testid="access-export" disabled={!view || s.client.status === 'running'} onClick={exportCsv} title="The cells that answer the filters, one per line">
            Export CSV
          </button>
        </div>
      </Status>
    </div>
  );
}

const SYNTAX: [string, string][] = [
  ['who can <level> [to|on|in|from] <repository glob>', 'who is allowed it there, by repository'],
  ['what can <principal glob> do [in ecr]', 'where a principal (name, path/name or ARN) is allowed anything'],
  ['<level>', 'pull (ecr:BatchGetImage), push (ecr:PutImage), delete (ecr:BatchDeleteImage), manage (ecr:SetRepositoryPolicy), or any action: ecr:DescribeImages, DescribeImages'],
  ['principal:<glob> repo:<glob> action:<level> decision:<d>', 'filters, alone or after a question; d is allow, deny, explicit, implicit or any'],
  ['* and ?', 'any run of characters, one character; case aside; quote a glob with " \' or `'],
];

function Syntax() {
  return (
    <div className="rounded border border-(--border) bg-(--panel) p-2 text-xs" data-testid="access-syntax">
      <table className="w-full">
        <tbody>
          {SYNTAX.map(([form, what]) => (
            <tr key={form} className="align-top">
              <td className="py-0.5 pr-3 font-mono whitespace-nowrap">{form}</td>
              <td className="py-0.5 text-(--muted)">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The documented examples, the `what can` one about a principal of the loaded account. */
function useExamples(): string[] {
  const first = useAccess((x) => x.client.account?.principals.find((p) => p.type === 'role')?.name ?? x.client.account?.principals[0]?.name);
  return [QUERY_EXAMPLES[0], first ? `what can ${/\s/.test(first) ? `"${first}"` : first} do in ecr` : QUERY_EXAMPLES[4], QUERY_EXAMPLES[2], QUERY_EXAMPLES[6]];
}

function Status({ view, children }: { view: RowsView | null; children: ReactNode }) {
  const s = useAccess(useShallow((x) => ({ client: x.client, querySummary: x.querySummary })));
  const c = s.client;
  const data = c.data;
  const total = c.account?.principals.length ?? 0;
  const done = data?.done ?? 0;
  const running = c.status === 'running';
  const cells = data ? data.principals.length * data.resources.length * data.actions.length : 0;
  return (
    <div className="flex min-h-7 flex-wrap items-center gap-3 text-xs" aria-live="polite">
      {running && (
        <>
          <div
            role="progressbar"
            aria-label="Computing the table"
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={done}
            aria-valuetext={`${fmt(done)} of ${fmt(total)} principals`}
            data-testid="access-progress"
            className="access-progress h-2 w-48 overflow-hidden rounded bg-(--panel)"
          >
            <div className="h-full bg-(--accent) transition-[width]" style={{ width: `${total ? (100 * done) / total : 0}%` }} />
          </div>
          <span>
            {fmt(done)} of {fmt(total)} principals…
          </span>
          <button type="button" className={button} data-testid="access-cancel" onClick={access.cancel}>
            Cancel
          </button>
        </>
      )}
      {c.status === 'cancelled' && (
        <span data-testid="access-cancelled">
          Stopped after {fmt(done)} of {fmt(total)} principals.{' '}
          <button type="button" className="underline" data-testid="access-resume" onClick={access.resume}>
            Compute the rest
          </button>
        </span>
      )}
      {c.status === 'failed' && (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {c.computeError}
        </span>
      )}
      {c.status === 'done' && data && (
        <span data-testid="access-done" data-ms={Math.round(c.computeMs)} className="text-(--muted)">
          {fmt(cells)} decisions ({fmt(data.principals.length)} × {fmt(data.resources.length)} × {fmt(data.actions.length)}) in {fmt(Math.max(1, Math.round(c.computeMs)))} ms
        </span>
      )}
      {view && (
        <span data-testid="access-count" data-matches={view.matches} className="ml-auto text-right">
          {s.querySummary && <strong className="mr-1">{<Inline text={s.querySummary} />}:</strong>}
          {fmt(view.matches)} of {fmt(view.pairs)} principal–repository pairs in {fmt(view.groups.length)} {view.groups.length === 1 ? 'group' : 'groups'}
        </span>
      )}
      {view && children}
    </div>
  );
}
