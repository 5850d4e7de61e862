// Security: statements that grant more than they look like they do. Only
// policies that grant (identity and resource-based) are checked for broad
// grants; boundaries, session policies, SCPs and RCPs only set maximums.
import { globCached, listNames, type ActionRef, type StatementInfo, type ValidationContext } from './context.ts';
import type { Located, PrincipalBlock } from '../types.ts';

const PUSH_ACTIONS = ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'];

function matches(ref: ActionRef, action: string): boolean {
  return ref.status === 'any' || globCached(ref.item.value)(action);
}

function everyResource(info: StatementInfo): Located<string> | undefined {
  return info.st.resource?.find((r) => r.value === '*');
}

function checkNotElements(ctx: ValidationContext, info: StatementInfo): void {
  const st = info.st;
  if (ctx.kind !== 'identity' && ctx.kind !== 'resource') return;
  const pairs: [string, 'allow-with-notaction' | 'allow-with-notresource' | 'allow-with-notprincipal', string][] = [
    ['NotAction', 'allow-with-notaction', 'every other action, including ones AWS adds later; list the actions in `Action` instead'],
    ['NotResource', 'allow-with-notresource', 'every other resource, including new ones; list the resources in `Resource` instead'],
    ['NotPrincipal', 'allow-with-notprincipal', 'everyone else, including anonymous users; name the principals in `Principal` instead'],
  ];
  for (const [element, code, what] of pairs) {
    const key = st.keySpans[element];
    if (key) ctx.report(code, key, `\`Allow\` with \`${element}\` grants ${what}.`);
  }
}

function checkBroadGrants(ctx: ValidationContext, info: StatementInfo): void {
  if (ctx.kind !== 'identity' || info.negated) return;
  const star = everyResource(info);
  if (!star) return;
  const conditioned = (info.st.condition ?? []).length > 0;
  for (const ref of info.actions) {
    const v = ref.item.value;
    if (v === '*' || v === '*:*') {
      ctx.report('allow-all-actions', ref.item.span, '`"Action": "*"` on `"Resource": "*"` grants full administrator access; list the actions this identity needs.');
    } else if (!conditioned && ref.service !== '' && ref.name === '*') {
      ctx.report(
        'allow-service-wildcard',
        ref.item.span,
        `\`${v}\` on \`"Resource": "*"\` grants every ${ref.service} action on every resource; list the actions needed or narrow Resource or add a condition.`,
      );
    }
  }
  // iam:PassRole on any role: the ECS task role escalation path.
  const passRole = info.actions.find((a) => a.status !== 'any' && a.item.value !== '*:*' && matches(a, 'iam:PassRole'));
  if (passRole) {
    ctx.report(
      'passrole-star',
      passRole.item.span,
      `\`${passRole.item.value}\` on \`"Resource": "*"\` lets this identity pass any role, including administrator roles, to ECS tasks; list the task role ARNs and add an \`iam:PassedToService\` condition.`,
    );
  }
}

/** The 12-digit account a principal value names, if it names one. */
function principalAccount(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const m = /^arn:[^:]*:(?:iam|sts)::(\d{12}):/.exec(value);
  return m?.[1];
}

function isEveryone(p: PrincipalBlock | undefined): Located<string> | PrincipalBlock | undefined {
  if (!p) return undefined;
  if (p.wildcard) return p;
  for (const e of p.entries) {
    if (e.type.value !== 'AWS') continue;
    const star = e.values.find((v) => v.value === '*');
    if (star) return star;
  }
  return undefined;
}

function checkResourcePolicyGrants(ctx: ValidationContext, info: StatementInfo): void {
  if (ctx.kind !== 'resource') return;
  const st = info.st;
  const everyone = isEveryone(st.principal);
  if (everyone && (st.condition ?? []).length === 0) {
    const what = ctx.flavor === 'trust' ? 'anyone can assume this role' : ctx.flavor === 'repository' ? 'this repository is public' : 'anyone has this access';
    ctx.report(
      'resource-public',
      everyone.span,
      `\`Principal: "*"\` without a condition means ${what}; name the accounts or roles, or add a condition such as \`aws:PrincipalOrgID\`.`,
    );
  }
  const own = ctx.options.resourceAccount;
  if (ctx.flavor !== 'repository' || !own || !st.principal || st.principal.wildcard) return;
  const push = PUSH_ACTIONS.filter((p) => info.actions.some((a) => matches(a, p)));
  if (info.negated || push.length === 0) return;
  for (const e of st.principal.entries) {
    if (e.type.value !== 'AWS') continue;
    for (const v of e.values) {
      const account = principalAccount(v.value);
      if (!account || account === own) continue;
      ctx.report(
        'repository-cross-account-push',
        v.span,
        `\`${v.value}\` is in account ${account}, not ${own}, and may push images (${listNames(push, 2)}); make sure that is intended and limit it with conditions.`,
      );
    }
  }
}

export function checkSecurity(ctx: ValidationContext): void {
  for (const info of ctx.statements) {
    if (info.st.effect?.value !== 'Allow') continue;
    checkNotElements(ctx, info);
    checkBroadGrants(ctx, info);
    checkResourcePolicyGrants(ctx, info);
  }
}
