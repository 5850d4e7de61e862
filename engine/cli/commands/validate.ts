// `container-iam validate`: the validator's findings for policy files, as text,
// JSON or SARIF, failing on the severities --fail-on names.
import { loadAllActionNames } from '../../catalog/index.ts';
import { POLICY_KIND_LIST } from '../../policy/kinds.ts';
import { parsePolicy } from '../../policy/parse.ts';
import type { PolicyKind } from '../../types.ts';
import type { Severity } from '../../validate/types.ts';
import { validatePolicy } from '../../validate/validate.ts';
import { many, oneOf, parse, usageError } from '../args.ts';
import { displayPath, policyDocumentOf, readText } from '../files.ts';
import { styleFor } from '../io.ts';
import { validateJson } from '../report/json.ts';
import type { ValidatedFile, ValidateRun } from '../report/model.ts';
import { validateSarif } from '../report/sarif.ts';
import { validateText } from '../report/text.ts';
import type { Command } from './command.ts';

const SEVERITIES: readonly Severity[] = ['error', 'security', 'warning', 'suggestion'];
const FORMATS = ['text', 'json', 'sarif'] as const;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check policy files as IAM Access Analyzer would (text, JSON or SARIF)',
  help: `Usage: container-iam validate <file>... [--kind <kind>] [--fail-on <severities>] [--format text|json|sarif]

Validates each policy file and prints every finding as
  file:line:column severity code message
Severities are error, security, warning and suggestion, as IAM Access Analyzer
groups them. Every AWS service's action names are checked.

Options:
  --kind <kind>          ${POLICY_KIND_LIST.join(', ')}. Without it each file
                         is guessed: a file whose statements name a Principal is a
                         resource policy, any other an identity policy.
  --fail-on <list>       comma-separated severities that make the command fail
                         (exit 1), or none; default: error
  --format <name>        text (default), json, or sarif (SARIF 2.1.0, for code
                         scanning: rule ids are the finding codes)
  -h, --help             show this help

Exit codes: 0 no finding of a --fail-on severity; 1 at least one; 2 bad usage or
unreadable input.

Examples:
  container-iam validate policies/*.json
  container-iam validate trust.json --kind resource --fail-on error,security
  container-iam validate policies/*.json --format sarif > results.sarif
`,
  options: { kind: { type: 'string' }, 'fail-on': { type: 'string' }, format: { type: 'string' } },
  async run(argv, io) {
    const args = parse(argv, this.options);
    if (args.positionals.length === 0) throw usageError('Name at least one policy file to validate.');
    const kind = args.values.kind === undefined ? undefined : oneOf(args.values.kind, 'kind', POLICY_KIND_LIST, 'identity');
    const failOn = failOnList(args.values['fail-on']);
    const format = oneOf(args.values.format, 'format', FORMATS, 'text');
    // Read everything first: an unreadable file is exit 2, before any report.
    // AWS output (get-role-policy, ...) is validated as the policy document it holds; positions are then in that document.
    const texts = args.positionals.map((p) => {
      const file = displayPath(io.cwd, p);
      return { file, text: policyDocumentOf(file, readText(io.cwd, p)).text };
    });
    const actionNames = await loadAllActionNames();
    const files = texts.map(({ file, text }): ValidatedFile => {
      const guess = kind ? undefined : guessKind(text);
      const k = kind ?? guess?.kind ?? 'identity';
      return { file, kind: k, ...(guess ? { guessed: guess.why } : {}), diagnostics: validatePolicy(text, k, { actionNames }) };
    });
    const failing = files.reduce((n, f) => n + f.diagnostics.filter((d) => failOn.includes(d.severity)).length, 0);
    const run: ValidateRun = { files, failOn, failing, ok: failing === 0 };
    io.out(format === 'json' ? validateJson(run) : format === 'sarif' ? validateSarif(run) : validateText(run, styleFor(io)));
    return run.ok ? 0 : 1;
  },
};

function failOnList(value: unknown): Severity[] {
  if (value === undefined) return ['error'];
  const items = many(value).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (items.length === 1 && items[0] === 'none') return [];
  for (const item of items) {
    if (!(SEVERITIES as readonly string[]).includes(item)) {
      throw usageError(`\`--fail-on\` takes severities (${SEVERITIES.map((s) => `\`${s}\``).join(', ')}) or \`none\`, not \`${item}\`.`);
    }
  }
  return [...new Set(items)] as Severity[];
}

/** A file whose statements name a Principal (or NotPrincipal) is attached to a resource; anything else is an identity policy. */
export function guessKind(text: string): { kind: PolicyKind; why: string } {
  const statements = parsePolicy(text, 'identity').policy?.statements ?? [];
  return statements.some((s) => s.principal || s.notPrincipal)
    ? { kind: 'resource', why: 'its statements name a Principal' }
    : { kind: 'identity', why: 'no statement names a Principal' };
}
