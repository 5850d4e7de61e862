// TAP version 14: one subtest per workspace (4-space indented, led by a
// `# Subtest:` comment, closed by its test point), one test point per test and
// one for the acceptance check, with YAML diagnostics for failures.
import { ACCEPTANCE_CHECK, outcome, refusalText, type TestRun } from './model.ts';

/** TAP 14 escapes `\` and `#` in descriptions; a line break would end the line. */
function description(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/[\r\n]+/g, ' ');
}

/** A YAML value: JSON strings are valid YAML double-quoted scalars. */
function yaml(value: string): string {
  return JSON.stringify(value);
}

export function testTap(run: TestRun): string {
  const out = ['TAP version 14', `1..${run.workspaces.length}`];
  run.workspaces.forEach((w, i) => {
    const sub: string[] = [`1..${w.tests.length + 1}`];
    w.tests.forEach((t, j) => {
      sub.push(`${t.pass ? 'ok' : 'not ok'} ${j + 1} - ${description(t.name)}`);
      if (!t.pass) {
        sub.push('  ---', `  message: ${yaml(outcome(t))}`, `  expected: ${yaml(t.expect)}`, `  actual: ${yaml(t.actual)}`);
        if (t.why) sub.push(`  stage: ${yaml(t.why.stage)}`, `  aws: ${yaml(t.why.message)}`);
        sub.push('  ...');
      }
    });
    sub.push(`${w.accepted ? 'ok' : 'not ok'} ${w.tests.length + 1} - ${description(ACCEPTANCE_CHECK)}`);
    if (!w.accepted) {
      sub.push('  ---', '  refusals:');
      for (const r of w.refusals) sub.push(`    - ${yaml(refusalText(r))}`);
      sub.push('  ...');
    }
    const ok = w.accepted && w.tests.every((t) => t.pass);
    out.push(`# Subtest: ${description(w.source)}`, ...sub.map((l) => `    ${l}`), `${ok ? 'ok' : 'not ok'} ${i + 1} - ${description(w.source)}`);
  });
  out.push(`# tests ${run.tests}, passed ${run.passed}, failed ${run.failed}, refused workspaces ${run.refused}`);
  return out.join('\n') + '\n';
}
