// JSON reports for scripts (shapes documented in docs/cli.md). Positions are
// 1-based lines and columns; every report names the tool and its versions.
import { dataVersionLabel } from '../../share/envelope.ts';
import { codeInfo } from '../../validate/codes.ts';
import { ENGINE_VERSION } from '../../version.ts';
import type { TestRun, ValidateRun } from './model.ts';

/** Bumped when a report's shape changes incompatibly. */
export const REPORT_VERSION = 1;

function tool() {
  return { name: 'container-iam', version: ENGINE_VERSION, data: dataVersionLabel() };
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function testJson(run: TestRun): string {
  return json({
    report: 'test',
    reportVersion: REPORT_VERSION,
    tool: tool(),
    ok: run.ok,
    summary: { workspaces: run.workspaces.length, tests: run.tests, passed: run.passed, failed: run.failed, refused: run.refused, seconds: run.seconds },
    workspaces: run.workspaces.map((w) => ({ source: w.source, accepted: w.accepted, refusals: w.refusals, tests: w.tests })),
  });
}

export function validateJson(run: ValidateRun): string {
  return json({
    report: 'validate',
    reportVersion: REPORT_VERSION,
    tool: tool(),
    ok: run.ok,
    failOn: run.failOn,
    summary: { files: run.files.length, findings: run.files.reduce((n, f) => n + f.diagnostics.length, 0), failing: run.failing },
    files: run.files.map((f) => ({
      file: f.file,
      kind: f.kind,
      kindGuessed: f.guessed !== undefined,
      diagnostics: f.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        title: codeInfo(d.code).title,
        message: d.message,
        help: codeInfo(d.code).help,
        line: d.range.start.line,
        column: d.range.start.column,
        endLine: d.range.end.line,
        endColumn: d.range.end.column,
        ...(d.fix ? { fix: { title: d.fix.title, edits: d.fix.edits.map((e) => ({ line: e.range.start.line, column: e.range.start.column, endLine: e.range.end.line, endColumn: e.range.end.column, text: e.text })) } } : {}),
      })),
    })),
  });
}

export { tool };
