// `container-iam simulate`: one request against policy files, as AWS would decide
// it: the decision, the deciding statements (file, line, Sid), the AccessDenied
// message, and whether AWS would refuse a policy as written.
import type { Decision } from '../../evaluate/result.ts';
import { isPolicyKind, kindInfo, POLICY_KIND_LIST } from '../../policy/kinds.ts';
import type { PolicyKind } from '../../types.ts';
import { analyzeWorkspace, type WorkspacePolicyInput } from '../../workspace/analyze.ts';
import { many, oneOf, parse, required, usageError } from '../args.ts';
import { displayPath, policyDocumentOf, readText } from '../files.ts';
import { styleFor, type Io } from '../io.ts';
import { json, tool } from '../report/json.ts';
import type { RefusalView } from '../report/model.ts';
import type { Command } from './command.ts';

const EXPECTATIONS = ['Allow', 'ExplicitDeny', 'ImplicitDeny', 'Deny'] as const;

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'decide one request against policy files, and say why',
  help: `Usage: container-iam simulate --policy <kind>:<file>... --principal <arn> --action <action>
                         --resource <arn> [--context <key>=<value>...] [--expect <decision>] [--json]

Evaluates one request as AWS would and prints the decision, the statements that
decided it (file, line and Sid), the AccessDenied message AWS would return, and
any policy AWS would refuse as written (file:line).

Options:
  --policy <kind>:<file>   a policy and its kind: ${POLICY_KIND_LIST.join(', ')}.
                           Repeat for more (identity policies, SCPs and RCPs may be many).
  --principal <arn>        who asks: a user, role, assumed-role session or account ARN,
                           a 12-digit account id, or a service such as ecs-tasks.amazonaws.com
  --action <action>        for example ecr:PutImage
  --resource <arn>         the resource ARN, or *
  --context <key>=<value>  a request context key; repeat the key for a multivalued key
                           (--context aws:TagKeys=team --context aws:TagKeys=env). A value
                           is taken whole, commas included.
  --expect <decision>      Allow, ExplicitDeny, ImplicitDeny, or Deny (either deny):
                           exit 1 unless the decision is that and AWS accepts the policies
  --json                   print the result as JSON
  -h, --help               show this help

Exit codes: 0 decided (and, with --expect, as expected); 1 --expect did not hold;
2 bad usage or unreadable input.

Examples:
  container-iam simulate --policy identity:ci.json --policy resource:repo.json \\
    --principal arn:aws:sts::111122223333:assumed-role/ci/build-1 --action ecr:PutImage \\
    --resource arn:aws:ecr:us-east-1:111122223333:repository/web --context aws:PrincipalTag/team=web
  container-iam simulate --policy scp:deny-regions.json --policy identity:admin.json \\
    --principal arn:aws:iam::111122223333:user/alice --action ecs:RunTask --resource '*' --expect Deny
`,
  options: {
    policy: { type: 'string', multiple: true },
    principal: { type: 'string' },
    action: { type: 'string' },
    resource: { type: 'string' },
    context: { type: 'string', multiple: true },
    expect: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(argv, io) {
    const args = parse(argv, this.options);
    if (args.positionals.length) throw usageError(`Unexpected argument \`${args.positionals[0]}\`: policies are given with \`--policy <kind>:<file>\`.`);
    const specs = many(args.values.policy);
    if (specs.length === 0) throw usageError('Give at least one policy with `--policy <kind>:<file>`.');
    const request = {
      principal: required(args.values.principal, 'principal'),
      action: required(args.values.action, 'action'),
      resource: required(args.values.resource, 'resource'),
      context: contextOf(many(args.values.context)),
    };
    const expect = args.values.expect === undefined ? undefined : oneOf(args.values.expect, 'expect', EXPECTATIONS, 'Allow');
    const policies = specs.map((spec): WorkspacePolicyInput & { file: string } => {
      const { kind, path } = policySpec(spec);
      const file = displayPath(io.cwd, path);
      return { id: file, kind, name: file, text: policyDocumentOf(file, readText(io.cwd, path)).text, file };
    });
    const analysis = analyzeWorkspace({ policies, request });
    const result = analysis.result;
    const left = analysis.policies.filter((p) => !p.takesPart).map((p) => ({ file: p.id, why: p.leftOut ?? '' }));
    const refusals: RefusalView[] = analysis.refusals.map((r) => ({ policy: r.policy.id, kind: r.policy.kind, code: r.code, message: r.message, line: r.range.start.line, column: r.range.start.column }));
    const deciding = result.decisiveStatements.map((s) => ({ file: s.policy.id, kind: s.policy.kind, line: s.range.start.line, column: s.range.start.column, sid: s.sid ?? null, effect: s.effect }));
    const holds = expect === undefined ? undefined : meets(expect, result.decision) && analysis.accepted;
    if (args.values.json) {
      io.out(
        json({
          report: 'simulate',
          reportVersion: 1,
          tool: tool(),
          decision: result.decision,
          ...(expect ? { expect, pass: holds } : {}),
          decidingStage: result.decidingStage,
          message: result.message,
          decisiveStatements: deciding,
          accepted: analysis.accepted,
          refusals,
          leftOut: left,
          missingContextKeys: result.missingContextKeys,
          inputErrors: result.errors.filter((e) => !e.policy).map((e) => ({ field: e.field ?? null, code: e.code, message: e.message })),
        }),
      );
    } else {
      printText(io, { decision: result.decision, stage: result.decidingStage, message: result.message, deciding, refusals, left, missing: result.missingContextKeys, inputErrors: result.errors.filter((e) => !e.policy).map((e) => e.message), expect, holds });
    }
    return holds === false ? 1 : 0;
  },
};

function meets(expect: Decision | 'Deny', actual: Decision): boolean {
  return expect === 'Deny' ? actual !== 'Allow' : expect === actual;
}

/** `kind:file`; the kind is everything before the first colon. */
function policySpec(spec: string): { kind: PolicyKind; path: string } {
  const colon = spec.indexOf(':');
  const kind = colon > 0 ? spec.slice(0, colon) : '';
  const path = colon > 0 ? spec.slice(colon + 1) : '';
  if (!isPolicyKind(kind) || path === '') {
    throw usageError(`\`--policy ${spec}\` should be \`<kind>:<file>\` with a kind of ${POLICY_KIND_LIST.map((k) => `\`${k}\``).join(', ')}.`);
  }
  return { kind, path };
}

/** `key=value` options into a context; a key given twice or more is multivalued. */
function contextOf(items: readonly string[]): Record<string, string | string[]> {
  const values = new Map<string, string[]>();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw usageError(`\`--context ${item}\` should be \`<key>=<value>\`, for example \`aws:PrincipalTag/team=web\`.`);
    const key = item.slice(0, eq);
    values.set(key, [...(values.get(key) ?? []), item.slice(eq + 1)]);
  }
  return Object.fromEntries([...values].map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

interface SimulateView {
  decision: Decision;
  stage: string;
  message: string;
  deciding: { file: string; kind: PolicyKind; line: number; column: number; sid: string | null; effect: string }[];
  refusals: RefusalView[];
  left: { file: string; why: string }[];
  missing: string[];
  inputErrors: string[];
  expect?: Decision | 'Deny';
  holds?: boolean;
}

function printText(io: Io, v: SimulateView): void {
  const s = styleFor(io);
  const colour = v.decision === 'Allow' ? s.ok : s.fail;
  const lines = [`Decision: ${colour(s.bold(v.decision))} ${s.dim(`(decided at the ${v.stage} stage)`)}`];
  if (v.deciding.length) {
    lines.push(v.decision === 'Allow' ? 'Allowed by:' : 'Denied by:');
    for (const d of v.deciding) lines.push(`  ${d.file}:${d.line}:${d.column}  ${d.effect}  ${d.sid ? `Sid \`${d.sid}\`` : 'statement without Sid'}  ${s.dim(`(${kindInfo(d.kind).label.toLowerCase()})`)}`);
  } else if (v.decision === 'ImplicitDeny') {
    lines.push('No statement allows this request.');
  }
  lines.push(`${v.decision === 'Allow' ? 'Why' : 'AWS would say'}: ${v.message}`);
  for (const r of v.refusals) lines.push(s.fail(`AWS would refuse ${r.policy}:${r.line}:${r.column}: ${r.message} [${r.code}]`));
  if (v.refusals.length) lines.push(s.warn('The decision above is what AWS would decide if it accepted the policies as written.'));
  for (const l of v.left) lines.push(s.warn(`Left out: ${l.file}: ${l.why}.`));
  for (const e of v.inputErrors) lines.push(s.warn(`Request: ${e}`));
  if (v.missing.length) lines.push(s.dim(`Context keys the statements read that the request does not carry: ${v.missing.join(', ')}`));
  if (v.expect) {
    if (v.holds) lines.push(s.ok(`Expected ${v.expect}: holds.`));
    else if (meets(v.expect, v.decision)) lines.push(s.fail(`Expected ${v.expect}: the decision is ${v.decision}, but AWS would refuse a policy as written.`));
    else lines.push(s.fail(`Expected ${v.expect}, got ${v.decision}.`));
  }
  io.out(lines.join('\n') + '\n');
}
