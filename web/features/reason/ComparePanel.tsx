// Compare two versions: pick each side (the current workspace, a history entry, a
// workspace file, a share link, or a pasted policy in place of one tab); the worker
// compares them over every request either version can tell apart.
import { useState } from 'react';
import type { Difference, Verdict } from '../../../engine';
import { useActions, useApp } from '../../store';
import { runCompare, setChoice, setCompared, useReason, workspaceFromFile, type VersionChoice } from './store';
import { DecisionChip, JobStatusLine, RequestLine, ScopeNote } from './ui';

const VERDICT: Record<Verdict, { text: string; chip: string }> = {
  equivalent: { text: 'Equivalent: every request gets the same decision', chip: 'chip-allow' },
  'more-permissive': { text: 'More permissive: the second version allows requests the first does not', chip: 'chip-deny' },
  'less-permissive': { text: 'Less permissive: the second version allows less, and nothing new', chip: 'chip-nope' },
  incomparable: { text: 'Incomparable: some requests are newly allowed and others newly denied', chip: 'chip-deny' },
};

const SOURCES: { value: VersionChoice['source']; label: string }[] = [
  { value: 'current', label: 'Current workspace' },
  { value: 'history', label: 'History entry' },
  { value: 'file', label: 'Workspace file' },
  { value: 'link', label: 'Share link' },
  { value: 'paste', label: 'Pasted policy in place of a tab' },
];

function initial(source: VersionChoice['source'], historyId: string): VersionChoice {
  switch (source) {
    case 'current':
      return { source };
    case 'history':
      return { source, id: historyId };
    case 'file':
      return { source, name: '', workspace: null };
    case 'link':
      return { source, text: '' };
    case 'paste':
      return { source, policy: 0, text: '' };
  }
}

function VersionPicker({ side }: { side: 'before' | 'after' }) {
  const choice = useReason((s) => s[side]);
  const history = useApp((s) => s.history);
  const policies = useApp((s) => s.policies);
  const label = side === 'before' ? 'Before' : 'After';
  const field = 'rounded border border-(--border) bg-(--raised) px-1 py-0.5 text-xs';
  return (
    <fieldset className="flex min-w-0 flex-1 flex-col gap-1 rounded border border-(--border) p-2" data-testid={`compare-${side}`} data-source={choice.source}>
      <legend className="px-1 text-xs font-semibold">{label}</legend>
      <select aria-label={`${label}: which version`} data-testid={`compare-${side}-source`} className={field} value={choice.source} onChange={(e) => setChoice(side, initial(e.currentTarget.value as VersionChoice['source'], history[0]?.id ?? ''))}>
        {SOURCES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
      {choice.source === 'history' &&
        (history.length ? (
          <select aria-label={`${label}: history entry`} data-testid={`compare-${side}-history`} className={field} value={choice.id || history[0].id} onChange={(e) => setChoice(side, { source: 'history', id: e.currentTarget.value })}>
            {history.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name} · {h.summary}
              </option>
            ))}
          </select>
        ) : (
          <p className="text-xs text-(--muted)">The history is empty: a workspace goes there when something replaces it, or when a fix is applied.</p>
        ))}
      {choice.source === 'file' && (
        <label className="text-xs">
          <span className="sr-only">{label}: workspace file</span>
          <input
            type="file"
            accept=".json,application/json"
            data-testid={`compare-${side}-file`}
            className="max-w-full text-xs"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              const r = workspaceFromFile(await file.text());
              setChoice(side, r.ok ? { source: 'file', name: file.name, workspace: r.workspace } : { source: 'file', name: file.name, workspace: null, error: `${file.name}: ${r.error}` });
            }}
          />
        </label>
      )}
      {choice.source === 'link' && (
        <input aria-label={`${label}: share link`} data-testid={`compare-${side}-link`} placeholder="https://…/#v1.…" className={field} value={choice.text} onChange={(e) => setChoice(side, { source: 'link', text: e.currentTarget.value })} />
      )}
      {choice.source === 'paste' && (
        <>
          <select aria-label={`${label}: tab the policy replaces`} data-testid={`compare-${side}-tab`} className={field} value={choice.policy} onChange={(e) => setChoice(side, { ...choice, policy: Number(e.currentTarget.value) })}>
            {policies.filter((p) => p.enabled !== false).map((p, i) => (
              <option key={p.id} value={i}>
                in place of “{p.name}”
              </option>
            ))}
          </select>
          <textarea aria-label={`${label}: pasted policy`} data-testid={`compare-${side}-text`} rows={5} spellCheck={false} className={`${field} font-mono`} value={choice.text} onChange={(e) => setChoice(side, { ...choice, text: e.currentTarget.value })} />
        </>
      )}
    </fieldset>
  );
}

function groupsOf(differences: Difference[]): { id: string; items: Difference[] }[] {
  const by = new Map<string, Difference[]>();
  for (const d of differences) {
    const list = by.get(d.group);
    if (list) list.push(d);
    else by.set(d.group, [d]);
  }
  return [...by].map(([id, items]) => ({ id, items }));
}

const SHOWN_PER_GROUP = 5;

function DifferenceGroup({ items }: { items: Difference[] }) {
  const [all, setAll] = useState(false);
  const actions = useActions();
  const first = items[0];
  const open = (d: Difference) => {
    // The versions as they were when the comparison ran.
    const versions = useReason.getState().versions;
    if (!versions) return;
    setCompared({ request: d.request, ...versions });
    actions.openRequest(d.request);
  };
  return (
    <li className="rounded border border-(--border) p-2" data-testid="compare-group" data-change={first.change} data-count={items.length}>
      <p className="text-sm font-medium">
        {first.summary}
        {items.length > 1 && <span className="text-(--muted)"> (and {items.length - 1} more like it)</span>}
      </p>
      <ul className="mt-1 flex flex-col gap-1">
        {(all ? items : items.slice(0, SHOWN_PER_GROUP)).map((d, i) => (
          <li key={i} className="flex flex-wrap items-center gap-1.5" data-testid="compare-difference" data-change={d.change} data-before={d.before} data-after={d.after}>
            <DecisionChip decision={d.before} />
            <span aria-label="becomes">→</span>
            <DecisionChip decision={d.after} />
            <span className="min-w-0 flex-1">
              <RequestLine request={d.request} />
            </span>
            <button type="button" className="btn btn-sm" data-testid="compare-open" title="Open this request in the simulator, with both versions' decisions and traces" onClick={() => open(d)}>
              Open
            </button>
          </li>
        ))}
      </ul>
      {items.length > SHOWN_PER_GROUP && (
        <button type="button" className="btn btn-sm mt-1" data-testid="compare-group-more" onClick={() => setAll(!all)}>
          {all ? 'Fewer' : `All ${items.length}`}
        </button>
      )}
    </li>
  );
}

export function ComparePanel() {
  const job = useReason((s) => s.jobs.compare);
  const [error, setError] = useState<string | null>(null);
  const result = job.result;
  const versions = useReason((s) => s.versions);
  return (
    <div className="flex flex-col gap-2" data-testid="compare">
      <p className="text-xs text-(--muted)">Every request either version can tell apart, decided by both: what changed, each with a request that shows it.</p>
      <div className="flex flex-wrap gap-2">
        <VersionPicker side="before" />
        <VersionPicker side="after" />
      </div>
      <div className="flex items-center gap-2">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="compare-run"
          onClick={() => {
            const r = runCompare();
            setError(r.ok ? null : r.error);
          }}
        >
          Compare
        </button>
        {error && (
          <span role="alert" className="text-xs text-(--deny)" data-testid="compare-error">
            {error}
          </span>
        )}
      </div>
      <JobStatusLine kind="compare" job={job} what="the comparison" />
      {result && (
        <div className={`flex flex-col gap-2 ${job.status === 'running' ? 'opacity-60' : ''}`}>
          <p className="text-sm" data-testid="compare-verdict" data-verdict={result.verdict} data-differences={result.differences.length}>
            <span className={`chip ${VERDICT[result.verdict].chip}`}>{result.verdict}</span> {VERDICT[result.verdict].text}
            {versions && (
              <span className="text-(--muted)">
                {' '}
                (before: {versions.beforeLabel}; after: {versions.afterLabel})
              </span>
            )}
            .
          </p>
          <ScopeNote scope={result.scope} testId="compare-scope" />
          {result.differences.length > 0 && (
            <ul className="flex flex-col gap-2" data-testid="compare-differences">
              {groupsOf(result.differences).map((g) => (
                <DifferenceGroup key={g.id} items={g.items} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
