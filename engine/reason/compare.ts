// compareWorkspaces: every request of the union partition of two versions, evaluated
// against both; the cells whose decisions differ, and what that makes the change.
import { shortArn, changeOf, DECISION_RANK, differenceSummary, resourceWords } from './describe.ts';
import { budgetSpent, withBudget } from '../match/budget.ts';
import { compileWorkspace, TOO_COSTLY_BOUND, underBudget } from './evaluate.ts';
import { buildSpace, requestsFor, type Space } from './space.ts';
import type { Comparison, Difference, ReasonOptions, RequestSpaceScope, ScopeBound, Verdict, Workspace } from './types.ts';

/** Scope of a run: the space's own, plus the requests evaluated and the bounds hit on the way. */
export function runScope(space: Space, requests: number, bounds: readonly ScopeBound[]): RequestSpaceScope {
  const seen = new Set<string>();
  const all = [...space.scope.bounds, ...bounds].filter((b) => {
    const key = `${b.dimension}|${b.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...space.scope, requests, bounds: all, exhaustive: all.length === 0 };
}

export function principalWords(space: Space, arn: string): string {
  const cell = space.principals.find((p) => p.arn === arn);
  if (!cell || cell.role === 'caller' || cell.role === 'named') return shortArn(arn);
  return cell.role === 'other-account' ? `another account (${shortArn(arn)})` : arn;
}

export function verdictOf(differences: readonly { before: Difference['before']; after: Difference['after'] }[]): Verdict {
  let up = false;
  let down = false;
  for (const d of differences) {
    if (DECISION_RANK[d.after] > DECISION_RANK[d.before]) up = true;
    else down = true;
  }
  return up && down ? 'incomparable' : up ? 'more-permissive' : down ? 'less-permissive' : 'equivalent';
}

/**
 * Compares two versions of a workspace over every request their policies can tell
 * apart. Each difference's request reproduces through `simulate` on each version.
 */
export function compareWorkspaces(before: Workspace, after: Workspace, options: ReasonOptions = {}): Comparison {
  // One matching budget for the whole run: compiling (which simulates), the partition, every request.
  return withBudget(() => compareWithin(before, after, options));
}

function compareWithin(before: Workspace, after: Workspace, options: ReasonOptions): Comparison {
  const opts: ReasonOptions = { ...options, now: options.now ?? new Date() };
  const space = buildSpace([before, after]);
  const a = compileWorkspace(before, opts);
  const b = compileWorkspace(after, opts);
  const differences: Difference[] = [];
  const bounds: ScopeBound[] = [];
  let requests = 0;
  const finished = underBudget(() => {
    for (const action of space.actions) {
      for (const r of space.resourcesByAction[action] ?? []) {
        const cell = space.resources[r];
        for (const request of requestsFor(space, action, r, opts, bounds)) {
          const x = a.decide(request);
          const y = b.decide(request);
          // A refused request is no difference: neither side was evaluated in full.
          if (budgetSpent()) return false;
          requests++;
          if (x === y) continue;
          const change = changeOf(x, y);
          const resourceLabel = resourceWords(cell.arn, cell.matches);
          const principalLabel = principalWords(space, request.principal);
          differences.push({
            request,
            before: x,
            after: y,
            change,
            summary: differenceSummary(change, request, resourceLabel, principalLabel),
            group: `${change} ${action} ${cell.label} ${request.principal}`,
          });
        }
      }
    }
    return true;
  });
  if (!finished) bounds.push(TOO_COSTLY_BOUND);
  return { verdict: verdictOf(differences), differences, scope: runScope(space, requests, bounds) };
}
