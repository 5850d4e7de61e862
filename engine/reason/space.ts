// The request space of one or more workspaces: actions, resource cells, principal
// cells and context values such that two requests in the same cell get the same
// decision from every policy (docs/partition.md says what is exact and what is bounded).
import { getAction, getResourceType, listActions, expandAction } from '../catalog/index.ts';
import { getConditionKey } from '../catalog/index.ts';
import { parseOperator } from '../conditions/operators.ts';
import { parseDate, parseIpBlock, parseNumeric } from '../conditions/values.ts';
import { compileResourcePattern, parseArn } from '../match/arn.ts';
import { compileWildcard } from '../match/wildcard.ts';
import { parsePolicy } from '../policy/parse.ts';
import type { SimulationRequest } from '../evaluate/result.ts';
import type { ConditionEntry, PolicyKind, Statement } from '../types.ts';
import { arnTokens, DIGIT, DIGIT_RUN, findCells, LOCAL_RUN, ONE_CHAR, ANY_RUN, literalTokens, plainTokens } from './cells.ts';
import type { ContextDimension, ContextValue, PrincipalCell, ReasonOptions, RequestSpace, RequestSpaceScope, ResourceCell, ScopeBound, Workspace } from './types.ts';

/** Keys the simulator derives from the principal: the principal cells vary them, so the context does not. */
export const PRINCIPAL_KEYS: ReadonlySet<string> = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:username', 'aws:principalservicename', 'aws:principalisawsservice']);

const DEFAULT_REGION = 'us-east-1';
const DEFAULT_ACCOUNT = '123456789012';

/** One statement as the partition sees it. */
export interface StatementFacts {
  policyIndex: number;
  policyName: string;
  kind: PolicyKind;
  statement: Statement;
  /** Whether the statement's Action/NotAction element takes in the action (no element: yes). */
  action(action: string): boolean;
  /** Whether its Resource/NotResource element takes in the ARN (no element, or policy variables: yes). */
  resource(arn: string): boolean;
  /** Lower-cased context keys its conditions read. */
  keys: string[];
}

/** What the policies of a workspace say, read once. */
export interface WorkspaceFacts {
  workspace: Workspace;
  statements: StatementFacts[];
}

function stripVariables(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, '*');
}

function hasVariables(pattern: string): boolean {
  return /\$\{[^}]*\}/.test(pattern);
}

/** The value every policy variable takes in the partition's requests, so that a pattern or condition written with one can hold. */
export const VARIABLE_VALUE = 'v';

/** Lower-cased keys of the policy variables in a text (`${aws:PrincipalTag/team}`), defaults (`, 'x'`) dropped. */
function variableKeys(text: string): string[] {
  return [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1].split(',')[0].trim().toLowerCase()).filter((k) => k.includes(':'));
}

/** A text with each policy variable replaced by the value the partition gives it. */
function withVariableValue(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, VARIABLE_VALUE);
}

function values(list: readonly { value: string }[] | undefined): string[] {
  return (list ?? []).map((l) => l.value);
}

function statementFacts(policyIndex: number, policyName: string, kind: PolicyKind, s: Statement): StatementFacts {
  const actions = values(s.action).map((a) => compileWildcard(a, { ignoreCase: true }));
  const notActions = values(s.notAction).map((a) => compileWildcard(a, { ignoreCase: true }));
  const res = values(s.resource);
  const notRes = values(s.notResource);
  const compile = (p: string) => (hasVariables(p) ? () => true : compileResourcePattern(p));
  const resources = res.map(compile);
  const notResources = notRes.map((p) => (hasVariables(p) ? () => false : compileResourcePattern(p)));
  return {
    policyIndex,
    policyName,
    kind,
    statement: s,
    action: (a) => (s.action ? actions.some((m) => m(a)) : s.notAction ? !notActions.some((m) => m(a)) : true),
    resource: (arn) => (s.resource ? resources.some((m) => m(arn)) : s.notResource ? !notResources.some((m) => m(arn)) : true),
    keys: [
      ...new Set([
        ...(s.condition ?? []).flatMap((c) => [c.key.value.toLowerCase(), ...values(c.values).flatMap(variableKeys)]),
        ...[...res, ...notRes].flatMap(variableKeys),
      ]),
    ],
  };
}

/** Reads every statement of a workspace's policies. */
export function workspaceFacts(workspace: Workspace): WorkspaceFacts {
  const statements: StatementFacts[] = [];
  workspace.policies.forEach((p, i) => {
    const parsed = parsePolicy(p.text, p.kind);
    for (const s of parsed.policy?.statements ?? []) statements.push(statementFacts(i, p.name, p.kind, s));
  });
  return { workspace, statements };
}

function accountOf(arn: string): string | undefined {
  if (/^\d{12}$/.test(arn)) return arn;
  const a = parseArn(arn)?.account;
  return a && /^\d{12}$/.test(a) ? a : undefined;
}

function regionOf(arn: string): string | undefined {
  const r = parseArn(arn)?.region;
  return r && !r.includes('*') && !r.includes('?') ? r : undefined;
}

/** A pattern made concrete: each wildcard filled with `fill`. */
function fillPattern(pattern: string, fill: string): string {
  return pattern.replace(/\*/g, fill).replace(/\?/g, 'x');
}

/** The ARN shape of a resource type as tokens; `withoutRevision` drops a trailing `:${...RevisionNumber}`. */
function shapeTokens(format: string, withoutRevision: boolean): number[] | undefined {
  let f = format;
  if (withoutRevision) {
    const m = /:\$\{[A-Za-z]*RevisionNumber\}$/.exec(f);
    if (!m) return undefined;
    f = f.slice(0, m.index);
  }
  const out: number[] = [];
  const re = /\$\{([A-Za-z]+)\}/g;
  let last = 0;
  for (let m = re.exec(f); m; m = re.exec(f)) {
    out.push(...literalTokens(f.slice(last, m.index)));
    const name = m[1];
    if (name === 'Partition') out.push(...literalTokens('aws'));
    else if (name === 'Account') for (let i = 0; i < 12; i++) out.push(DIGIT);
    else if (name.endsWith('RevisionNumber')) out.push(DIGIT, DIGIT_RUN);
    else out.push(ONE_CHAR, LOCAL_RUN);
    last = m.index + m[0].length;
  }
  out.push(...literalTokens(f.slice(last)));
  return out;
}

/** The text before the first wildcard or placeholder. */
function literalHead(text: string): string {
  const m = /[*?]|\$\{/.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/**
 * Whether a pattern may match some ARN of a format: a quick test on the service and
 * the start of the resource part (a pattern ruled out here can match no ARN of it).
 */
function mayMeet(pattern: string, format: string): boolean {
  const p = parseArn(pattern);
  const f = parseArn(format);
  if (!p || !f) return true;
  if (!/[*?]/.test(p.service) && p.service !== f.service) return false;
  // A colon-crossing star in an earlier part can shift the resource part: then no conclusion.
  if (/[*?]/.test(`${p.partition}:${p.service}:${p.region}:${p.account}`)) {
    if (/\*$|\*:/.test(`${p.partition}:${p.service}:${p.region}:${p.account}:`)) return true;
  }
  const a = literalHead(p.resource);
  const b = literalHead(f.resource);
  return a.startsWith(b) || b.startsWith(a);
}

/** The example ARN of a resource type, filled with the workspace's region and account. */
function exampleArn(format: string, region: string, account: string, withoutRevision = false): string {
  let f = format;
  if (withoutRevision) f = f.replace(/:\$\{[A-Za-z]*RevisionNumber\}$/, '');
  return f.replace(/\$\{([A-Za-z]+)\}/g, (_m, name: string) =>
    name === 'Partition' ? 'aws' : name === 'Region' ? region : name === 'Account' ? account : name.endsWith('RevisionNumber') ? '1' : 'example',
  );
}

/** An account id no policy names. */
function otherAccount(named: ReadonlySet<string>): string {
  for (let n = 999999999999; ; n--) {
    const s = String(n);
    if (!named.has(s)) return s;
  }
}

/** The value with its first letter's case swapped (values compare case-sensitively); undefined without letters. */
export function swapCase(v: string): string | undefined {
  const i = [...v].findIndex((ch) => ch.toLowerCase() !== ch.toUpperCase());
  if (i < 0) return undefined;
  const ch = v[i];
  const swapped = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
  return v.slice(0, i) + swapped + v.slice(i + 1);
}

interface KeyUse {
  key: string;
  type: string;
  multi: boolean;
  entries: { entry: ConditionEntry; op: ReturnType<typeof parseOperator> }[];
}

function typeOf(key: string, ops: (ReturnType<typeof parseOperator>)[]): { type: string; multi: boolean } {
  const info = getConditionKey(key);
  const set = ops.some((o) => o?.set !== undefined);
  if (info) return { type: info.type.replace(/^ArrayOf/, ''), multi: info.multiValued || set };
  const typed = ops.find((o) => o && o.base.valueType !== 'Null');
  return { type: typed ? typed.base.valueType : 'String', multi: set };
}

function addDecimalBoundaries(texts: string[], parse: (t: string) => number | undefined, format: (n: number) => string, delta: number): string[] {
  const nums = [...new Set(texts.map(parse).filter((n): n is number => n !== undefined && Number.isFinite(n)))].sort((a, b) => a - b);
  if (nums.length === 0) return [];
  const out: number[] = [nums[0] - delta];
  nums.forEach((n, i) => {
    out.push(n);
    if (i + 1 < nums.length) out.push((n + nums[i + 1]) / 2);
  });
  out.push(nums[nums.length - 1] + delta);
  return [...new Set(out.map(format))];
}

function numericValue(t: string): number | undefined {
  return parseNumeric(t) === undefined ? undefined : Number(t);
}

function ipv4Text(n: number): string {
  const u = ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;
  return [u >>> 24, (u >>> 16) & 255, (u >>> 8) & 255, u & 255].join('.');
}

/** The values of one key that tell apart every condition on it (see docs/partition.md). */
function keyValues(use: KeyUse): { values: ContextValue[]; exact: boolean; cut: boolean } {
  const texts = use.entries.flatMap((e) => values(e.entry.values));
  const out: ContextValue[] = [{ why: 'missing' }];
  let exact = true;
  // The walk over the values' cells stopped at its limit (states or work).
  let cut = false;
  const singles: { v: string; why: ContextValue['why'] }[] = [];
  const add = (v: string, why: ContextValue['why']) => {
    if (!singles.some((s) => s.v === v)) singles.push({ v, why });
  };
  if (texts.some((t) => t.includes('${'))) exact = false;
  switch (use.type) {
    case 'Numeric':
      for (const v of addDecimalBoundaries(texts, numericValue, (n) => String(n), 1)) add(v, texts.includes(v) ? 'named' : 'boundary');
      if (singles.length === 0) add('0', 'unnamed');
      break;
    case 'Date': {
      const ms = (t: string) => parseDate(t);
      for (const v of addDecimalBoundaries(texts, ms, (n) => new Date(n).toISOString(), 1000)) add(v, 'boundary');
      if (singles.length === 0) add('2020-01-01T00:00:00Z', 'unnamed');
      break;
    }
    case 'Bool':
      add('true', 'named');
      add('false', 'named');
      break;
    case 'IPAddress': {
      const edges: number[] = [];
      for (const t of texts) {
        const b = parseIpBlock(t);
        if (!b) continue;
        if (b.v6) {
          exact = false;
          add(t.replace(/\/\d+$/, ''), 'named');
          continue;
        }
        const size = 2 ** (32 - b.prefix);
        const startAddr = Math.floor(b.words[0] / size) * size;
        edges.push(startAddr - 1, startAddr, startAddr + size - 1, startAddr + size);
      }
      for (const e of [...new Set(edges)].sort((a, b) => a - b)) if (e >= 0 && e < 2 ** 32) add(ipv4Text(e), 'boundary');
      if (singles.length === 0) add('192.0.2.1', 'unnamed');
      break;
    }
    default: {
      // Strings and ARNs: the exact cells of every value (equality or glob) on this key.
      const arn = use.type === 'ARN';
      const patterns: number[][] = [];
      const preferred: string[] = [];
      for (const { entry, op } of use.entries) {
        for (const v of values(entry.values)) {
          if (hasVariables(v)) {
            // Equal to the variable's key when that key holds the variable value; the cells of the rest are left to it.
            add(withVariableValue(v), 'named');
            continue;
          }
          const text = v;
          const glob = op?.base.wildcards ?? false;
          patterns.push(glob ? (arn ? arnTokens(text) : plainTokens(text)) : literalTokens(text));
          if (!/[*?]/.test(text)) preferred.push(text);
          else preferred.push(fillPattern(text, 'x'));
        }
      }
      const named = new Set(texts);
      const search = findCells(patterns, undefined, { preferred, maxStates: 5000 });
      if (!search.complete) cut = true;
      for (const c of search.cells) if (c.witness !== '' || c.matches.some(Boolean)) add(c.witness, named.has(c.witness) ? 'named' : c.matches.some(Boolean) ? 'boundary' : 'unnamed');
      for (const t of [...named]) {
        if (t.includes('${')) continue;
        const v = swapCase(t);
        if (v !== undefined && !t.includes('*')) add(v, 'case-variant');
      }
      if (!singles.some((s) => s.why === 'unnamed')) add('reason-unnamed-value', 'unnamed');
    }
  }
  if (use.multi) {
    out.push({ value: [], why: 'empty-set' });
    for (const s of singles) out.push({ value: [s.v], why: s.why });
    const named = singles.filter((s) => s.why === 'named').map((s) => s.v);
    const unnamed = singles.find((s) => s.why === 'unnamed');
    if (named.length > 1) out.push({ value: named, why: 'mixed' });
    if (named.length > 0 && unnamed) out.push({ value: [named[0], unnamed.v], why: 'mixed' });
    exact = false;
  } else {
    for (const s of singles) out.push({ value: s.v, why: s.why });
  }
  return { values: out, exact, cut };
}

/** The partition's inner view: the public space plus what evaluation needs. */
export interface Space extends RequestSpace {
  facts: WorkspaceFacts[];
  /** Context dimensions by lower-cased key. */
  contextByKey: Map<string, ContextDimension>;
  /** The caller's account and the account used for "another account". */
  homeAccount: string;
  otherAccount: string;
  region: string;
}

/** Builds the partition of the requests of every workspace given (their union). */
export function buildSpace(workspaces: readonly Workspace[]): Space {
  const facts = workspaces.map(workspaceFacts);
  const statements = facts.flatMap((f) => f.statements);
  const bounds: ScopeBound[] = [];
  const notes: string[] = [];
  const first = workspaces[0];
  const homeAccount = accountOf(first?.request.principal ?? '') ?? accountOf(first?.request.resource ?? '') ?? DEFAULT_ACCOUNT;
  const region = regionOf(first?.request.resource ?? '') ?? DEFAULT_REGION;

  // Accounts the policies name, so that "another account" is one none of them names.
  const namedAccounts = new Set<string>([homeAccount]);
  const scanAccounts = (text: string) => {
    for (const m of text.matchAll(/\d{12}/g)) namedAccounts.add(m[0]);
  };
  for (const w of workspaces) {
    scanAccounts(w.request.principal);
    scanAccounts(w.request.resource);
    for (const p of w.policies) scanAccounts(p.text);
  }
  const other = otherAccount(namedAccounts);

  // Actions: ECR and ECS in full, plus every action any statement names.
  const actionSet = new Set<string>();
  for (const svc of ['ecr', 'ecs']) for (const a of listActions(svc)) actionSet.add(`${a.service}:${a.name}`);
  for (const w of workspaces) if (w.request.action) actionSet.add(w.request.action);
  for (const s of statements) {
    for (const a of [...values(s.statement.action), ...values(s.statement.notAction)]) {
      if (!/[*?]/.test(a)) {
        const info = getAction(a);
        actionSet.add(info ? `${info.service}:${info.name}` : a);
      } else {
        const expanded = expandAction(a);
        for (const info of expanded) actionSet.add(`${info.service}:${info.name}`);
        if (expanded.length === 0 && a !== '*') notes.push(`\`${a}\` names no action of the services the catalog holds in depth; it is represented by \`${fillPattern(a, 'Example')}\`.`);
        if (expanded.length === 0 && a !== '*') actionSet.add(fillPattern(a, 'Example'));
      }
    }
  }
  const actions = [...actionSet];

  // Resources: every Resource/NotResource pattern, split into overlap cells per ARN shape.
  const patternTexts = new Set<string>();
  let variables = false;
  for (const s of statements) {
    for (const p of [...values(s.statement.resource), ...values(s.statement.notResource)]) {
      if (hasVariables(p)) variables = true;
      patternTexts.add(stripVariables(p));
    }
  }
  if (variables) notes.push('Resource patterns with policy variables are split as if each variable were `*`: cells by the variable\'s value are not told apart.');
  const patterns = [...patternTexts].filter((p) => p !== '*');
  const variablePatterns = statements.flatMap((s) => [...values(s.statement.resource), ...values(s.statement.notResource)]).filter(hasVariables);
  const patternTokensList = patterns.map(arnTokens);
  // Extra splits: "in the caller's account" and "in the resource policy's account" tell cross-account requests apart.
  const homes = [...new Set([homeAccount, ...workspaces.map((w) => accountOf(w.request.resource)).filter((a): a is string => a !== undefined)])];
  const homeTokens = homes.map((a) => [...literalTokens('arn:'), LOCAL_RUN, 58, LOCAL_RUN, 58, LOCAL_RUN, 58, ...literalTokens(a), 58, ANY_RUN]);
  const resources: ResourceCell[] = [];
  const byArn = new Map<string, number>();
  const addResource = (cell: ResourceCell): number => {
    const known = byArn.get(cell.arn);
    if (known !== undefined) return known;
    resources.push(cell);
    byArn.set(cell.arn, resources.length - 1);
    return resources.length - 1;
  };
  const cellsByType = new Map<string, number[]>();
  const requestResources = workspaces.flatMap((w) => [w.request.resource, ...(w.tests ?? []).map((t) => t.request.resource)]);
  const cellsOfType = (service: string, typeName: string): number[] => {
    const id = `${service}:${typeName}`;
    const known = cellsByType.get(id);
    if (known) return known;
    const info = getResourceType(service, typeName);
    const out: number[] = [];
    if (info) {
      const relevant = patterns.map((_p, i) => i).filter((i) => mayMeet(patterns[i], info.arnFormat));
      for (const withoutRevision of [false, true]) {
        const shape = shapeTokens(info.arnFormat, withoutRevision);
        if (!shape) continue;
        const preferred = [
          ...requestResources,
          exampleArn(info.arnFormat, region, homeAccount, withoutRevision),
          exampleArn(info.arnFormat, region, other, withoutRevision),
          ...relevant.flatMap((i) => [fillPattern(patterns[i], 'x'), fillPattern(patterns[i], 'example'), fillPattern(patterns[i], '')]),
          ...variablePatterns.map((p) => fillPattern(withVariableValue(p), 'x')),
          ...relevant.map((i) => fillPattern(patterns[i].replace(/:\*:/g, `:${homeAccount}:`), 'x')),
          ...homes.map((h) => exampleArn(info.arnFormat, region, h, withoutRevision)),
        ];
        // Only the patterns that can meet this shape take part; with none, the preferred ARNs
        // (one in each home account, one in another) are every cell there is.
        const search = findCells([...relevant.map((i) => patternTokensList[i]), ...homeTokens], shape, { preferred, maxStates: relevant.length === 0 ? 0 : undefined });
        const complete = search.complete || relevant.length === 0;
        if (!complete) bounds.push({ dimension: 'resources', what: `The overlap cells of ${typeName} ARNs were cut at the walk's state limit.` });
        for (const c of search.cells) {
          const matches = relevant.filter((_i, k) => c.matches[k]).map((i) => patterns[i]);
          // The cell "no pattern but in the home account" is split from the one outside; both stay.
          const label = matches.length === 0 ? `${typeName} in ${parseArn(c.witness)?.account ?? 'an account'}: matches no pattern` : matches.join(' ∩ ');
          out.push(addResource({ arn: c.witness, matches, resourceType: typeName, label }));
        }
      }
    }
    cellsByType.set(id, out);
    return out;
  };
  const star = () => addResource({ arn: '*', matches: patternTexts.has('*') ? ['*'] : [], resourceType: '*', label: '*' });
  const genericShape = (service: string) => [...literalTokens(`arn:aws:${service}:`), LOCAL_RUN, 58, LOCAL_RUN, 58, ONE_CHAR, ANY_RUN];
  const resourcesByAction: Record<string, number[]> = {};
  const genericCells = new Map<string, number[]>();
  for (const a of actions) {
    const info = getAction(a);
    if (info && !info.resourceLevel) {
      resourcesByAction[a] = [star()];
      continue;
    }
    if (info) {
      resourcesByAction[a] = [...new Set(info.resourceTypes.flatMap((t) => cellsOfType(info.service, t.name)))];
      if (resourcesByAction[a].length === 0) resourcesByAction[a] = [star()];
      continue;
    }
    // An action the catalog does not describe: any ARN of its service, and `*`.
    const service = a.split(':')[0].toLowerCase();
    let cells = genericCells.get(service);
    if (!cells) {
      const search = findCells([...patternTokensList, ...homeTokens], genericShape(service), {
        preferred: [`arn:aws:${service}:${region}:${homeAccount}:example`, ...patterns.map((p) => fillPattern(p, 'x'))],
      });
      if (!search.complete) bounds.push({ dimension: 'resources', what: `The overlap cells of ${service} ARNs were cut at the walk's state limit.` });
      cells = search.cells.map((c) => {
        const matches = patterns.filter((_p, i) => c.matches[i]);
        return addResource({ arn: c.witness, matches, resourceType: service, label: matches.length === 0 ? `${service}: matches no pattern` : matches.join(' ∩ ') });
      });
      genericCells.set(service, cells);
    }
    resourcesByAction[a] = [...cells, star()];
    notes.push(`\`${a}\` is not in the catalog: its resources are any ${service} ARN and \`*\`.`);
  }

  // Principals: the caller, every principal named, another account, service principals named.
  const principals: PrincipalCell[] = [];
  const addPrincipal = (arn: string, role: PrincipalCell['role'], label: string) => {
    if (arn && !principals.some((p) => p.arn === arn)) principals.push({ arn, role, label });
  };
  for (const w of workspaces) addPrincipal(w.request.principal, 'caller', 'caller');
  for (const w of workspaces) for (const t of w.tests ?? []) addPrincipal(t.request.principal, 'named', `test ${t.name}`);
  for (const s of statements) {
    for (const block of [s.statement.principal, s.statement.notPrincipal]) {
      for (const entry of block?.entries ?? []) {
        const type = entry.type.value;
        for (const v of values(entry.values)) {
          if (type === 'Service') addPrincipal(v, 'service', v);
          else if (type === 'AWS' && v !== '*') {
            const filled = /^\d{12}$/.test(v) ? `arn:aws:iam::${v}:root` : fillPattern(v, 'x');
            addPrincipal(filled, 'named', v);
            // A role of a named account: an account principal stands for every principal of it.
            const acct = accountOf(filled);
            if (acct && filled.endsWith(':root')) addPrincipal(`arn:aws:iam::${acct}:role/example`, 'named', `role in ${acct}`);
          }
        }
      }
    }
    for (const c of s.statement.condition ?? []) {
      const k = c.key.value.toLowerCase();
      for (const v of values(c.values)) {
        if (k === 'aws:principalarn' && v.startsWith('arn:')) addPrincipal(fillPattern(stripVariables(v), 'x'), 'named', v);
        if (k === 'aws:principalaccount' && /^\d{12}$/.test(v)) addPrincipal(`arn:aws:iam::${v}:role/example`, 'named', `role in ${v}`);
        if (k === 'aws:principalservicename') addPrincipal(v, 'service', v);
      }
    }
  }
  addPrincipal(`arn:aws:iam::${other}:role/other-account`, 'other-account', 'another account');
  if (statements.some((s) => s.keys.some((k) => PRINCIPAL_KEYS.has(k)))) notes.push('Keys the simulator derives from the principal (aws:PrincipalArn, aws:PrincipalAccount, ...) are varied through the principals, not the context.');

  // Context: every key the conditions read, with the values that tell its conditions apart.
  const uses = new Map<string, KeyUse>();
  for (const s of statements) {
    for (const c of s.statement.condition ?? []) {
      const k = c.key.value.toLowerCase();
      if (PRINCIPAL_KEYS.has(k)) continue;
      let use = uses.get(k);
      if (!use) uses.set(k, (use = { key: c.key.value, type: 'String', multi: false, entries: [] }));
      use.entries.push({ entry: c, op: parseOperator(c.operator.value) });
    }
  }
  // Keys read through policy variables: the variable's value, and missing.
  for (const s of statements) {
    const texts = [...(s.statement.condition ?? []).flatMap((c) => values(c.values)), ...values(s.statement.resource), ...values(s.statement.notResource)];
    for (const t of texts) {
      for (const m of t.matchAll(/\$\{([^}]*)\}/g)) {
        const key = m[1].split(',')[0].trim();
        const k = key.toLowerCase();
        if (!k.includes(':') || PRINCIPAL_KEYS.has(k)) continue;
        if (!uses.has(k)) uses.set(k, { key, type: 'String', multi: false, entries: [] });
      }
    }
  }
  const context: ContextDimension[] = [];
  const contextByKey = new Map<string, ContextDimension>();
  for (const [k, use] of uses) {
    const t = typeOf(use.key, use.entries.map((e) => e.op));
    use.type = t.type;
    use.multi = t.multi;
    const { values: vs, exact, cut } = keyValues(use);
    if (!vs.some((v) => v.value === VARIABLE_VALUE) && statements.some((st) => st.keys.includes(k) && !(st.statement.condition ?? []).some((c) => c.key.value.toLowerCase() === k))) {
      vs.push({ value: use.multi ? [VARIABLE_VALUE] : VARIABLE_VALUE, why: 'named' });
    }
    if (cut) bounds.push({ dimension: 'context', what: `\`${use.key}\`: the overlap cells of its values were cut at the walk's limit.` });
    if (!exact) bounds.push({ dimension: 'context', what: `\`${use.key}\`: ${use.multi ? 'sets of values are represented by the empty set, single values and two mixed sets' : 'values with policy variables or IPv6 blocks are represented by named values only'}.` });
    const dim: ContextDimension = { key: use.key, type: t.type, multiValued: t.multi, values: vs };
    context.push(dim);
    contextByKey.set(k, dim);
  }

  const scope: RequestSpaceScope = {
    actions: actions.length,
    resources: resources.length,
    principals: principals.length,
    contextKeys: context.map((c) => c.key),
    requests: 0,
    exhaustive: bounds.length === 0,
    bounds,
    notes: [...new Set(notes)],
  };
  return { actions, resourcesByAction, resources, principals, context, scope, facts, contextByKey, homeAccount, otherAccount: other, region };
}

/** The public view of a space (no functions, ready to post from a worker). */
export function publicSpace(space: Space): RequestSpace {
  return { actions: space.actions, resourcesByAction: space.resourcesByAction, resources: space.resources, principals: space.principals, context: space.context, scope: space.scope };
}

/** Most context combinations per action, resource and principal before the product is cut. */
const DEFAULT_COMBINATIONS = 256;

/**
 * Every request of the space for one action and resource cell: each principal, times
 * the product of the values of the context keys that statements applicable to this
 * action and resource read (keys no such statement reads cannot change the decision).
 */
export function* requestsFor(space: Space, action: string, resourceIndex: number, options: ReasonOptions, bounds: ScopeBound[]): Generator<SimulationRequest> {
  const arn = space.resources[resourceIndex].arn;
  const keys = new Set<string>();
  for (const f of space.facts) for (const s of f.statements) if (s.keys.length > 0 && s.action(action) && (arn === '*' || s.resource(arn))) for (const k of s.keys) keys.add(k);
  const dims = [...keys].map((k) => space.contextByKey.get(k)).filter((d): d is ContextDimension => d !== undefined);
  const limit = Math.max(options.maxRequestsPerAction ?? DEFAULT_COMBINATIONS, 1);
  const combos = contextCombinations(dims, limit, options.maxCombinedKeys ?? 6);
  if (combos.cut) bounds.push({ dimension: 'context', what: `${combos.cut}`, action });
  for (const p of space.principals) {
    for (const ctx of combos.list) {
      const req: SimulationRequest = { principal: p.arn, action, resource: arn };
      if (Object.keys(ctx).length > 0) req.context = ctx;
      yield req;
    }
  }
}

type Ctx = Record<string, string | string[]>;

function contextCombinations(dims: readonly ContextDimension[], limit: number, maxKeys: number): { list: Ctx[]; cut?: string } {
  const total = dims.reduce((n, d) => n * d.values.length, 1);
  if (total <= limit && dims.length <= maxKeys) {
    let list: Ctx[] = [{}];
    for (const d of dims) {
      const next: Ctx[] = [];
      for (const base of list) for (const v of d.values) next.push(v.value === undefined ? base : { ...base, [d.key]: v.value });
      list = next;
    }
    return { list };
  }
  // Too many: every value of each key with the others missing, and every pair of keys in full
  // as far as the limit goes.
  const list: Ctx[] = [{}];
  for (const d of dims) for (const v of d.values) if (v.value !== undefined) list.push({ [d.key]: v.value });
  for (let i = 0; i < dims.length && list.length < limit; i++)
    for (let j = i + 1; j < dims.length && list.length < limit; j++)
      for (const a of dims[i].values) for (const b of dims[j].values) if (a.value !== undefined && b.value !== undefined && list.length < limit) list.push({ [dims[i].key]: a.value, [dims[j].key]: b.value });
  return { list, cut: `Context keys ${dims.map((d) => `\`${d.key}\``).join(', ')} have ${total} combinations; ${list.length} were evaluated (each value alone, then pairs).` };
}
