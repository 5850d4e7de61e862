// Resources: each Resource entry must be `*` or a well-formed ARN that some
// action of the statement acts on, and actions without resource-level
// permissions must see `*` (ecr:GetAuthorizationToken and friends).
import { resourceTypesForArn, type ResourceTypeInfo } from '../catalog/index.ts';
import { parseArn, parseTemplate, wildcardMatch } from '../match/index.ts';
import type { Located, Span } from '../types.ts';
import { isInDepth, listNames, type ActionRef, type FixDraft, type StatementInfo, type ValidationContext } from './context.ts';
import { memberValueSpan } from './text.ts';

const PARTITIONS: ReadonlySet<string> = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);
// Region codes: us-east-1, eu-central-2, us-gov-west-1, us-isob-east-1, eusc-de-east-1.
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;

function isPattern(part: string): boolean {
  return part.includes('*') || part.includes('?') || part.includes('${');
}

/** The ARN with each policy variable replaced by `*`, for matching against ARN formats. */
function withoutVariables(arn: string, variables: boolean): string {
  if (!variables || !arn.includes('${')) return arn;
  let out = '';
  for (const p of parseTemplate(arn).parts) {
    if (p.kind === 'text') out += p.text;
    else if (p.kind === 'escape') out += p.char;
    else out += '*';
  }
  return out;
}

function formatPart(format: string, n: number): string {
  return format.split(':')[n] ?? '';
}

function typeKey(service: string, name: string): string {
  return `${service}:${name}`.toLowerCase();
}

function typesTaken(info: StatementInfo): Set<string> {
  const out = new Set<string>();
  for (const a of info.infos) for (const r of a.resourceTypes) out.add(typeKey(a.service, r.name));
  return out;
}

function checkArnParts(ctx: ValidationContext, item: Located<string>): { service: string; match: string } | undefined {
  const value = item.value;
  if (!value.startsWith('arn:')) {
    const hint = /^arn:/i.test(value) ? ' (`arn` is lower case)' : '';
    ctx.report(
      'arn-invalid',
      item.span,
      `\`${value}\` is not an ARN${hint}; write \`arn:partition:service:region:account-id:resource\` or \`*\`.`,
      hint ? { title: 'Write arn in lower case', changes: [{ path: item.path, value: 'arn' + value.slice(3) }] } : undefined,
    );
    return undefined;
  }
  const arn = parseArn(value);
  if (!arn) {
    ctx.report(
      'arn-invalid',
      item.span,
      `\`${value}\` has fewer than six parts; an ARN is \`arn:partition:service:region:account-id:resource\`.`,
    );
    return undefined;
  }
  if (!isPattern(arn.partition) && !PARTITIONS.has(arn.partition)) {
    ctx.report('arn-partition-invalid', item.span, `\`${arn.partition}\` is not an AWS partition; use \`aws\` (or \`aws-cn\`, \`aws-us-gov\`).`);
  }
  if (arn.region !== '' && !isPattern(arn.region) && !REGION.test(arn.region)) {
    ctx.report('arn-region-invalid', item.span, `\`${arn.region}\` is not a region code; write one such as \`us-east-1\`, or \`*\`.`);
  }
  if (arn.account !== '' && !isPattern(arn.account) && arn.account !== 'aws' && !ACCOUNT.test(arn.account)) {
    const digits = arn.account.replace(/-/g, '');
    const hint = ACCOUNT.test(digits) ? ` without hyphens: \`${digits}\`` : ` (this one has ${arn.account.length} characters)`;
    ctx.report(
      'arn-account-invalid',
      item.span,
      `\`${arn.account}\` is not an account ID; write the 12 digits${hint}.`,
      ACCOUNT.test(digits)
        ? { title: `Use ${digits}`, changes: [{ path: item.path, value: value.replace(arn.account, digits) }] }
        : undefined,
    );
  }
  return { service: arn.service, match: withoutVariables(value, ctx.variablesEnabled) };
}

/** Region/account that the matched ARN formats say must be empty, or must be there. */
function checkAgainstFormats(ctx: ValidationContext, item: Located<string>, types: readonly ResourceTypeInfo[]): void {
  const arn = parseArn(item.value);
  if (!arn || types.length === 0) return;
  const regionless = types.every((t) => formatPart(t.arnFormat, 3) === '');
  const regional = types.every((t) => formatPart(t.arnFormat, 3) !== '');
  if (arn.region !== '' && regionless && !isPattern(arn.region)) {
    ctx.report('arn-region-invalid', item.span, `\`${types[0].service}\` ${types[0].name} ARNs have no region; leave the region part empty (\`::\`).`);
  } else if (arn.region === '' && regional) {
    ctx.report('arn-region-invalid', item.span, `\`${types[0].service}\` ${types[0].name} ARNs need a region; write one such as \`us-east-1\`, or \`*\`.`);
  }
  const accountless = types.every((t) => formatPart(t.arnFormat, 4) === '');
  const accounted = types.every((t) => formatPart(t.arnFormat, 4) !== '');
  if (arn.account !== '' && accountless && !isPattern(arn.account)) {
    ctx.report('arn-account-invalid', item.span, `\`${types[0].service}\` ${types[0].name} ARNs have no account; leave the account part empty.`);
  } else if (arn.account === '' && accounted) {
    ctx.report('arn-account-invalid', item.span, `\`${types[0].service}\` ${types[0].name} ARNs need an account ID; write the 12 digits, or \`*\`.`);
  }
}

/** The same ARN under one of the actions' services, when that makes it a resource they take. */
function serviceFix(
  item: Located<string>,
  taken: Set<string>,
  services: readonly string[],
  variables: boolean,
): { service: string; fix: FixDraft } | undefined {
  const arn = parseArn(item.value);
  if (!arn) return undefined;
  for (const s of services) {
    const candidate = `arn:${arn.partition}:${s}:${arn.region}:${arn.account}:${arn.resource}`;
    const types = resourceTypesForArn(withoutVariables(candidate, variables));
    if (types.some((t) => taken.has(typeKey(t.service, t.name)))) {
      return { service: s, fix: { title: `Change the service to ${s}`, changes: [{ path: item.path, value: candidate }] } };
    }
  }
  return undefined;
}

function checkEntry(ctx: ValidationContext, info: StatementInfo, item: Located<string>): void {
  if (item.value === '*') return;
  const parts = checkArnParts(ctx, item);
  if (!parts) return;
  const svc = parts.service.toLowerCase();
  if (isPattern(svc)) return;
  const types = isInDepth(svc) ? resourceTypesForArn(parts.match) : [];
  checkAgainstFormats(ctx, item, types);

  const judge = !info.negated && info.closed;
  const taken = judge ? typesTaken(info) : new Set<string>();
  const actionServices = [...new Set(info.infos.map((a) => a.service))];
  if (judge && taken.size > 0) {
    if (types.length > 0 && !types.some((t) => taken.has(typeKey(t.service, t.name)))) {
      const names = [...new Set(types.map((t) => t.name))];
      ctx.report(
        'resource-type-mismatch',
        item.span,
        `No action in this statement takes ${listNames(names)} resources of \`${svc}\`, so \`${item.value}\` never matches; use the ARN of a resource the actions take.`,
      );
      return;
    }
    if (types.length === 0 && !actionServices.includes(svc)) {
      const other = serviceFix(item, taken, actionServices, ctx.variablesEnabled);
      ctx.report(
        'resource-type-mismatch',
        item.span,
        `The actions of this statement belong to ${listNames(actionServices)}, not \`${svc}\`, so \`${item.value}\` never matches${
          other ? `; did you mean the \`${other.service}\` service?` : '; use an ARN of their service.'
        }`,
        other?.fix,
      );
      return;
    }
  }
  if (types.length === 0 && isInDepth(svc)) {
    ctx.report(
      'resource-type-unknown',
      item.span,
      `\`${item.value}\` matches no \`${svc}\` resource type, so no request names it; check the part after the account ID.`,
    );
  }
}

// ------------------------------------------------------ "*"-only actions

/** The JSON value of a span of the text, or undefined when it does not parse on its own. */
function jsonValue(text: string, span: Span): unknown {
  try {
    return JSON.parse(text.slice(span.start, span.end)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The split quick fix: the "*"-only actions leave this statement for a new
 * one with `"Resource": "*"` (same Effect and Condition). When every action
 * is "*"-only, the Resource itself becomes "*".
 */
function splitFix(ctx: ValidationContext, info: StatementInfo, starOnly: readonly ActionRef[]): FixDraft | undefined {
  const text = ctx.text;
  const st = info.st;
  const actionKey = st.keySpans['Action'];
  const resourceKey = st.keySpans['Resource'];
  if (!actionKey || !resourceKey) return undefined;
  const all = info.actions;
  if (starOnly.length === all.length) {
    return { title: 'Use "Resource": "*"', changes: [{ path: [...st.path, 'Resource'], value: '*' }] };
  }
  if (text.charAt(memberValueSpan(text, actionKey).start) !== '[' || all.length < 2) return undefined;
  const kept = all.filter((a) => !starOnly.includes(a)).map((a) => a.item.value);
  const added: Record<string, unknown> = {};
  if (st.sid) added.Sid = st.sid.value + 'Registry';
  added.Effect = st.effect?.value ?? 'Allow';
  added.Action = starOnly.map((a) => a.item.value);
  added.Resource = '*';
  const conditionKey = st.keySpans['Condition'];
  if (conditionKey) {
    // The new statement keeps the same conditions, as written.
    const condition = jsonValue(text, memberValueSpan(text, conditionKey));
    if (condition === undefined) return undefined;
    added.Condition = condition;
  }
  const title = `Move ${starOnly.length === 1 ? starOnly[0].item.value : 'these actions'} to a statement on "*"`;
  const index = st.path[st.path.length - 1];
  if (typeof index === 'number') {
    return {
      title,
      changes: [
        { path: [...st.path, 'Action'], value: kept },
        { path: ['Statement', index + 1], value: added, arrayInsertion: true },
      ],
    };
  }
  // A single statement object becomes an array of two.
  const whole = jsonValue(text, st.span);
  if (typeof whole !== 'object' || whole === null) return undefined;
  return { title, changes: [{ path: ['Statement'], value: [{ ...whole, Action: kept }, added] }] };
}

function checkStarOnly(ctx: ValidationContext, info: StatementInfo): void {
  const resources = info.st.resource;
  if (info.negated || !resources || resources.length === 0) return;
  if (resources.some((r) => wildcardMatch(r.value, '*'))) return;
  const starOnly = info.actions.filter((a) => a.status === 'known' && !a.wildcard && a.infos[0]?.resourceLevel === false);
  if (starOnly.length === 0) return;
  const fix = splitFix(ctx, info, starOnly);
  const deny = info.st.effect?.value === 'Deny';
  for (const a of starOnly) {
    ctx.report(
      'action-needs-star-resource',
      a.item.span,
      `\`${a.item.value}\` works only with \`"Resource": "*"\`, so this statement never ${deny ? 'denies' : 'allows'} it; move it to a statement on \`"*"\`.`,
      fix,
    );
  }
}

/** ARN shapes only, from the text alone: the part of the resource checks that AWS refuses. */
export function checkArnSyntax(ctx: ValidationContext): void {
  if (ctx.flavor === 'repository' || ctx.flavor === 'trust') return;
  for (const { st } of ctx.statements) {
    for (const item of st.resource ?? []) if (item.value !== '*') checkArnParts(ctx, item);
    for (const item of st.notResource ?? []) if (item.value !== '*') checkArnParts(ctx, item);
  }
}

export function checkResources(ctx: ValidationContext): void {
  // Repository and trust policies may not have a Resource at all (grammar reports it).
  if (ctx.flavor === 'repository' || ctx.flavor === 'trust') return;
  for (const info of ctx.statements) {
    for (const item of info.st.resource ?? []) checkEntry(ctx, info, item);
    for (const item of info.st.notResource ?? []) checkEntry(ctx, { ...info, negated: true }, item);
    checkStarOnly(ctx, info);
  }
}

