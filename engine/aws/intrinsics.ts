// CloudFormation intrinsic functions and conditions, resolved as far as the
// template and the caller's values allow (CloudFormation user guide,
// "Intrinsic function reference"). What cannot be known becomes a visible
// placeholder such as `{{Ref:MyParam}}`, with one warning each; `{{...}}` is
// never read as an IAM policy variable, which `${...}` would be.
import { code, isRecord, partitionOf, type Json, type JsonObject } from './text.ts';
import type { ImportOptions } from './types.ts';

/** `Ref: AWS::NoValue`: the property or list item goes away. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Resolved = Json | typeof NO_VALUE;

const PLACEHOLDER = /\{\{[^{}]*\}\}/;

/** Does the value hold a placeholder anywhere? */
export function hasPlaceholder(v: Resolved): boolean {
  if (typeof v === 'string') return PLACEHOLDER.test(v);
  if (Array.isArray(v)) return v.some(hasPlaceholder);
  if (isRecord(v)) return Object.values(v).some(hasPlaceholder);
  return false;
}

/** How the template answers `Ref` and `Fn::GetAtt` on one of its resources; undefined when it cannot. */
export type ResourceValue = (logicalId: string, resource: JsonObject, attribute: string | undefined) => Json | undefined;

export class Resolver {
  readonly warnings: string[] = [];
  private readonly template: JsonObject;
  private readonly options: ImportOptions;
  private readonly resourceValue: ResourceValue;
  private readonly deciding = new Set<string>();

  constructor(template: JsonObject, options: ImportOptions, resourceValue: ResourceValue) {
    this.template = template;
    this.options = options;
    this.resourceValue = resourceValue;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** A visible stand-in for what the template cannot say, with its warning. */
  placeholder(label: string, why: string, advice = ''): string {
    const p = `{{${label}}}`;
    this.warn(`${why}, so it stays as the placeholder ${code(p)}${advice ? `; ${advice}` : ''}.`);
    return p;
  }

  private section(name: string): JsonObject {
    const s = this.template[name];
    return isRecord(s) ? s : {};
  }

  /** The template's account id, or its placeholder. */
  account(): string {
    return this.ref('AWS::AccountId') as string;
  }

  region(): string {
    return this.ref('AWS::Region') as string;
  }

  partition(): string {
    return this.ref('AWS::Partition') as string;
  }

  urlSuffix(): string {
    return this.ref('AWS::URLSuffix') as string;
  }

  resolve(v: Json): Resolved {
    if (Array.isArray(v)) return v.map((x) => this.resolve(x)).filter((x): x is Json => x !== NO_VALUE);
    if (!isRecord(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return this.intrinsic(keys[0], v[keys[0]]);
    const out: JsonObject = {};
    for (const k of keys) {
      const r = this.resolve(v[k]);
      // defineProperty, not assignment: a `__proto__` key stays a key.
      if (r !== NO_VALUE) Object.defineProperty(out, k, { value: r, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** Resolves to a string, or a placeholder when the value is not one. */
  private text(v: Json, what: string): string {
    const r = this.resolve(v);
    if (typeof r === 'string') return r;
    if (typeof r === 'number' || typeof r === 'boolean') return String(r);
    return this.placeholder(what, `${code(what)} does not give a string`);
  }

  private intrinsic(fn: string, arg: Json): Resolved {
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg) : this.placeholder('Ref', '`Ref` needs a name');
      case 'Fn::GetAtt':
        return this.getAtt(arg);
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) return this.placeholder('Join', '`Fn::Join` needs a delimiter and a list');
        const list = this.resolve(arg[1]);
        if (!Array.isArray(list)) return typeof list === 'string' && PLACEHOLDER.test(list) ? list : this.placeholder('Join', '`Fn::Join` has no list to join');
        return list.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(this.text(arg[0], 'Join delimiter'));
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return this.placeholder('Select', '`Fn::Select` needs an index and a list');
        const index = Number(this.resolve(arg[0]));
        const list = this.resolve(arg[1]);
        if (Array.isArray(list) && Number.isInteger(index) && index >= 0 && index < list.length) return list[index];
        return this.placeholder(`Select:${Number.isNaN(index) ? '?' : index}`, '`Fn::Select` picks from a list the template does not give');
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) return this.placeholder('Split', '`Fn::Split` needs a delimiter and a string');
        return this.text(arg[1], 'Split source').split(this.text(arg[0], 'Split delimiter'));
      }
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return this.placeholder('If', '`Fn::If` needs a condition and two values');
        const decided = this.condition(arg[0]);
        if (decided === undefined) return this.placeholder(`If:${arg[0]}`, `The condition ${code(arg[0])} cannot be decided from the template and parameters`);
        return this.resolve(decided ? arg[1] : arg[2]);
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg);
      case 'Fn::Base64':
        return base64(this.text(arg, 'Base64'));
      case 'Fn::ImportValue':
        return this.placeholder(`ImportValue:${typeof arg === 'string' ? arg : this.text(arg, 'ImportValue')}`, 'An imported stack output is not in this template');
      case 'Fn::Length': {
        const list = this.resolve(arg);
        return Array.isArray(list) ? list.length : this.placeholder('Length', '`Fn::Length` counts a list the template does not give');
      }
      case 'Fn::ToJsonString': {
        const value = this.resolve(arg);
        return value === NO_VALUE ? NO_VALUE : JSON.stringify(value);
      }
      default:
        return this.placeholder(fn.slice(4), `${code(fn)} cannot be worked out without deploying`);
    }
  }

  private pseudo(name: string): string | string[] | undefined {
    switch (name) {
      case 'AWS::AccountId':
        return this.options.accountId ?? this.placeholder('Ref:AWS::AccountId', '`AWS::AccountId` is not known', 'give the account id to fill it in');
      case 'AWS::Region':
        return this.options.region ?? this.placeholder('Ref:AWS::Region', '`AWS::Region` is not known', 'give the region to fill it in');
      case 'AWS::Partition':
        if (this.options.partition || this.options.region) return this.options.partition ?? partitionOf(this.options.region);
        return this.placeholder('Ref:AWS::Partition', '`AWS::Partition` is not known', 'give the region or partition to fill it in');
      case 'AWS::URLSuffix': {
        const partition = this.options.partition ?? (this.options.region ? partitionOf(this.options.region) : undefined);
        if (partition) return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
        return this.placeholder('Ref:AWS::URLSuffix', '`AWS::URLSuffix` is not known', 'give the region or partition to fill it in');
      }
      case 'AWS::StackName':
        return this.options.stackName ?? this.placeholder('Ref:AWS::StackName', '`AWS::StackName` is not known', 'give the stack name to fill it in');
      case 'AWS::StackId':
      case 'AWS::NotificationARNs':
        return this.placeholder(`Ref:${name}`, `${code(name)} is only known once the stack exists`);
      default:
        return undefined;
    }
  }

  ref(name: string): Resolved {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const pseudo = this.pseudo(name);
    if (pseudo !== undefined) return pseudo;
    const params = this.section('Parameters');
    if (name in params) return this.parameter(name, isRecord(params[name]) ? params[name] : {});
    const resource = this.section('Resources')[name];
    if (isRecord(resource)) {
      return this.resourceValue(name, resource, undefined) ?? this.placeholder(`Ref:${name}`, `\`Ref\` to the resource ${code(name)} is only known once it exists`);
    }
    return this.placeholder(`Ref:${name}`, `\`Ref\` names ${code(name)}, which the template does not define`);
  }

  private parameter(name: string, spec: JsonObject): Json {
    const given = this.options.parameters?.[name];
    const type = typeof spec.Type === 'string' ? spec.Type : 'String';
    const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
    if (given !== undefined) return isList && typeof given === 'string' ? given.split(',').map((s) => s.trim()) : given;
    if (type.startsWith('AWS::SSM::Parameter::Value')) {
      return this.placeholder(`Ref:${name}`, `The parameter ${code(name)} is read from SSM Parameter Store when the stack deploys`, 'give its value to fill it in');
    }
    const def = spec.Default;
    if (def === undefined || def === null) return this.placeholder(`Ref:${name}`, `The parameter ${code(name)} has no value and no default`, 'give its value to fill it in');
    if (isList && typeof def === 'string') return def.split(',').map((s) => s.trim());
    return typeof def === 'number' || typeof def === 'boolean' ? String(def) : def;
  }

  private getAtt(arg: Json): Resolved {
    const parts = typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : Array.isArray(arg) ? arg : [];
    const [id, attrRaw] = parts;
    if (typeof id !== 'string' || attrRaw === undefined) return this.placeholder('GetAtt', '`Fn::GetAtt` needs a resource and an attribute');
    const attr = typeof attrRaw === 'string' ? attrRaw : this.text(attrRaw, 'GetAtt attribute');
    const resource = this.section('Resources')[id];
    if (!isRecord(resource)) return this.placeholder(`GetAtt:${id}.${attr}`, `\`Fn::GetAtt\` names ${code(id)}, which the template does not define`);
    return this.resourceValue(id, resource, attr) ?? this.placeholder(`GetAtt:${id}.${attr}`, `The attribute ${code(`${id}.${attr}`)} is only known once the stack exists`);
  }

  private sub(arg: Json): Resolved {
    const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
    if (typeof template !== 'string') return this.placeholder('Sub', '`Fn::Sub` needs a string');
    const map = isRecord(vars) ? vars : {};
    return template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return '${' + inner.slice(1) + '}';
      const name = inner.trim();
      if (name in map) return this.text(map[name], name);
      if (/^[A-Za-z0-9]+:/.test(name) && !name.includes('::')) {
        // `${aws:username}` reads as a template variable to CloudFormation, which rejects it.
        this.warn(`\`Fn::Sub\` reads ${code(whole)} as a template variable and CloudFormation rejects it; write ${code('${!' + name + '}')} to keep the IAM policy variable.`);
        return whole;
      }
      const dot = name.indexOf('.');
      const r = dot > 0 ? this.getAtt([name.slice(0, dot), name.slice(dot + 1)]) : this.ref(name);
      if (typeof r === 'string') return r;
      if (typeof r === 'number' || typeof r === 'boolean') return String(r);
      return this.placeholder(`Ref:${name}`, `${code(whole)} in \`Fn::Sub\` is not a string`);
    });
  }

  private findInMap(arg: Json): Resolved {
    if (!Array.isArray(arg) || arg.length < 3) return this.placeholder('FindInMap', '`Fn::FindInMap` needs a map and two keys');
    const [map, top, second] = arg.slice(0, 3).map((x) => this.resolve(x));
    const table = this.section('Mappings')[String(map)];
    const row = isRecord(table) ? table[String(top)] : undefined;
    const value = isRecord(row) ? row[String(second)] : undefined;
    if (value !== undefined) return value;
    const fallback = isRecord(arg[3]) ? arg[3].DefaultValue : undefined;
    if (fallback !== undefined) return this.resolve(fallback);
    return this.placeholder(`FindInMap:${String(map)}.${String(top)}.${String(second)}`, 'The mapping has no such entry');
  }

  /** A named condition: true, false, or undefined when the inputs are not known. */
  condition(name: string): boolean | undefined {
    if (this.deciding.has(name)) return undefined;
    const body = this.section('Conditions')[name];
    if (body === undefined) return undefined;
    this.deciding.add(name);
    try {
      return this.decide(body);
    } finally {
      this.deciding.delete(name);
    }
  }

  private decide(v: Json): boolean | undefined {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    if (!isRecord(v)) return undefined;
    if (typeof v.Condition === 'string') return this.condition(v.Condition);
    const [key] = Object.keys(v);
    const args = v[key];
    const list = Array.isArray(args) ? args : [];
    switch (key) {
      case 'Fn::Equals': {
        const [a, b] = list.map((x) => this.resolve(x));
        if (list.length !== 2 || hasPlaceholder(a) || hasPlaceholder(b)) return undefined;
        return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
      }
      case 'Fn::Not': {
        const r = this.decide(list[0]);
        return r === undefined ? undefined : !r;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const results = list.map((x) => this.decide(x));
        const settle = key === 'Fn::And' ? false : true;
        if (results.includes(settle)) return settle;
        return results.includes(undefined) ? undefined : !settle;
      }
      default:
        return undefined;
    }
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of the UTF-8 bytes of a string (no DOM in the engine, so no `btoa`). */
function base64(s: string): string {
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}
