// Resources: each Resource entry must be `*` or a well-formed ARN that some
// action of the statement acts on, and actions without resource-level
// permissions must see `*` (ecr:GetAuthorizationToken and friends).
import { resourceTypesForArn, type ResourceTypeInfo } from '../catalog/index.ts';
import { parseArn, parseTemplate, wildcardMatch } from '../match/index.ts';
import type { Located } from '../types.ts';
import { isInDepth, listNames, type ActionRef, type FixDraft, type StatementInfo, type ValidationContext } from './context.ts';
import { charBefore, lineIndent, memberSpan, memberValueSpan, quote, spansLines } from './text.ts';

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
      hint ? { title: 'Write arn in lower case', edits: [{ span: item.span, text: quote('arn' + value.slice(3)) }] } : undefined,
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
        ? { title: `Use ${digits}`, edits: [{ span: item.span, text: quote(value.replace(arn.account, digits)) }] }
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
      return { service: s, fix: { title: `Change the service to ${s}`, edits: [{ span: item.span, text: quote(candidate) }] } };
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

function statementIndent(ctx: ValidationContext, info: StatementInfo): { outer: string; inner: string; multiline: boolean; nl: string } {
  const text = ctx.text;
  const st = info.st;
  const keys = Object.values(st.keySpans).sort((a, b) => a.start - b.start);
  const firstKey = keys[0];
  const multiline = spansLines(text, st.span);
  return {
    outer: lineIndent(text, st.span.start),
    inner: firstKey ? lineIndent(text, firstKey.start) : lineIndent(text, st.span.start) + '  ',
    multiline,
    nl: text.includes('\r\n') ? '\r\n' : '\n',
  };
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
    return { title: 'Use "Resource": "*"', edits: [{ span: memberValueSpan(text, resourceKey), text: '"*"' }] };
  }
  const value = memberValueSpan(text, actionKey);
  if (text.charAt(value.start) !== '[' || all.length < 2) return undefined;
  const kept = all.filter((a) => !starOnly.includes(a));
  const sep = text.slice(all[0].item.span.end, all[1].item.span.start);
  const newArray =
    text.slice(value.start, all[0].item.span.start) +
    kept.map((a) => text.slice(a.item.span.start, a.item.span.end)).join(sep) +
    text.slice(all[all.length - 1].item.span.end, value.end);
  const modified = text.slice(st.span.start, value.start) + newArray + text.slice(value.end, st.span.end);

  const { outer, inner, multiline, nl } = statementIndent(ctx, info);
  const members: string[] = [];
  if (st.sid) members.push(`"Sid": ${quote(st.sid.value + 'Registry')}`);
  members.push(`"Effect": ${st.effect ? quote(st.effect.value) : '"Allow"'}`);
  members.push(`"Action": [${starOnly.map((a) => quote(a.item.value)).join(', ')}]`);
  members.push('"Resource": "*"');
  const conditionKey = st.keySpans['Condition'];
  if (conditionKey) {
    const m = memberSpan(text, conditionKey);
    members.push(text.slice(m.start, m.end));
  }
  const added = multiline
    ? `{${nl}${members.map((m) => inner + m).join(`,${nl}`)}${nl}${outer}}`
    : `{ ${members.join(', ')} }`;
  const inArray = ['[', ','].includes(charBefore(text, st.span.start));
  const joined = multiline ? `${modified},${nl}${outer}${added}` : `${modified}, ${added}`;
  return {
    title: `Move ${starOnly.length === 1 ? starOnly[0].item.value : 'these actions'} to a statement on "*"`,
    edits: [{ span: st.span, text: inArray ? joined : `[${joined}]` }],
  };
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

export function checkResources(ctx: ValidationContext): void {
  // Repository and trust policies may not have a Resource at all (grammar reports it).
  if (ctx.flavor === 'repository' || ctx.flavor === 'trust') return;
  for (const info of ctx.statements) {
    for (const item of info.st.resource ?? []) checkEntry(ctx, info, item);
    for (const item of info.st.notResource ?? []) checkEntry(ctx, { ...info, negated: true }, item);
    checkStarOnly(ctx, info);
  }
}

