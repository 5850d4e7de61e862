// `container-iam test`: runs every test of every workspace given, and fails a
// workspace whose policies AWS would refuse.
import type { ActionNames } from '../../catalog/index.ts';
import { analyzeWorkspace } from '../../workspace/analyze.ts';
import { ExitError, oneOf, parse } from '../args.ts';
import { collectWorkspaces, type WorkspaceSource } from '../files.ts';
import { styleFor } from '../io.ts';
import type { TestRun, WorkspaceRun } from '../report/model.ts';
import { testJson } from '../report/json.ts';
import { testJunit } from '../report/junit.ts';
import { testTap } from '../report/tap.ts';
import { testText } from '../report/text.ts';
import type { Command } from './command.ts';

const REPORTERS = ['text', 'json', 'junit', 'tap'] as const;

export const testCommand: Command = {
  name: 'test',
  summary: 'run the policy tests of workspace files, directories and share links',
  help: `Usage: container-iam test [<file|dir|share-link>...] [--reporter text|json|junit|tap]

Runs every test of every workspace given and reports each one. A directory means
every workspace file under it (recursively; node_modules, .git and dist are
skipped, and so are JSON files that are not workspace files). With no argument,
the current directory. A workspace whose policies AWS would refuse as written
fails too.

Options:
  --reporter <name>  text (default), json, junit (JUnit XML) or tap (TAP 14)
  -h, --help         show this help

Exit codes: 0 every test passed; 1 a test failed or AWS would refuse a policy;
2 bad usage or unreadable input.

Examples:
  container-iam test examples/
  container-iam test policies/ --reporter junit > results.xml
  container-iam test 'https://example.org/policy-sim/#v1.zVNNb9sw...'
`,
  options: { reporter: { type: 'string' } },
  async run(argv, io) {
    const args = parse(argv, this.options);
    const reporter = oneOf(args.values.reporter, 'reporter', REPORTERS, 'text');
    const sources = collectWorkspaces(io.cwd, args.positionals);
    if (sources.length === 0) {
      const where = args.positionals.length ? args.positionals.map((p) => `\`${p}\``).join(', ') : 'the current directory';
      throw new ExitError(`No workspace files found in ${where}.`);
    }
    const run = runTests(sources);
    const style = styleFor(io);
    const render = { text: () => testText(run, style), json: () => testJson(run), junit: () => testJunit(run), tap: () => testTap(run) }[reporter];
    io.out(render());
    return run.ok ? 0 : 1;
  },
};

/** Analyzes each workspace once: every test's outcome and the refusals. */
export function runTests(sources: readonly WorkspaceSource[], actionNames?: ActionNames): TestRun {
  const started = performance.now();
  const workspaces = sources.map((s): WorkspaceRun => {
    const t0 = performance.now();
    const analysis = analyzeWorkspace(s.envelope.workspace, { actionNames });
    return {
      source: s.label,
      tests: analysis.tests.map((t) => ({ name: t.name, expect: t.expect, actual: t.actual, pass: t.pass, ...(t.why ? { why: t.why } : {}) })),
      accepted: analysis.accepted,
      refusals: analysis.refusals.map((r) => ({ policy: r.policy.name, kind: r.policy.kind, code: r.code, message: r.message, line: r.range.start.line, column: r.range.start.column })),
      seconds: (performance.now() - t0) / 1000,
    };
  });
  const tests = workspaces.reduce((n, w) => n + w.tests.length, 0);
  const passed = workspaces.reduce((n, w) => n + w.tests.filter((t) => t.pass).length, 0);
  const refused = workspaces.filter((w) => !w.accepted).length;
  return { workspaces, tests, passed, failed: tests - passed, refused, ok: tests === passed && refused === 0, seconds: (performance.now() - started) / 1000 };
}
