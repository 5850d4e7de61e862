// Grammar: which elements each kind of policy must have, may have, or must
// not have (IAM JSON policy grammar, ECR repository policy rules), the
// Version element and policy variables, and the Sid element.
import { parseTemplate, templateHasVariables } from '../match/index.ts';
import { isServicePrincipalName } from '../evaluate/principal.ts';
import { kindInfo } from '../policy/kinds.ts';
import type { Located, PolicyKind, PrincipalBlock, Span, Statement } from '../types.ts';
import { braceSpan, type FixDraft, type ValidationContext } from './context.ts';
import { quote } from './text.ts';

const CURRENT_VERSION = '2012-10-17';


/** An edit that makes the policy's Version 2012-10-17 (insert or replace). */
export function versionFix(ctx: ValidationContext): FixDraft | undefined {
  const policy = ctx.policy;
  if (!policy) return undefined;
  const title = `Set "Version": "${CURRENT_VERSION}"`;
  // A Version whose value is not a string is replaced; a missing one goes first, where people look for it.
  return { title, changes: [{ path: ['Version'], value: CURRENT_VERSION, insertAt: 0 }] };
}

/** A change that deletes a statement member (key and value) with its comma. */
export function removeMemberFix(st: Statement, element: string, title: string): FixDraft {
  return { title, changes: [{ path: [...st.path, element], value: undefined }] };
}

function checkVersion(ctx: ValidationContext): void {
  const policy = ctx.policy;
  if (!policy) return;
  // A Version that parsed is there; only a Version of the wrong type needs the text scanned.
  const hasKey = !!policy.version || ctx.topLevel().some((m) => m.key === 'Version');
  if (!hasKey) {
    ctx.report(
      'version-missing',
      braceSpan(policy.span),
      `This policy has no \`Version\`; add \`"Version": "${CURRENT_VERSION}"\` so that policy variables and all current features work.`,
      versionFix(ctx),
    );
  }
  if (ctx.variablesEnabled) return;
  if (hasKey && policy.version?.value !== '2008-10-17') return;
  const fix = versionFix(ctx);
  const withVariables = (values: readonly Located<string>[] | undefined): void => {
    for (const v of values ?? []) {
      if (!v.value.includes('${') || !templateHasVariables(parseTemplate(v.value))) continue;
      ctx.report(
        'version-variables',
        v.span,
        `\`${v.value}\` uses a policy variable, which is literal text unless the policy says \`"Version": "${CURRENT_VERSION}"\`; set that Version.`,
        fix,
      );
    }
  };
  for (const { st } of ctx.statements) {
    withVariables(st.resource);
    withVariables(st.notResource);
    for (const c of st.condition ?? []) withVariables(c.values);
  }
}

function checkStatementElements(ctx: ValidationContext): void {
  const kind = ctx.kind;
  const info = kindInfo(kind);
  for (const { st } of ctx.statements) {
    const has = (element: string): boolean => element in st.keySpans;
    const brace = braceSpan(st.span);

    if (!has('Action') && !has('NotAction')) {
      ctx.report('action-missing', brace, 'This statement has no `Action`; add `"Action"` with the actions it allows or denies.');
    } else if (has('Action') && has('NotAction')) {
      ctx.report(
        'action-and-notaction',
        st.keySpans['NotAction'],
        'A statement cannot have both `Action` and `NotAction`; keep one of them.',
        removeMemberFix(st, 'NotAction', 'Remove NotAction'),
      );
    }

    if (has('Resource') && has('NotResource')) {
      ctx.report(
        'resource-and-notresource',
        st.keySpans['NotResource'],
        'A statement cannot have both `Resource` and `NotResource`; keep one of them.',
        removeMemberFix(st, 'NotResource', 'Remove NotResource'),
      );
    }
    if (info.resource === 'required' && !has('Resource') && !has('NotResource')) {
      ctx.report('resource-missing', brace, 'This statement has no `Resource`; add `"Resource"` with the ARNs it applies to, or `"*"`.');
    }

    if (info.principal === 'forbidden') {
      for (const element of ['Principal', 'NotPrincipal']) {
        if (!has(element)) continue;
        ctx.report(
          'principal-not-allowed',
          st.keySpans[element],
          `${kindName(kind)} cannot have \`${element}\`: it applies to whoever it is attached to; remove the element.`,
          removeMemberFix(st, element, `Remove ${element}`),
        );
      }
    } else {
      if (!has('Principal') && !has('NotPrincipal')) {
        ctx.report('principal-missing', brace, 'This statement has no `Principal`; add `"Principal"` with the accounts, roles or services it applies to.');
      } else if (has('Principal') && has('NotPrincipal')) {
        ctx.report(
          'principal-and-notprincipal',
          st.keySpans['NotPrincipal'],
          'A statement cannot have both `Principal` and `NotPrincipal`; keep one of them.',
          removeMemberFix(st, 'NotPrincipal', 'Remove NotPrincipal'),
        );
      }
      if (info.principal === 'star-only') checkStarPrincipal(ctx, st.principal, st.keySpans['NotPrincipal']);
      checkFederatedServices(ctx, st.principal);
      checkFederatedServices(ctx, st.notPrincipal);
    }

    checkEffectAndElements(ctx, st);
    if (info.resource === 'forbidden') checkResourceElement(ctx, st);
  }
}

function checkStarPrincipal(
  ctx: ValidationContext,
  principal: PrincipalBlock | undefined,
  notPrincipalKey: Span | undefined,
): void {
  if (principal && !principal.wildcard) {
    ctx.report('principal-rcp', principal.span, 'A resource control policy accepts only `"Principal": "*"`; use conditions to narrow it.', {
      title: 'Use "Principal": "*"',
      changes: [{ path: principal.path, value: '*' }],
    });
  }
  if (notPrincipalKey) {
    ctx.report('principal-rcp', notPrincipalKey, 'A resource control policy cannot have `NotPrincipal`; use `"Principal": "*"` with conditions.');
  }
}

/**
 * Effects and elements a kind does not take. AWS Organizations, RCP syntax: "The effect of
 * Allow is only supported for the RCPFullAWSAccess policy", and RCPs have no NotAction.
 */
function checkEffectAndElements(ctx: ValidationContext, st: Statement): void {
  const info = kindInfo(ctx.kind);
  if (st.effect && !info.effects.includes(st.effect.value)) {
    ctx.report(
      'rcp-allow',
      st.effect.span,
      'AWS accepts `Allow` only in RCPFullAWSAccess, which every level already has; write this statement as a `Deny` of what must not happen.',
    );
  }
  for (const element of info.unsupportedElements) {
    const key = st.keySpans[element];
    if (key) ctx.report('element-not-in-rcp', key, `${kindName(ctx.kind)} cannot have \`${element}\`; list the actions under \`Action\`.`);
  }
}

/** `Federated` names identity providers; an AWS service principal under it names nothing. */
function checkFederatedServices(ctx: ValidationContext, block: PrincipalBlock | undefined): void {
  for (const entry of block?.entries ?? []) {
    if (entry.type.value !== 'Federated') continue;
    const services = entry.values.filter((v) => isServicePrincipalName(v.value));
    if (services.length === 0) continue;
    const all = services.length === entry.values.length;
    for (const v of services) {
      ctx.report(
        'principal-federated-service',
        v.span,
        `\`${v.value}\` is an AWS service, which \`Federated\` never names; list it under \`Service\`.`,
        all ? { title: 'Change "Federated" to "Service"', edits: [{ span: entry.type.span, text: quote('Service') }] } : undefined,
      );
    }
  }
}

function checkResourceElement(ctx: ValidationContext, st: Statement): void {
  const keySpans = st.keySpans;
  for (const element of ['Resource', 'NotResource']) {
    const key = keySpans[element];
    if (!key) continue;
    if (ctx.flavor === 'repository') {
      ctx.report(
        'resource-in-repository-policy',
        key,
        `ECR refuses a repository policy with \`${element}\` ("Invalid repository policy provided"); remove it, the policy applies to its own repository.`,
        removeMemberFix(st, element, `Remove ${element}`),
      );
    } else if (ctx.flavor === 'trust') {
      ctx.report(
        'resource-in-trust-policy',
        key,
        `IAM refuses a role trust policy with \`${element}\`; remove it, the trust policy applies to its own role.`,
        removeMemberFix(st, element, `Remove ${element}`),
      );
    }
  }
}

const SID_CHARS = /^[A-Za-z0-9]*$/;

function checkSids(ctx: ValidationContext): void {
  // ECR accepts any text as a Sid (its console writes "new statement"); IAM (trust policies too) and Organizations do not.
  const strict = kindInfo(ctx.kind).strictSid || ctx.flavor === 'trust';
  const seen = new Set<string>();
  for (const { st } of ctx.statements) {
    const sid = st.sid;
    if (!sid) continue;
    if (strict && !SID_CHARS.test(sid.value)) {
      const cleaned = sid.value.replace(/[^A-Za-z0-9]/g, '');
      ctx.report(
        'sid-invalid',
        sid.span,
        `\`${sid.value}\` is not a valid Sid: use only letters and digits${cleaned ? `, e.g. \`${cleaned}\`` : ''}.`,
        cleaned ? { title: `Use "${cleaned}"`, changes: [{ path: sid.path, value: cleaned }] } : undefined,
      );
    }
    if (sid.value === '') continue;
    if (seen.has(sid.value)) {
      ctx.report('sid-duplicate', sid.span, `Another statement already has the Sid \`${sid.value}\`; give each statement its own Sid.`);
    }
    seen.add(sid.value);
  }
}

/** `An identity-based policy`, `A service control policy`: a kind as the subject of a sentence. */
export function kindName(kind: PolicyKind): string {
  const words = kindInfo(kind).awsNameWithArticle;
  return words[0].toUpperCase() + words.slice(1);
}

export function checkGrammar(ctx: ValidationContext): void {
  checkVersion(ctx);
  checkStatementElements(ctx);
  checkSids(ctx);
}
