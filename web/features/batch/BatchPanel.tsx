// Every ECR (or ECS) action against the current principal, resource and context at once.
import { Fragment } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useActions, useApp } from '../../store';
import type { BatchRow } from '../../store/types';
import { DECISION_TEXT } from '../result/DecisionBanner';

export function BatchPanel() {
  const { rows, service, request } = useApp(useShallow((s) => ({ rows: s.batch, service: s.batchService, request: s.request })));
  const actions = useActions();
  if (!rows) return null;
  const groups = new Map<string, BatchRow[]>();
  for (const r of rows) groups.set(r.accessLevel, [...(groups.get(r.accessLevel) ?? []), r]);
  const allowed = rows.filter((r) => r.decision === 'Allow').length;
  return (
    <div className="flex flex-col gap-2 p-3" data-testid="batch">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-1">
          Service
          <select data-testid="batch-service" value={service} onChange={(e) => actions.setBatchService(e.currentTarget.value === 'ecs' ? 'ecs' : 'ecr')} className="rounded border border-(--border) bg-(--bg) px-1 py-0.5">
            <option value="ecr">Amazon ECR</option>
            <option value="ecs">Amazon ECS</option>
          </select>
        </label>
        <span className="text-(--muted)" data-testid="batch-summary">
          {allowed} of {rows.length} actions allowed
        </span>
      </div>
      <p className="text-xs text-(--muted)">
        Each action is evaluated against <code className="break-all">{request.resource}</code> (actions without resource-level permissions against <code>*</code>). Choose a row to
        open that request.
      </p>
      {rows.length === 0 && <p className="text-sm text-(--muted)">The action catalog is not available.</p>}
      <table className="w-full text-sm">
        <tbody>
          {[...groups.entries()].map(([level, list]) => (
            <Fragment key={level}>
              <tr>
                <th colSpan={2} className="pt-2 text-left text-xs font-semibold tracking-wide text-(--muted) uppercase">
                  {level} ({list.filter((r) => r.decision === 'Allow').length}/{list.length} allowed)
                </th>
              </tr>
              {list.map((r) => (
                <tr key={r.action} data-testid="batch-row" data-action={r.action} data-decision={r.decision} className="border-t border-(--border)">
                  <td className="py-0.5">
                    <button
                      type="button"
                      className="font-mono text-left underline-offset-2 hover:underline"
                      title={r.description}
                      onClick={() => actions.openRequest({ ...request, action: r.action, resource: r.resource })}
                    >
                      {r.action}
                    </button>
                    {r.resource === '*' && <span className="ml-1 text-xs text-(--muted)">(*)</span>}
                  </td>
                  <td className={`py-0.5 text-right text-xs font-medium whitespace-nowrap badge-${r.decision}`}>{DECISION_TEXT[r.decision].title}</td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
