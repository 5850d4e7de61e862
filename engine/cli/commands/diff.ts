// `container-iam diff before.json after.json`: compares two versions of a workspace
// over every request their policies can tell apart (compareWorkspaces) and names each
// request whose decision changed. With --fail-on it is the CI step "this change grants
// no new access".
import { compareWorkspaces } from '../../reason/compare.ts';
import type { Comparison, Difference } from '../../reason/types.ts';
import { readWorkspaceFile } from '../../share/file.ts';
import type { Workspace } from '../../share/workspace.ts';
import { ExitError, oneOf, parse, usageError } from '../args.ts';
import { displayPath, readText } from '../files.ts';
import { styleFor, type Io } from '../io.ts';
import { json, tool } from '../report/json.ts';
import type { Command } from './command.ts';

const FAIL_ON = ['more-permissive', 'less-permissive', 'any'] as const;
type FailOn = (typeof FAIL_ON)[number];
const FORMATS = ['text', 'json'] as const;

/** Whether the comparison meets the --fail-on condition. */
export function failsOn(comparison: Comparison, failOn: FailOn): boolean {
  const grants = comparison.differences.some((d) => d.change === 'now-allowed' || d.change === 'deny-lifted');
  const revokes = comparison.differences.some((d) => d.change === 'now-denied' || d.change === 'deny-added');
  if (failOn === 'any') return comparison.differences.length > 0;
  return failOn === 'more-permissive' ? grants : revokes;
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two versions of a workspace over every request their policies tell apart',
  help: `Usage: container-iam diff <before.json> <after.json> [--fail-on more-permissive|less-permissive|any]
                      [--json] [--now <time>]

Compares two workspace files (docs/workspace-file.md) over the partition of
requests their policies can tell apart (docs/partition.md): every ECR and ECS
action and every action named, every overlap cell of the Resource patterns, the
caller, named principals, another account, and the context values the conditions
name. Prints the verdict (equivalent, more-permissive, less-permissive,
incomparable) and each request whose decision changed, with both decisions.
Each request reproduces with \`container-iam simulate\` or in the app.

Options:
  --fail-on <which>  exit 1 when the change is more permissive (some request is
                     allowed that was not, or an explicit deny is lifted), less
                     permissive, or any difference at all
  --json             the comparison as JSON (verdict, differences, scope)
  --now <time>       the time aws:CurrentTime stands for (ISO 8601); default now
  -h, --help         show this help

Exit codes: 0 compared (and the --fail-on condition does not hold); 1 it holds;
2 bad usage or unreadable input.

Examples:
  container-iam diff main.json branch.json --fail-on more-permissive
  git show main:policies/ci.json > before.json && container-iam diff before.json policies/ci.json --json
`,
  options: {
    'fail-on': { type: 'string' },
    json: { type: 'boolean' },
    format: { type: 'string' },
    now: { type: 'string' },
  },
  async run(argv, io) {
    const args = parse(argv, this.options);
    if (args.positionals.length !== 2) throw usageError('Give two workspace files: the version before and the version after.');
    const failOn = args.values['fail-on'] === undefined ? undefined : oneOf(args.values['fail-on'], 'fail-on', FAIL_ON, 'more-permissive');
    const format = args.values.json ? 'json' : oneOf(args.values.format, 'format', FORMATS, 'text');
    const now = typeof args.values.now === 'string' ? args.values.now : undefined;
    if (now !== undefined && isNaN(new Date(now).getTime())) throw usageError(`\`--now ${now}\` is not a time; write ISO 8601, e.g. 2026-01-31T12:00:00Z.`);
    const [before, after] = args.positionals.map((p) => workspaceAt(io, p));
    const comparison = compareWorkspaces(before, after, now === undefined ? {} : { now });
    const failed = failOn !== undefined && failsOn(comparison, failOn);
    if (format === 'json') {
      io.out(
        json({
          report: 'diff',
          reportVersion: 1,
          tool: tool(),
          before: displayPath(io.cwd, args.positionals[0]),
          after: displayPath(io.cwd, args.positionals[1]),
          verdict: comparison.verdict,
          ...(failOn ? { failOn, failed } : {}),
          differences: comparison.differences,
          scope: comparison.scope,
        }),
      );
    } else {
      printText(io, comparison, failOn, failed);
    }
    return failed ? 1 : 0;
  },
};

function workspaceAt(io: Io, path: string): Workspace {
  const label = displayPath(io.cwd, path);
  const r = readWorkspaceFile(readText(io.cwd, path));
  if (!r.ok) throw new ExitError(`${r.line !== undefined ? `${label}:${r.line}:${r.column ?? 1}` : label}: ${r.error}`);
  return r.envelope.workspace;
}

const SHOWN_PER_GROUP = 3;

function printText(io: Io, c: Comparison, failOn: FailOn | undefined, failed: boolean): void {
  const s = styleFor(io);
  const lines: string[] = [];
  const colour = c.verdict === 'equivalent' ? s.ok : c.verdict === 'less-permissive' ? s.warn : s.fail;
  lines.push(`${s.bold('verdict:')} ${colour(c.verdict)}`);
  // One heading per change and action: reviewers read "what is newly allowed" first.
  const groups = new Map<string, Difference[]>();
  for (const d of c.differences) {
    const key = `${d.change} ${d.request.action}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const order = ['now-allowed', 'deny-lifted', 'now-denied', 'deny-added'];
  const keys = [...groups.keys()].sort((a, b) => order.indexOf(a.split(' ')[0]) - order.indexOf(b.split(' ')[0]));
  for (const key of keys) {
    const list = groups.get(key) ?? [];
    for (const d of list.slice(0, SHOWN_PER_GROUP)) {
      const mark = d.after === 'Allow' ? s.fail('+') : d.before === 'Allow' ? s.warn('-') : s.dim('~');
      lines.push(`${mark} ${d.summary}`);
      lines.push(s.dim(`    ${d.before} -> ${d.after}: ${d.request.principal} ${d.request.action} ${d.request.resource}${d.request.context ? ` ${JSON.stringify(d.request.context)}` : ''}`));
    }
    if (list.length > SHOWN_PER_GROUP) lines.push(s.dim(`  ... and ${list.length - SHOWN_PER_GROUP} more like these (--json lists all)`));
  }
  const sc = c.scope;
  lines.push(
    `${c.differences.length} requests of ${sc.requests} changed decision (${sc.actions} actions, ${sc.resources} resource cells, ${sc.principals} principals, ${sc.contextKeys.length} context keys).`,
  );
  if (!sc.exhaustive) lines.push(s.warn(`The exploration was bounded in ${sc.bounds.length} place(s); --json lists them under scope.bounds.`));
  if (failOn) lines.push(failed ? s.fail(`fails --fail-on ${failOn}`) : `passes --fail-on ${failOn}`);
  io.out(lines.join('\n') + '\n');
}
