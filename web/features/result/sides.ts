// Words for the evaluation, derived from the engine's result only: the stages' names,
// and, for a cross-account request, what each account's side said. Across accounts both
// sides must allow: the caller's account (its SCPs, identity policies, boundary, session
// policy) and the resource's account (its RCPs and the resource-based policy).
import { parseArn, type PolicyKind, type SimulationRequest, type SimulationResult, type StageName, type StatementRef } from '../../../engine';

export const STAGE_LABEL: Record<StageName, string> = {
  input: 'Request',
  'explicit-deny': 'Explicit deny',
  rcp: 'RCPs',
  scp: 'SCPs',
  resource: 'Resource policy',
  identity: 'Identity policies',
  boundary: 'Boundary',
  session: 'Session policy',
};

export const OUTCOME_LABEL = {
  allow: 'allows',
  deny: 'denies',
  'no-allow': 'no allow',
  'not-applicable': 'not given',
  pass: 'passes',
} as const;

export type Verdict = 'allow' | 'deny' | 'no-allow';

export interface Side {
  side: 'identity' | 'resource';
  /** The 12-digit account, when the request names one. */
  account: string | undefined;
  /** What speaks for this side, e.g. `repository policy`. */
  what: string;
  verdict: Verdict;
  /** One clause, names in backticks: `allowed by \`pull\` in \`ci-role\``. */
  text: string;
  /** The statements behind the verdict. */
  statements: StatementRef[];
}

const IDENTITY_SIDE: ReadonlySet<PolicyKind> = new Set(['identity', 'boundary', 'session', 'scp']);
const RESOURCE_SIDE: ReadonlySet<PolicyKind> = new Set(['resource', 'rcp']);

/** `Sid` (or `statement 2`) in `policy`, for one or more statements. */
export function statementsText(refs: readonly StatementRef[]): string {
  const named = refs.map((r) => `${r.sid ? `\`${r.sid}\`` : `statement ${r.statementIndex + 1}`} in \`${r.policy.name}\``);
  if (named.length <= 1) return named[0] ?? '';
  return `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

function contextValue(result: SimulationResult, key: string): string | undefined {
  return result.context.find((e) => e.key.toLowerCase() === key.toLowerCase())?.values[0];
}

function accountOfArn(arn: string): string | undefined {
  const a = parseArn(arn)?.account;
  return a && /^\d{12}$/.test(a) ? a : undefined;
}

/** What a request's resource policy is, in words. */
export function resourcePolicyWhat(request: SimulationRequest): string {
  if (/^sts:/i.test(request.action)) return 'trust policy';
  if (/^arn:[^:]+:ecr:[^:]*:[^:]*:repository\//.test(request.resource)) return 'repository policy';
  return 'resource-based policy';
}

/** Each side's verdict for a cross-account request; null when the request is not one. */
export function crossAccountSides(result: SimulationResult, request: SimulationRequest): [Side, Side] | null {
  if (!result.crossAccount) return null;
  const step = (stage: StageName) => result.steps.find((s) => s.stage === stage);
  const denies = step('explicit-deny')?.statements ?? [];
  const action = `\`${request.action}\``;

  const identity = ((): Side => {
    const base = { side: 'identity' as const, account: contextValue(result, 'aws:PrincipalAccount') ?? accountOfArn(request.principal), what: "caller's account" };
    const deny = denies.filter((d) => IDENTITY_SIDE.has(d.policy.kind));
    if (deny.length) return { ...base, verdict: 'deny', text: `denied by ${statementsText(deny)}`, statements: deny };
    const scp = step('scp');
    if (scp?.outcome === 'no-allow') return { ...base, verdict: 'no-allow', text: `an SCP of the caller's organization allows nothing that matches ${action}`, statements: [] };
    const id = step('identity');
    if (id?.outcome === 'no-allow') return { ...base, verdict: 'no-allow', text: `no identity-based policy allows ${action}`, statements: [] };
    for (const s of ['boundary', 'session'] as const) {
      const st = step(s);
      if (st?.outcome === 'no-allow') return { ...base, verdict: 'no-allow', text: st.summary.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase()), statements: [] };
    }
    if (id?.outcome === 'allow') return { ...base, verdict: 'allow', text: `allowed by ${statementsText(id.statements)}`, statements: id.statements };
    // The root user: its own account grants it everything.
    return { ...base, verdict: 'allow', text: (id?.summary ?? 'allowed').replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase()), statements: [] };
  })();

  const resource = ((): Side => {
    const base = { side: 'resource' as const, account: contextValue(result, 'aws:ResourceAccount') ?? accountOfArn(request.resource), what: resourcePolicyWhat(request) };
    const deny = denies.filter((d) => RESOURCE_SIDE.has(d.policy.kind));
    if (deny.length) return { ...base, verdict: 'deny', text: `denied by ${statementsText(deny)}`, statements: deny };
    const st = step('resource');
    if (st?.outcome === 'allow') return { ...base, verdict: 'allow', text: `allowed by ${statementsText(st.statements)}`, statements: st.statements };
    if (st?.outcome === 'not-applicable') {
      return { ...base, verdict: 'no-allow', text: `no ${base.what} takes part (${st.summary.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}), so nothing in this account lets the caller in`, statements: [] };
    }
    return { ...base, verdict: 'no-allow', text: `no statement allows ${action} for this caller`, statements: [] };
  })();

  return [identity, resource];
}
