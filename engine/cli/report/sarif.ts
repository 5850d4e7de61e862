// SARIF 2.1.0 for code-scanning UIs: one run, every catalog code as a rule (id,
// name, title, help, default level from its severity), and each finding as a
// result with the file (relative URI) and the exact region (1-based, UTF-16 columns).
import { CODES, type DiagnosticCode } from '../../validate/codes.ts';
import type { Severity } from '../../validate/types.ts';
import { ENGINE_VERSION } from '../../version.ts';
import type { ValidateRun } from './model.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', security: 'warning', warning: 'warning', suggestion: 'note' };

const RULE_IDS = Object.keys(CODES) as DiagnosticCode[];

/** `action-unknown` -> `ActionUnknown`: SARIF's `name` is an identifier people can read. */
function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase());
}

function rules() {
  return RULE_IDS.map((id) => {
    const info = CODES[id];
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: info.title },
      fullDescription: { text: info.help },
      help: { text: info.help },
      defaultConfiguration: { level: LEVEL[info.severity] },
      properties: { tags: [...new Set([info.group, ...(info.severity === 'security' ? ['security'] : [])])], severity: info.severity, refusedByAws: info.refuses },
    };
  });
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function uri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function validateSarif(run: ValidateRun): string {
  const index = new Map(RULE_IDS.map((id, i) => [id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'container-iam', version: ENGINE_VERSION, semanticVersion: ENGINE_VERSION, rules: rules() } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory container-iam ran in.' } } },
        artifacts: run.files.map((f) => ({ location: { uri: uri(f.file), uriBaseId: '%SRCROOT%' } })),
        results: run.files.flatMap((f, artifact) =>
          f.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: index.get(d.code) ?? -1,
            level: LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%', index: artifact },
                  region: {
                    startLine: d.range.start.line,
                    startColumn: d.range.start.column,
                    endLine: d.range.end.line,
                    // An empty span still marks one character, so viewers show it.
                    endColumn: d.range.end.line === d.range.start.line && d.range.end.column <= d.range.start.column ? d.range.start.column + 1 : d.range.end.column,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
