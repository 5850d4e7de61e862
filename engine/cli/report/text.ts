// Plain text for people: one line per test or finding, then a summary line.
import { kindInfo } from '../../policy/kinds.ts';
import type { Style } from '../io.ts';
import { outcome, refusalText, type TestRun, type ValidateRun } from './model.ts';

const SEVERITY_WORDS = { error: 'error', security: 'security warning', warning: 'warning', suggestion: 'suggestion' } as const;

function withArticle(words: string): string {
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function testText(run: TestRun, s: Style): string {
  const lines: string[] = [];
  for (const w of run.workspaces) {
    for (const t of w.tests) {
      const mark = t.pass ? s.ok('✓') : s.fail('✗');
      lines.push(`${mark} ${w.source} › ${t.name} ${s.dim(`(${outcome(t)})`)}`);
      if (t.why) lines.push(`    decided at the ${t.why.stage} stage: ${t.why.message}`);
    }
    for (const r of w.refusals) lines.push(`${s.fail('✗')} ${w.source}: ${refusalText(r)}`);
  }
  const counts = `${plural(run.tests, 'test')} in ${plural(run.workspaces.length, 'workspace')}: ${run.passed} passed, ${run.failed} failed`;
  const refused = run.refused ? `; ${plural(run.refused, 'workspace has', 'workspaces have')} policies AWS would refuse` : '';
  const summary = `${counts}${refused} (${run.seconds.toFixed(2)} s)`;
  lines.push('', run.ok ? s.ok(summary) : s.fail(summary));
  return lines.join('\n') + '\n';
}

export function validateText(run: ValidateRun, s: Style): string {
  const lines: string[] = [];
  const colour = { error: s.fail, security: s.fail, warning: s.warn, suggestion: s.dim } as const;
  for (const f of run.files) {
    if (f.guessed) lines.push(s.dim(`${f.file}: validated as ${withArticle(kindInfo(f.kind).label.toLowerCase())} (a guess: ${f.guessed}; --kind chooses)`));
    for (const d of f.diagnostics) {
      const { line, column } = d.range.start;
      lines.push(`${f.file}:${line}:${column} ${colour[d.severity](d.severity)} ${d.code} ${d.message}`);
    }
  }
  const all = run.files.flatMap((f) => f.diagnostics);
  const bySeverity = (['error', 'security', 'warning', 'suggestion'] as const)
    .map((sev) => [sev, all.filter((d) => d.severity === sev).length] as const)
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => plural(n, SEVERITY_WORDS[sev]));
  const summary = `${plural(run.files.length, 'file')}, ${plural(all.length, 'finding')}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''}; failing on ${run.failOn.length ? run.failOn.join(', ') : 'nothing'}: ${run.failing}`;
  lines.push('', run.ok ? s.ok(summary) : s.fail(summary));
  return lines.join('\n') + '\n';
}
