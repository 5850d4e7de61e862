// Conditions: operators must exist, keys must exist and be carried by the
// statement's actions, operators must fit the key's type, values must be
// readable by the operator, and set operators must be used as AWS means them.
import { editDistance, getConditionKey, getService, globalConditionKeys, type ConditionKeyInfo } from '../catalog/index.ts';
import {
  isBase64,
  operatorSpellings,
  parseBool,
  parseDate,
  parseIpBlock,
  parseNumeric,
  parseOperator,
  type OperatorDescriptor,
  type ParsedOperator,
  type ValueType,
} from '../conditions/index.ts';
import type { ConditionEntry, Located, Statement } from '../types.ts';
import { isInDepth, serviceKeysOf, type FixDraft, type StatementInfo, type ValidationContext } from './context.ts';
import { quote } from './text.ts';

// ----------------------------------------------------------- lookups

let operatorsByLower: Map<string, string> | undefined;

/** The operator spelling `text` means, when it differs only in letter case. */
function caseFixedOperator(text: string): string | undefined {
  if (!operatorsByLower) {
    operatorsByLower = new Map();
    for (const s of operatorSpellings()) operatorsByLower.set(s.toLowerCase(), s);
  }
  const fixed = operatorsByLower.get(text.toLowerCase());
  return fixed !== text ? fixed : undefined;
}

/** Whether `key` names a key AWS could define (its prefix is `aws` or a service described in full). */
function judgeable(key: string): boolean {
  const colon = key.indexOf(':');
  if (colon <= 0) return true;
  const prefix = key.slice(0, colon).toLowerCase();
  return prefix === 'aws' || isInDepth(prefix);
}

/** The known key closest to a misspelt one, templated keys keeping the written tail. */
function suggestKey(key: string): string | undefined {
  const colon = key.indexOf(':');
  const prefix = colon > 0 ? key.slice(0, colon).toLowerCase() : '';
  const candidates: readonly ConditionKeyInfo[] =
    prefix === 'aws' || prefix === '' ? globalConditionKeys() : (getService(prefix)?.conditionKeys ?? []);
  const lower = key.toLowerCase();
  const max = Math.max(2, Math.floor(key.length / 5));
  let best: { text: string; d: number } | undefined;
  for (const c of candidates) {
    let text = c.name;
    let d: number;
    if (c.templated) {
      const head = c.name.slice(0, c.name.indexOf('${'));
      const slash = lower.lastIndexOf('/');
      if (!head.endsWith('/') || slash < 0) continue;
      d = editDistance(lower.slice(0, slash + 1), head.toLowerCase(), max);
      text = head + key.slice(slash + 1);
    } else {
      d = editDistance(lower, c.name.toLowerCase(), max);
    }
    if (d <= max && (!best || d < best.d)) best = { text, d };
  }
  return best?.text;
}

// Keys every request carries, so IfExists on them changes nothing.
const ALWAYS_PRESENT: ReadonlySet<string> = new Set(
  [
    'aws:CurrentTime',
    'aws:EpochTime',
    'aws:SecureTransport',
    'aws:RequestedRegion',
    'aws:ViaAWSService',
    'aws:PrincipalIsAWSService',
    'aws:PrincipalType',
  ].map((k) => k.toLowerCase()),
);

type KeyBase = 'String' | 'ARN' | 'Bool' | 'Numeric' | 'Date' | 'IPAddress' | 'Binary';

function keyBase(info: ConditionKeyInfo): KeyBase {
  return info.type.replace(/^ArrayOf/, '') as KeyBase;
}

// ARN keys may be compared as strings and string keys holding ARNs with ARN operators.
function fits(op: ValueType, key: KeyBase): boolean {
  if (op === 'Null' || op === key) return true;
  return (op === 'String' && key === 'ARN') || (op === 'ARN' && key === 'String');
}

const OPERATOR_FOR_TYPE: Record<KeyBase, string> = {
  String: 'StringEquals',
  ARN: 'ArnLike',
  Bool: 'Bool',
  Numeric: 'NumericLessThan',
  Date: 'DateGreaterThan',
  IPAddress: 'IpAddress',
  Binary: 'BinaryEquals',
};

const TYPE_WORDS: Record<KeyBase, string> = {
  String: 'a String',
  ARN: 'an ARN',
  Bool: 'a Bool',
  Numeric: 'a Numeric',
  Date: 'a Date',
  IPAddress: 'an IP address',
  Binary: 'a Binary',
};

/** Why a value cannot be read by the operator, or undefined when it can. */
function valueProblem(base: OperatorDescriptor, value: string): string | undefined {
  switch (base.valueType) {
    case 'Numeric':
      return parseNumeric(value) ? undefined : `\`${value}\` is not a number; \`${base.name}\` compares numbers such as \`3600\`.`;
    case 'Date':
      return parseDate(value) !== undefined
        ? undefined
        : `\`${value}\` is not a date; write ISO 8601 such as \`2025-01-31T00:00:00Z\` or epoch seconds.`;
    case 'Bool':
      return parseBool(value) !== undefined ? undefined : `\`${value}\` is not a boolean; \`Bool\` takes \`true\` or \`false\`.`;
    case 'IPAddress':
      return parseIpBlock(value)
        ? undefined
        : `\`${value}\` is not an IP address or CIDR block; write one such as \`203.0.113.0/24\` or \`2001:db8::/32\`.`;
    case 'Binary':
      return isBase64(value) ? undefined : `\`${value}\` is not base64; \`BinaryEquals\` compares base64-encoded values.`;
    default:
      return undefined;
  }
}

// ------------------------------------------------------------- checks

interface Block {
  /** Entries under the same operator, in order. */
  entries: ConditionEntry[];
}

function blocksOf(st: Statement): Map<number, Block> {
  const out = new Map<number, Block>();
  for (const e of st.condition ?? []) {
    const b = out.get(e.operator.span.start);
    if (b) b.entries.push(e);
    else out.set(e.operator.span.start, { entries: [e] });
  }
  return out;
}

function operatorFix(op: Located<string>, text: string, title: string): FixDraft {
  return { title, edits: [{ span: op.span, text: quote(text) }] };
}

function checkOperator(ctx: ValidationContext, op: Located<string>, block: Block): ParsedOperator | undefined {
  const parsed = parseOperator(op.value);
  if (parsed) {
    if (parsed.ifExists && block.entries.every((e) => ALWAYS_PRESENT.has(e.key.value.toLowerCase()))) {
      const plain = op.value.slice(0, -'IfExists'.length);
      ctx.report(
        'condition-ifexists-redundant',
        op.span,
        `AWS sends ${block.entries.length === 1 ? `\`${block.entries[0].key.value}\`` : 'these keys'} with every request, so \`IfExists\` changes nothing; use \`${plain}\`.`,
        operatorFix(op, plain, `Use ${plain}`),
      );
    }
    return parsed;
  }
  const fixed = caseFixedOperator(op.value);
  ctx.report(
    'condition-operator-unknown',
    op.span,
    fixed
      ? `Condition operators are case-sensitive: write \`${fixed}\`, not \`${op.value}\`.`
      : `\`${op.value}\` is not a condition operator; use one such as \`StringEquals\`, \`StringLike\`, \`ArnLike\` or \`Bool\`.`,
    fixed ? operatorFix(op, fixed, `Use ${fixed}`) : undefined,
  );
  return undefined;
}

function nullCheckFix(st: Statement, key: string): FixDraft | undefined {
  if (!st.keySpans['Condition'] || (st.condition ?? []).some((e) => e.operator.value === 'Null')) return undefined;
  return { title: `Require ${key} to be present`, changes: [{ path: [...st.path, 'Condition', 'Null'], value: { [key]: 'false' }, insertAt: 0 }] };
}

function checkEntry(ctx: ValidationContext, info: StatementInfo, entry: ConditionEntry, parsed: ParsedOperator | undefined, block: Block): void {
  const key = entry.key;
  const keyInfo = getConditionKey(key.value);
  if (!keyInfo && judgeable(key.value)) {
    const best = suggestKey(key.value);
    ctx.report(
      'condition-key-unknown',
      key.span,
      best
        ? `AWS has no condition key \`${key.value}\`, so the condition never sees a value; did you mean \`${best}\`?`
        : `AWS has no condition key \`${key.value}\`, so the condition never sees a value; check its spelling.`,
      best ? { title: `Change to ${best}`, edits: [{ span: key.span, text: quote(best) }] } : undefined,
    );
  }

  if (keyInfo && !keyInfo.global && info.closed && !info.negated) {
    const lower = keyInfo.name.toLowerCase();
    if (!info.infos.some((a) => serviceKeysOf(a).has(lower))) {
      ctx.report(
        'condition-key-not-for-actions',
        key.span,
        `None of this statement's actions carries \`${key.value}\`, so the condition always sees it missing; use a key the actions support or move the condition.`,
      );
    }
  }

  if (!parsed) return;
  const base = parsed.base;
  const single = block.entries.length === 1;

  if (keyInfo && !fits(base.valueType, keyBase(keyInfo))) {
    const kb = keyBase(keyInfo);
    ctx.report(
      'condition-type-mismatch',
      key.span,
      `\`${key.value}\` is ${TYPE_WORDS[kb]} key but \`${entry.operator.value}\` compares ${base.valueType === 'IPAddress' ? 'IP addresses' : `${base.valueType} values`}; use an operator such as \`${OPERATOR_FOR_TYPE[kb]}\`.`,
    );
  }

  if (keyInfo && parsed.set && !keyInfo.multiValued) {
    const plain = entry.operator.value.slice(parsed.set.length + 1);
    ctx.report(
      'condition-set-on-single-valued',
      key.span,
      `\`${key.value}\` has a single value, so \`${parsed.set}:\` does not fit it${parsed.set === 'ForAllValues' ? ' (it is true when the key is missing)' : ''}; use \`${plain}\`.`,
      single ? operatorFix(entry.operator, plain, `Use ${plain}`) : undefined,
    );
  } else if (keyInfo && !parsed.set && keyInfo.multiValued && base.valueType !== 'Null') {
    const qualifier = base.negated ? 'ForAllValues' : 'ForAnyValue';
    const qualified = `${qualifier}:${entry.operator.value}`;
    ctx.report(
      'condition-set-missing',
      key.span,
      `\`${key.value}\` can hold several values; say how to compare them with \`${qualified}\` (or \`ForAllValues:\`).`,
      single ? operatorFix(entry.operator, qualified, `Use ${qualified}`) : undefined,
    );
  }

  if (parsed.set === 'ForAllValues' && info.st.effect?.value === 'Allow') {
    const lower = key.value.toLowerCase();
    const guarded = (info.st.condition ?? []).some(
      (e) => e.operator.value === 'Null' && e.key.value.toLowerCase() === lower && e.values.some((v) => parseBool(v.value) === false),
    );
    if (!guarded) {
      ctx.report(
        'condition-forallvalues-allow',
        key.span,
        `\`ForAllValues:\` is true when the request has no \`${key.value}\`, so this Allow also matches requests without it; add \`"Null": {"${key.value}": "false"}\`.`,
        nullCheckFix(info.st, key.value),
      );
    }
  }

  for (const v of entry.values) checkValue(ctx, base, v);
}

function checkValue(ctx: ValidationContext, base: OperatorDescriptor, v: Located<string>): void {
  if (base.valueType === 'Null') {
    if (parseBool(v.value) === undefined) {
      ctx.report('condition-null-value', v.span, `\`Null\` takes \`true\` (key absent) or \`false\` (key present), not \`${v.value}\`.`);
    }
    return;
  }
  // A variable is replaced at request time; only the operators that take variables can see one.
  if (base.variables && ctx.variablesEnabled && v.value.includes('${')) return;
  const problem = valueProblem(base, v.value);
  if (problem) {
    ctx.report('condition-value-invalid', v.span, problem);
    return;
  }
  if (base.valueType === 'String' && !base.wildcards && (v.value.includes('*') || v.value.includes('?'))) {
    const like = base.negated ? 'StringNotLike' : 'StringLike';
    ctx.report(
      'condition-wildcard-without-like',
      v.span,
      `\`${base.name}\` treats \`*\` and \`?\` in \`${v.value}\` as plain characters; use \`${like}\` for wildcards.`,
    );
  }
}

/** Operator names only: the part of the condition checks that AWS refuses. */
export function checkOperatorNames(ctx: ValidationContext): void {
  for (const info of ctx.statements) {
    if (!info.st.condition || info.st.condition.length === 0) continue;
    for (const block of blocksOf(info.st).values()) checkOperator(ctx, block.entries[0].operator, block);
  }
}

export function checkConditions(ctx: ValidationContext): void {
  for (const info of ctx.statements) {
    if (!info.st.condition || info.st.condition.length === 0) continue;
    for (const block of blocksOf(info.st).values()) {
      const op = block.entries[0].operator;
      const parsed = checkOperator(ctx, op, block);
      for (const entry of block.entries) checkEntry(ctx, info, entry, parsed, block);
    }
  }
}
