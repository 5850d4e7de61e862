// The full matrix: every ECR and ECS action against the workspace's resource and principal
// cells, each with its decision and a one-line reason; filters, CSV export, and the cells a
// workspace test expects otherwise marked.
import { useMemo, useState } from 'react';
import type { AccessLevel, Decision } from '../../../engine';
import { useActions } from '../../store';
import { filterCells, matrixCsv, OPEN_MATRIX_FILTER, type MatrixFilter } from './matrix';
import { useReason } from './store';
import { DecisionChip, JobStatusLine, ScopeNote } from './ui';
import { useAutoRun } from './useAutoRun';

const LEVELS: AccessLevel[] = ['List', 'Read', 'Write', 'Tagging', 'Permissions management'];
const PAGE = 200;

function downloadCsv(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function MatrixPanel() {
  const job = useReason((s) => s.jobs.matrix);
  const actions = useActions();
  const [filter, setFilter] = useState<MatrixFilter>(OPEN_MATRIX_FILTER);
  const [shown, setShown] = useState(PAGE);
  useAutoRun('matrix');
  const m = job.result;
  const cells = useMemo(() => (m ? filterCells(m, filter) : []), [m, filter]);
  const conflicts = useMemo(() => (m ? m.cells.filter((c) => c.conflictingTests?.length).length : 0), [m]);
  const field = 'rounded border border-(--border) bg-(--raised) px-1 py-0.5 text-xs';
  const set = (patch: Partial<MatrixFilter>) => {
    setFilter({ ...filter, ...patch });
    setShown(PAGE);
  };
  return (
    <div className="flex flex-col gap-2" data-testid="matrix">
      <p className="text-xs text-(--muted)">Every ECR and ECS action against each resource and principal the policies tell apart.</p>
      <JobStatusLine kind="matrix" job={job} what="the matrix" />
      {m && (
        <div className={`flex flex-col gap-2 ${job.status === 'running' ? 'opacity-60' : ''}`}>
          <ScopeNote scope={m.scope} testId="matrix-scope" />
          <div className="flex flex-wrap items-center gap-1.5">
            <select aria-label="Access level" data-testid="matrix-level" className={field} value={filter.level} onChange={(e) => set({ level: e.currentTarget.value as AccessLevel | '' })}>
              <option value="">Every access level</option>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            <select aria-label="Decision" data-testid="matrix-decision" className={field} value={filter.decision} onChange={(e) => set({ decision: e.currentTarget.value as Decision | '' | 'conflict' })}>
              <option value="">Every decision</option>
              <option value="Allow">Allow</option>
              <option value="ExplicitDeny">Explicit deny</option>
              <option value="ImplicitDeny">Implicit deny</option>
              <option value="conflict">Differs from a test</option>
            </select>
            <input aria-label="Filter by text" data-testid="matrix-text" placeholder="action, resource, principal, reason" className={`${field} min-w-0 flex-1`} value={filter.text} onChange={(e) => set({ text: e.currentTarget.value })} />
            <button type="button" className="btn btn-sm" data-testid="matrix-export" onClick={() => downloadCsv('full-matrix.csv', matrixCsv(m, cells))}>
              Export CSV
            </button>
          </div>
          <p className="text-xs" data-testid="matrix-count" data-rows={cells.length} data-conflicts={conflicts}>
            {cells.length.toLocaleString('en')} of {m.cells.length.toLocaleString('en')} cells
            {conflicts > 0 && <span className="text-(--deny)"> · {conflicts} differ from the workspace's tests (marked ⚑)</span>}
          </p>
          <div className="overflow-x-auto">
            <table className="w-full text-xs" data-testid="matrix-table">
              <thead>
                <tr className="text-left text-(--muted)">
                  <th className="font-normal">Action</th>
                  <th className="font-normal">Resource</th>
                  <th className="font-normal">Principal</th>
                  <th className="font-normal">Decision</th>
                  <th className="font-normal">Why</th>
                </tr>
              </thead>
              <tbody>
                {cells.slice(0, shown).map((c) => {
                  const a = m.actions[c.action];
                  const r = m.resources[c.resource];
                  const p = m.principals[c.principal];
                  const conflict = c.conflictingTests?.length ? c.conflictingTests : null;
                  return (
                    <tr
                      key={`${c.action}:${c.resource}:${c.principal}`}
                      className={`border-t border-(--border) align-top ${conflict ? 'bg-(--deny-soft)' : ''}`}
                      data-testid="matrix-row"
                      data-action={a.action}
                      data-decision={c.decision}
                      data-conflict={String(!!conflict)}
                    >
                      <td className="pr-1">
                        <button type="button" className="text-left underline decoration-dotted" data-testid="matrix-open" title="Open this request in the simulator" onClick={() => actions.openRequest({ principal: p.arn, action: a.action, resource: r.arn })}>
                          {a.action}
                        </button>
                        <div className="text-(--muted)">{a.accessLevel}</div>
                      </td>
                      <td className="pr-1 break-all" title={r.arn}>
                        {r.label}
                      </td>
                      <td className="pr-1 break-all" title={p.arn}>
                        {p.label}
                      </td>
                      <td className="pr-1">
                        <DecisionChip decision={c.decision} />
                        {conflict && (
                          <span className="ml-1 text-(--deny)" data-testid="matrix-conflict" title={`Expected otherwise by: ${conflict.join(', ')}`}>
                            ⚑
                          </span>
                        )}
                      </td>
                      <td>{c.reason}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {cells.length > shown && (
            <button type="button" className="btn btn-sm self-start" data-testid="matrix-more" onClick={() => setShown(shown + PAGE * 5)}>
              Show more ({(cells.length - shown).toLocaleString('en')} left)
            </button>
          )}
        </div>
      )}
    </div>
  );
}
