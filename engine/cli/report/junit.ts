// JUnit XML as Jenkins, GitLab and GitHub test reporters read it (the Ant/Jenkins
// format): <testsuites>, one <testsuite> per workspace, one <testcase> per test
// with classname = the workspace file, and a <failure> for each failing one. The
// acceptance check is a test case of its own, so a refused workspace fails visibly.
import { ACCEPTANCE_CHECK, outcome, refusalText, type TestRun } from './model.ts';
import { attrs, xmlText } from './xml.ts';

const seconds = (s: number) => s.toFixed(3);

export function testJunit(run: TestRun): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = run.failed + run.refused;
  const total = run.tests + run.workspaces.length;
  out.push(`<testsuites${attrs({ name: 'container-iam', tests: total, failures, errors: 0, time: seconds(run.seconds) })}>`);
  run.workspaces.forEach((w, id) => {
    const failed = w.tests.filter((t) => !t.pass).length + (w.accepted ? 0 : 1);
    out.push(`  <testsuite${attrs({ name: w.source, tests: w.tests.length + 1, failures: failed, errors: 0, skipped: 0, time: seconds(w.seconds), id })}>`);
    for (const t of w.tests) {
      const open = `    <testcase${attrs({ classname: w.source, name: t.name })}`;
      if (t.pass) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      const body = t.why ? `Decided at the ${t.why.stage} stage: ${t.why.message}` : outcome(t);
      out.push(`      <failure${attrs({ message: outcome(t), type: t.actual })}>${xmlText(body)}</failure>`);
      out.push('    </testcase>');
    }
    const check = `    <testcase${attrs({ classname: w.source, name: ACCEPTANCE_CHECK })}`;
    if (w.accepted) out.push(`${check}/>`);
    else {
      out.push(`${check}>`);
      const first = w.refusals[0];
      const message = first ? `${refusalText(first)}${w.refusals.length > 1 ? ` (and ${w.refusals.length - 1} more)` : ''}` : 'AWS would refuse a policy';
      out.push(`      <failure${attrs({ message, type: 'refused' })}>${xmlText(w.refusals.map(refusalText).join('\n'))}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  });
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
