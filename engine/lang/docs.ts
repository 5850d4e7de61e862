// Markdown for hovers and completion documentation, built from the catalog
// and the operator table.
import { conditionKeysForAction, suggestActions, type ActionInfo, type ActionNames, type ConditionKeyInfo } from '../catalog/index.ts';
import { parseOperator } from '../conditions/index.ts';

/**
 * Policy text as a Markdown code span, so that it renders as text whatever it holds: the
 * fence is one backtick longer than any run of backticks in it, and line breaks (which
 * could end the span's paragraph) become spaces.
 */
export function code(value: string): string {
  const flat = value.replace(/[\r\n\u2028\u2029]+/g, ' ');
  let longest = 0;
  let run = 0;
  for (let i = 0; i < flat.length; i++) {
    run = flat.charCodeAt(i) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.trim() === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

// Deeper than any policy needs; jsonc-parser's tree walks recurse once per level.
const MAX_EDITOR_DEPTH = 256;

/** Whether the text nests arrays and objects deeper than the editor helpers walk (strings skipped). */
export function nestsTooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_EDITOR_DEPTH) return true;
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return false;
}

/** One line per policy element. */
export const ELEMENT_DOCS: Readonly<Record<string, string>> = {
  Version: 'The policy language version: use `2012-10-17` (policy variables need it).',
  Id: 'An optional identifier for the policy.',
  Statement: 'The statements of the policy: one object or an array of them.',
  Sid: 'An optional statement ID. IAM accepts only letters and digits; it must be unique in the policy.',
  Effect: '`Allow` or `Deny`. An explicit Deny overrides every Allow.',
  Principal: 'Who the statement applies to (resource-based policies only): `"*"` or `{"AWS": ..., "Service": ...}`.',
  NotPrincipal: 'Everyone except these principals. Avoid it with Allow.',
  Action: 'The actions the statement covers, as `service:Action`; `*` and `?` are wildcards.',
  NotAction: 'Every action except these. With Allow it grants every other action, including future ones.',
  Resource: 'The resources the statement covers, as ARNs or `*`. Actions without resource-level permissions need `*`.',
  NotResource: 'Every resource except these. With Allow it grants every other resource.',
  Condition: 'When the statement applies: `{ "Operator": { "key": value } }`; all conditions must hold.',
};

const QUALIFIER_DOCS: Readonly<Record<string, string>> = {
  ForAnyValue: '`ForAnyValue:` — true when at least one request value matches (false when the key is missing).',
  ForAllValues: '`ForAllValues:` — true when every request value matches, and also when the key is missing or empty.',
};

/** What an operator spelling does: its base operator, set qualifier and IfExists. */
export function operatorMarkdown(text: string): string {
  const op = parseOperator(text);
  if (!op) return `${code(text)} is not a condition operator.`;
  const lines = [`**${code(text)}** · ${op.base.valueType === 'Null' ? 'key presence' : `${op.base.valueType} operator`}`, '', op.base.description];
  if (op.set) lines.push('', QUALIFIER_DOCS[op.set] ?? '');
  if (op.ifExists) lines.push('', '`IfExists` — also true when the request has no such key.');
  if (!op.set && !op.ifExists && op.base.valueType !== 'Null') lines.push('', 'False when the request has no such key' + (op.base.negated ? ' (the negated form is true then).' : '.'));
  if (op.base.wildcards) lines.push('', 'Values may use `*` and `?` wildcards.');
  if (op.base.variables) lines.push('', 'Values may use policy variables such as `${aws:username}`.');
  return lines.join('\n');
}

/** Type, multivaluedness and description of a condition key. */
export function keyMarkdown(written: string, info: ConditionKeyInfo): string {
  const scope = info.global ? 'global key' : `${info.service ?? ''} key`;
  const lines = [`**${code(written)}** · ${info.type}${info.multiValued ? ' (multivalued: use `ForAnyValue:` or `ForAllValues:`)' : ''} · ${scope}`];
  if (info.templated && written !== info.name) lines.push('', `Instance of \`${info.name}\`.`);
  if (info.description) lines.push('', info.description);
  return lines.join('\n');
}

/** Description, access level, resource types (required marked) and condition keys of one action. */
export function actionMarkdown(a: ActionInfo): string {
  const lines = [`**\`${a.service}:${a.name}\`** · ${a.accessLevel}`, '', a.description];
  if (a.resourceTypes.length === 0) {
    lines.push('', '**Resource:** only `"*"` (no resource-level permissions).');
  } else {
    const types = a.resourceTypes.map((r) => `\`${r.name}\`${r.required ? ' (required)' : ''}`);
    lines.push('', `**Resource types:** ${types.join(', ')}`);
  }
  const keys = conditionKeysForAction(a).filter((k) => k.source !== 'global').map((k) => `\`${k.name}\``);
  lines.push('', `**Condition keys:** ${keys.length > 0 ? keys.join(', ') : 'global keys only'}`);
  return lines.join('\n');
}

const MAX_LISTED = 60;

/** The actions a wildcard pattern expands to: count and names. */
export function wildcardMarkdown(pattern: string, actions: readonly ActionInfo[]): string {
  if (actions.length === 0) return `**${code(pattern)}** matches no action.`;
  const names = actions.slice(0, MAX_LISTED).map((a) => `- \`${a.service}:${a.name}\` · ${a.accessLevel}`);
  const more = actions.length > MAX_LISTED ? [`- … and ${actions.length - MAX_LISTED} more`] : [];
  return [`**${code(pattern)}** matches ${actions.length} action${actions.length === 1 ? '' : 's'}:`, '', ...names, ...more].join('\n');
}

/** An action name AWS does not have, with the nearest ones. */
/** What the editor helpers may be given besides the text. */
export interface EditorOptions {
  /** Every service's action names (`loadAllActionNames`): completes and explains actions of every service. */
  actionNames?: ActionNames;
}

export function unknownActionMarkdown(action: string, names?: ActionNames): string {
  const near = suggestActions(action, 3, names);
  return [`**${code(action)}** is not a known action.`, ...(near.length > 0 ? ['', `Did you mean ${near.map((n) => `\`${n}\``).join(', ')}?`] : [])].join('\n');
}
