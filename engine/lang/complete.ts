// Completion as a pure function of the text, the cursor and the catalog.
import { kindInfo } from '../policy/kinds.ts';
import {
  actionNamesFor,
  arnTemplate,
  conditionKeysForAction,
  expandAction,
  getService,
  globalConditionKeys,
  listActions,
  loadedServicePrefixes,
  type ActionInfo,
  type ActionNames,
  type ConditionKeyInfo,
} from '../catalog/index.ts';
import { getOperator, OPERATORS, SET_QUALIFIERS, parseOperator, type OperatorDescriptor } from '../conditions/index.ts';
import type { PolicyKind, Statement } from '../types.ts';
import { cursorAt, statementAt, type Cursor } from './cursor.ts';
import { objectMembers, skipWs } from '../validate/text.ts';
import { ELEMENT_DOCS, nestsTooDeep, operatorMarkdown, type EditorOptions } from './docs.ts';

export type CompletionKind = 'action' | 'operator' | 'conditionKey' | 'arn' | 'element' | 'value';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text that replaces `from`..`to`. */
  insertText: string;
  /** The same text as a snippet with tab stops (`${1:REGION}`), where placeholders help. */
  snippet?: string;
  /** Keeps the engine's order when an editor sorts by this. */
  sortText?: string;
}

export interface CompletionResult {
  from: number;
  to: number;
  items: CompletionItem[];
}

// The services this simulator is about come first.
const FIRST_SERVICES = ['ecr', 'ecs'];

function orderedServices(): string[] {
  const rest = loadedServicePrefixes().filter((p) => !FIRST_SERVICES.includes(p)).sort();
  return [...FIRST_SERVICES, ...rest];
}

/** Quote a completion when the cursor is not inside a string already. */
function literal(cur: Cursor, value: string): string {
  return cur.string ? value : JSON.stringify(value);
}

function finish(cur: Cursor, items: CompletionItem[]): CompletionResult {
  items.forEach((item, i) => (item.sortText = String(i).padStart(4, '0')));
  return { from: cur.from, to: cur.to, items };
}

// --------------------------------------------------------------- actions

/** `Describe*`, `Get*`, ...: the leading word of each action name, with its count. */
function verbGroups(actions: readonly ActionInfo[]): { verb: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const a of actions) {
    const m = /^[A-Z][a-z]+/.exec(a.name);
    if (m) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 1).map(([verb, count]) => ({ verb, count })).sort((a, b) => a.verb.localeCompare(b.verb));
}

function serviceActionItems(cur: Cursor, service: string): CompletionItem[] {
  const actions = listActions(service);
  const items: CompletionItem[] = actions.map((a) => ({
    label: `${service}:${a.name}`,
    kind: 'action',
    detail: a.accessLevel,
    documentation: a.description,
    insertText: literal(cur, `${service}:${a.name}`),
  }));
  items.push({
    label: `${service}:*`,
    kind: 'action',
    detail: `All ${actions.length} actions`,
    documentation: `Every action of ${getService(service)?.name ?? service}, including ones AWS adds later.`,
    insertText: literal(cur, `${service}:*`),
  });
  for (const g of verbGroups(actions)) {
    items.push({
      label: `${service}:${g.verb}*`,
      kind: 'action',
      detail: `${g.count} actions`,
      documentation: `Every ${service} action whose name starts with ${g.verb}.`,
      insertText: literal(cur, `${service}:${g.verb}*`),
    });
  }
  return items;
}

function actionCompletions(cur: Cursor, names: ActionNames | undefined): CompletionItem[] {
  const colon = cur.typed.indexOf(':');
  if (colon > 0) {
    const service = cur.typed.slice(0, colon).toLowerCase();
    if (getService(service)) return serviceActionItems(cur, service);
    return (actionNamesFor(service, names) ?? []).map((name) => ({
      label: `${service}:${name}`,
      kind: 'action' as const,
      insertText: literal(cur, `${service}:${name}`),
    }));
  }
  const items: CompletionItem[] = orderedServices().map((p) => ({
    label: `${p}:`,
    kind: 'action' as const,
    detail: getService(p)?.name,
    insertText: cur.string ? `${p}:` : `"${p}:`,
  }));
  items.push({ label: '*', kind: 'action', detail: 'Every action of every service', insertText: literal(cur, '*') });
  for (const p of FIRST_SERVICES) items.push(...serviceActionItems(cur, p));
  return items;
}

// -------------------------------------------------------------- resources

/** `${RepositoryName}` as `REPOSITORY_NAME`. */
function placeholderName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

function renderTemplate(format: string): { text: string; snippet: string } {
  let n = 0;
  let text = '';
  let snippet = '';
  let last = 0;
  for (const m of format.matchAll(/\$\{([^}]*)\}/g)) {
    const lit = format.slice(last, m.index);
    text += lit;
    snippet += lit.replace(/[$}\\]/g, '\\$&');
    const name = m[1] ?? '';
    if (name === 'Partition') {
      text += 'aws';
      snippet += 'aws';
    } else {
      const ph = placeholderName(name === 'Account' ? 'AccountId' : name);
      text += ph;
      snippet += `\${${++n}:${ph}}`;
    }
    last = (m.index ?? 0) + m[0].length;
  }
  const tail = format.slice(last);
  return { text: text + tail, snippet: snippet + tail.replace(/[$}\\]/g, '\\$&') };
}

const DEFAULT_ARN_TYPES: [string, string][] = [
  ['ecr', 'repository'],
  ['ecs', 'cluster'],
  ['ecs', 'service'],
  ['ecs', 'task-definition'],
  ['ecs', 'task'],
  ['ecs', 'container-instance'],
  ['ecs', 'capacity-provider'],
  ['iam', 'role'],
  ['logs', 'log-group'],
];

function resourceCompletions(cur: Cursor, st: Statement | undefined): CompletionItem[] {
  const types: [string, string][] = [];
  const seen = new Set<string>();
  const add = (service: string, type: string): void => {
    const key = `${service}:${type}`;
    if (seen.has(key) || !arnTemplate(service, type)) return;
    seen.add(key);
    types.push([service, type]);
  };
  // Resource types the statement's actions take come first.
  for (const a of statementActions(st)) for (const r of a.resourceTypes) add(a.service, r.name);
  for (const [s, t] of DEFAULT_ARN_TYPES) add(s, t);
  const items: CompletionItem[] = [
    { label: '*', kind: 'arn', detail: 'Every resource', documentation: 'Needed for actions without resource-level permissions, such as `ecr:GetAuthorizationToken`.', insertText: literal(cur, '*') },
  ];
  for (const [service, type] of types) {
    const format = arnTemplate(service, type) ?? '';
    const { text, snippet } = renderTemplate(format);
    items.push({
      label: text,
      kind: 'arn',
      detail: `${service} ${type}`,
      documentation: `ARN format: \`${format}\``,
      insertText: literal(cur, text),
      snippet: cur.string ? snippet : `"${snippet}"`,
    });
  }
  return items;
}

// ------------------------------------------------------------- conditions

function statementActions(st: Statement | undefined): ActionInfo[] {
  const out: ActionInfo[] = [];
  const seen = new Set<ActionInfo>();
  for (const a of st?.action ?? []) {
    if (a.value === '*') continue;
    for (const info of expandAction(a.value)) {
      if (!seen.has(info)) {
        seen.add(info);
        out.push(info);
      }
    }
  }
  return out;
}

function operatorCompletions(cur: Cursor): CompletionItem[] {
  const plain: CompletionItem[] = [];
  const ifExists: CompletionItem[] = [];
  const qualified: CompletionItem[] = [];
  const item = (text: string, d: OperatorDescriptor): CompletionItem => ({
    label: text,
    kind: 'operator',
    detail: d.description,
    documentation: operatorMarkdown(text),
    insertText: literal(cur, text),
  });
  for (const d of OPERATORS) {
    plain.push(item(d.name, d));
    if (d.ifExistsAllowed) ifExists.push(item(`${d.name}IfExists`, d));
    if (d.setQualifiersAllowed) {
      for (const q of SET_QUALIFIERS) {
        qualified.push(item(`${q}:${d.name}`, d));
        if (d.ifExistsAllowed) qualified.push(item(`${q}:${d.name}IfExists`, d));
      }
    }
  }
  return [...plain, ...ifExists, ...qualified];
}

function keyItem(cur: Cursor, k: ConditionKeyInfo, where: string): CompletionItem {
  const head = k.templated ? k.name.slice(0, k.name.indexOf('${')) : k.name;
  const snippet = k.templated ? k.name.replace(/\$\{([^}]*)\}/g, (_m, name: string) => `\${1:${name}}`) : undefined;
  return {
    label: k.name,
    kind: 'conditionKey',
    detail: `${k.type}${k.multiValued ? ' (multivalued)' : ''} · ${where}`,
    documentation: k.description,
    insertText: cur.string ? head : `"${head}`,
    ...(snippet ? { snippet: cur.string ? snippet : `"${snippet}"` } : {}),
  };
}

function conditionKeyCompletions(cur: Cursor, st: Statement | undefined): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const actions = statementActions(st);
  for (const a of actions) {
    for (const k of conditionKeysForAction(a)) {
      if (k.source === 'global' || seen.has(k.name.toLowerCase())) continue;
      seen.add(k.name.toLowerCase());
      items.push(keyItem(cur, k, k.source === 'action' ? `${a.service}:${a.name}` : `${a.service} resource`));
    }
  }
  if (actions.length === 0) {
    for (const p of FIRST_SERVICES) {
      for (const k of getService(p)?.conditionKeys ?? []) {
        if (seen.has(k.name.toLowerCase())) continue;
        seen.add(k.name.toLowerCase());
        items.push(keyItem(cur, k, p));
      }
    }
  }
  for (const k of globalConditionKeys()) {
    if (seen.has(k.name.toLowerCase())) continue;
    seen.add(k.name.toLowerCase());
    items.push(keyItem(cur, k, 'global'));
  }
  return items;
}

function conditionValueCompletions(cur: Cursor, operator: string): CompletionItem[] {
  const base = parseOperator(operator)?.base ?? getOperator(operator);
  if (!base || (base.valueType !== 'Bool' && base.valueType !== 'Null')) return [];
  const docs =
    base.valueType === 'Null'
      ? { true: 'The key is absent from the request.', false: 'The key is present in the request.' }
      : { true: 'The key is true.', false: 'The key is false.' };
  return (['true', 'false'] as const).map((v) => ({ label: v, kind: 'value' as const, documentation: docs[v], insertText: literal(cur, v) }));
}

// --------------------------------------------------------------- elements

const TOP_LEVEL = ['Version', 'Id', 'Statement'];

function elementCompletions(cur: Cursor, names: readonly string[], present: ReadonlySet<string>): CompletionItem[] {
  return names
    .filter((n) => !present.has(n) || n === cur.typed)
    .map((n) => ({
      label: n,
      kind: 'element' as const,
      documentation: ELEMENT_DOCS[n],
      insertText: cur.string ? n : `"${n}": `,
    }));
}

function statementElementNames(kind: PolicyKind): string[] {
  const principal = kindInfo(kind).principal !== 'forbidden';
  return ['Sid', 'Effect', ...(principal ? ['Principal', 'NotPrincipal'] : []), 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
}

function valueItems(cur: Cursor, values: readonly [string, string][]): CompletionItem[] {
  return values.map(([v, doc]) => ({ label: v, kind: 'value' as const, documentation: doc, insertText: literal(cur, v) }));
}

const SERVICE_PRINCIPALS: [string, string][] = [
  ['ecs-tasks.amazonaws.com', 'ECS tasks: trust it in task roles and task execution roles.'],
  ['ecs.amazonaws.com', 'Amazon ECS itself (service-linked and legacy service roles).'],
  ['ec2.amazonaws.com', 'EC2 instances, e.g. the ECS container instance role.'],
  ['events.amazonaws.com', 'EventBridge, e.g. to run scheduled ECS tasks.'],
  ['application-autoscaling.amazonaws.com', 'Service Auto Scaling for ECS services.'],
];

/**
 * Completions at an offset: action names in Action, operators and keys in
 * Condition, ARN templates in Resource, element names as keys, and values of
 * Effect, Version, Principal and Bool/Null conditions. `from`..`to` is the
 * text the chosen item replaces.
 */
export function completeAt(text: string, offset: number, kind: PolicyKind, options: EditorOptions = {}): CompletionResult {
  if (typeof text !== 'string' || typeof offset !== 'number' || !Number.isFinite(offset) || nestsTooDeep(text)) {
    const at = typeof offset === 'number' && Number.isFinite(offset) ? offset : 0;
    return { from: at, to: at, items: [] };
  }
  const cur = cursorAt(text, offset);
  const p = cur.path;
  const inSt = cur.inStatement;
  const empty = { from: cur.from, to: cur.to, items: [] };

  if (p.length === 1 && cur.atKey) {
    const present = new Set(objectMembers(text, skipWs(text, 0)).map((m) => m.key));
    return finish(cur, elementCompletions(cur, TOP_LEVEL, present));
  }
  if (p.length === 1 && p[0] === 'Version' && !cur.atKey) {
    return finish(cur, valueItems(cur, [['2012-10-17', 'The current policy language; needed for policy variables.']]));
  }
  if (!inSt) return empty;
  const [element, second] = inSt;

  if (inSt.length === 1 && cur.atKey) {
    const st = statementAt(text, kind, offset);
    return finish(cur, elementCompletions(cur, statementElementNames(kind), new Set(Object.keys(st?.keySpans ?? {}))));
  }
  if (cur.atKey) {
    if (element === 'Condition' && inSt.length === 2) return finish(cur, operatorCompletions(cur));
    if (element === 'Condition' && inSt.length === 3) return finish(cur, conditionKeyCompletions(cur, statementAt(text, kind, offset)));
    if ((element === 'Principal' || element === 'NotPrincipal') && inSt.length === 2) {
      return finish(cur, valueItems(cur, [
        ['AWS', 'Accounts, IAM users and roles: account IDs or ARNs.'],
        ['Service', 'AWS services, e.g. `ecs-tasks.amazonaws.com`.'],
        ['Federated', 'Web identity or SAML providers.'],
        ['CanonicalUser', 'An S3 canonical user ID.'],
      ]).map((i) => ({ ...i, kind: 'element' as const, insertText: cur.string ? i.label : `"${i.label}": ` })));
    }
    return empty;
  }
  switch (element) {
    case 'Action':
    case 'NotAction':
      return inSt.length <= 2 ? finish(cur, actionCompletions(cur, options.actionNames)) : empty;
    case 'Resource':
    case 'NotResource':
      return inSt.length <= 2 ? finish(cur, resourceCompletions(cur, statementAt(text, kind, offset))) : empty;
    case 'Effect':
      return inSt.length === 1
        ? finish(cur, valueItems(cur, [['Allow', 'Grants the actions.'], ['Deny', 'Refuses the actions; overrides every Allow.']]))
        : empty;
    case 'Condition':
      return inSt.length >= 3 && typeof second === 'string' ? finish(cur, conditionValueCompletions(cur, second)) : empty;
    case 'Principal':
      if (second === 'Service') return finish(cur, valueItems(cur, SERVICE_PRINCIPALS));
      if (inSt.length === 1) return finish(cur, valueItems(cur, [['*', 'Everyone, including anonymous users.']]));
      return empty;
    default:
      return empty;
  }
}
