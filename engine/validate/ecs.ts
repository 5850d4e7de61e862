// ECS: the resource condition keys only some ECS actions carry, and the
// trust policies of task roles and task execution roles.
import { editDistance } from '../catalog/index.ts';
import { parseOperator } from '../conditions/index.ts';
import type { Located, Statement } from '../types.ts';
import { listNames, serviceKeysOf, type FixDraft, type ValidationContext } from './context.ts';

/** ECS keys that name the cluster, service, ... a request is about: carried only by some actions. */
const ECS_RESOURCE_KEYS: ReadonlySet<string> = new Set([
  'ecs:cluster',
  'ecs:task-definition',
  'ecs:service',
  'ecs:container-instances',
  'ecs:capacity-provider',
]);

const ECS_TASKS = 'ecs-tasks.amazonaws.com';

function checkResourceKeys(ctx: ValidationContext): void {
  for (const info of ctx.statements) {
    if (info.negated) continue;
    for (const entry of info.st.condition ?? []) {
      const key = entry.key.value.toLowerCase();
      if (!ECS_RESOURCE_KEYS.has(key)) continue;
      const op = parseOperator(entry.operator.value);
      // IfExists and Null say what to do when the key is missing: nothing is wrong.
      if (!op || op.ifExists || op.base.valueType === 'Null') continue;
      const explicit = info.actions.filter((a) => a.status === 'known' && !a.wildcard && a.infos.length === 1);
      const lacking = explicit.filter((a) => !serviceKeysOf(a.infos[0]).has(key));
      // When no action carries the key, the generic conditions check reports it.
      const anyCarries = info.infos.some((a) => serviceKeysOf(a).has(key));
      if (lacking.length === 0 || !anyCarries) continue;
      const names = lacking.map((a) => a.item.value);
      ctx.report(
        'ecs-condition-key-unsupported',
        entry.key.span,
        `${listNames(names)} never ${names.length === 1 ? 'carries' : 'carry'} \`${entry.key.value}\`, so this condition never matches ${names.length === 1 ? 'it' : 'them'}; move ${names.length === 1 ? 'it' : 'them'} to a statement without the condition or use \`${entry.operator.value}IfExists\`.`,
      );
    }
  }
}

/** Service principals an Allow statement of a trust policy names. */
function trustedServices(st: Statement): Located<string>[] {
  const out: Located<string>[] = [];
  for (const e of st.principal?.entries ?? []) if (e.type.value === 'Service') out.push(...e.values);
  return out;
}

function allowsAssumeRole(st: Statement): boolean {
  return st.effect?.value === 'Allow' && (st.action ?? []).some((a) => /^sts:(AssumeRole|\*)$/i.test(a.value) || a.value === '*');
}

/** A near miss of `ecs-tasks.amazonaws.com` (not another real ECS principal). */
function misspeltEcsTasks(value: string): boolean {
  const v = value.toLowerCase();
  if (v === ECS_TASKS || v === 'ecs.amazonaws.com' || v === `${ECS_TASKS}.cn`) return false;
  return editDistance(v, ECS_TASKS, 3) <= 3;
}

function confusedDeputyFix(ctx: ValidationContext, st: Statement): FixDraft | undefined {
  const account = ctx.options.resourceAccount;
  if (!account || st.keySpans['Condition']) return undefined;
  return {
    title: `Only tasks of account ${account} may assume the role`,
    changes: [{ path: [...st.path, 'Condition'], value: { StringEquals: { 'aws:SourceAccount': account } } }],
  };
}

function checkTrustPolicy(ctx: ValidationContext): void {
  if (ctx.flavor !== 'trust') return;
  let trustsTasks = false;
  for (const { st } of ctx.statements) {
    if (!allowsAssumeRole(st)) continue;
    const services = trustedServices(st);
    for (const s of services) {
      if (s.value.toLowerCase() === ECS_TASKS) {
        trustsTasks = true;
        const keys = (st.condition ?? []).map((c) => c.key.value.toLowerCase());
        if (!keys.includes('aws:sourceaccount') && !keys.includes('aws:sourcearn')) {
          ctx.report(
            'trust-confused-deputy',
            s.span,
            `Any account's ECS tasks could use this trust; add an \`aws:SourceAccount\` or \`aws:SourceArn\` condition naming your account.`,
            confusedDeputyFix(ctx, st),
          );
        }
      } else if (misspeltEcsTasks(s.value)) {
        ctx.report(
          'trust-ecs-principal-misspelt',
          s.span,
          `\`${s.value}\` is not a service principal; ECS tasks assume roles as \`${ECS_TASKS}\`.`,
          { title: `Change to ${ECS_TASKS}`, changes: [{ path: s.path, value: ECS_TASKS }] },
        );
      }
    }
  }
  const use = ctx.options.roleUse;
  if (!use || trustsTasks || !ctx.policy) return;
  const role = use === 'ecs-task' ? 'task role' : 'task execution role';
  // Point at the principal that is there instead, or at the first statement.
  const wrong = ctx.statements.flatMap(({ st }) => (allowsAssumeRole(st) ? trustedServices(st) : []))[0];
  const at = wrong?.span ?? ctx.statements[0]?.st.span ?? ctx.policy.span;
  ctx.report(
    'trust-ecs-tasks-missing',
    wrong ? at : { start: at.start, end: at.start + 1 },
    `An ECS ${role} must trust \`${ECS_TASKS}\`${wrong ? `, not \`${wrong.value}\`` : ''}; ECS cannot give this role to tasks otherwise.`,
    wrong ? { title: `Trust ${ECS_TASKS}`, changes: [{ path: wrong.path, value: ECS_TASKS }] } : undefined,
  );
}

export function checkEcs(ctx: ValidationContext): void {
  checkResourceKeys(ctx);
  checkTrustPolicy(ctx);
}
