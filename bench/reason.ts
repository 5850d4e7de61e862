// Reasoning benchmarks (npm run bench; alone: node scripts/bench.mjs --reason-only).
// Figures, not pass/fail. Each figure comes with its floor measured in the same run:
// decide() alone on the same requests, so the ratio says what the partition costs on top.
import { compareWorkspaces, coverage, edgeCases, fullMatrix } from '../engine/index';
import { buildSpace, requestsFor } from '../engine/reason/space';
import { compileWorkspace } from '../engine/reason/evaluate';
import { largeWorkspace } from '../engine/reason/testing';
import type { ScopeBound, Workspace } from '../engine/index';
import { medianOf } from './timing';

/** decide() alone on every request of the partition, once per version: the floor of a comparison. */
function decideFloor(workspaces: Workspace[]): { ms: number; requests: number } {
  const space = buildSpace(workspaces);
  const sets = workspaces.map((w) => compileWorkspace(w));
  const bounds: ScopeBound[] = [];
  const requests = space.actions.flatMap((a) => (space.resourcesByAction[a] ?? []).flatMap((r) => [...requestsFor(space, a, r, {}, bounds)]));
  const ms = medianOf(() => {
    for (const set of sets) for (const r of requests) set.decide(r);
  }, 5);
  return { ms, requests: requests.length };
}

const rows: [string, string, string][] = [];
const small = largeWorkspace(20);
// The same workspace with three statements changed: what a pull request does.
const changed = largeWorkspace(20, 1);
for (let i = 0; i < 3; i++) compareWorkspaces(small, changed);

const floor = decideFloor([small, changed]);
const cmp = medianOf(() => compareWorkspaces(small, changed), 9);
rows.push(['compareWorkspaces, 20 statements each (median of 9)', `${cmp.toFixed(1)} ms; ${(cmp / floor.ms).toFixed(1)}x decide() alone on its ${floor.requests} requests × 2 (${floor.ms.toFixed(1)} ms)`, '< 100 ms']);
const cov = medianOf(() => coverage(small), 9);
rows.push(['coverage, 20 statements (median of 9)', `${cov.toFixed(1)} ms (simulate with traces on every request)`, '< 100 ms']);
const edge = medianOf(() => edgeCases(small), 9);
rows.push(['edgeCases, 20 statements (median of 9)', `${edge.toFixed(1)} ms`, '< 100 ms']);
const m = fullMatrix(small);
const mat = medianOf(() => fullMatrix(small), 9);
rows.push([`fullMatrix, 20 statements: ${m.actions.length} actions × resource × principal cells = ${m.cells.length} cells (median of 9)`, `${mat.toFixed(1)} ms`, '< 100 ms']);

const big = largeWorkspace(200);
const bigChanged = largeWorkspace(200, 1);
compareWorkspaces(big, bigChanged);
const bigFloor = decideFloor([big, bigChanged]);
const bigMs = medianOf(() => compareWorkspaces(big, bigChanged), 3);
rows.push(['compareWorkspaces, two 200-statement policies (median of 3)', `${bigMs.toFixed(0)} ms; ${(bigMs / bigFloor.ms).toFixed(1)}x decide() alone on its ${bigFloor.requests} requests × 2 (${bigFloor.ms.toFixed(0)} ms)`, '< 1 s']);

const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length), 6));
console.log(`\nReasoning benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
for (const r of [['what', 'measured', 'target'] as [string, string, string], ...rows]) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
