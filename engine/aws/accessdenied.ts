// `parseAccessDenied`: reads the access denied messages AWS prints (IAM user
// guide, "Troubleshoot access denied error messages"), with the prefixes the
// CLI, SDKs, Docker and ECS put around them, and the decoded form of an
// encoded authorization message (`aws sts decode-authorization-message`).
import { isRecord, obj, records, str, type JsonObject } from './text.ts';
import type { AccessDeniedResult, AccessDeniedSuccess, DeniedPolicyType } from './types.ts';

/** The words AWS uses for each policy type, lower-cased. */
const POLICY_TYPES: Record<string, DeniedPolicyType> = {
  'identity-based policy': 'identity-based',
  'resource-based policy': 'resource-based',
  'permissions boundary': 'permissions-boundary',
  'permissions boundary policy': 'permissions-boundary',
  'session policy': 'session',
  'sessions policy': 'session',
  'service control policy': 'service-control',
  'resource control policy': 'resource-control',
  'vpc endpoint policy': 'vpc-endpoint',
  'role trust policy': 'role-trust',
  'trust policy': 'role-trust',
};

function policyType(words: string): string {
  const w = words.toLowerCase().replace(/\s+/g, ' ').trim();
  return POLICY_TYPES[w] ?? w.replace(/ policy$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Strips quotes, brackets and trailing punctuation that messages put around ARNs and actions. */
function clean(s: string): string {
  return s
    .trim()
    .replace(/^["'`([<]+/, '')
    .replace(/["'`)\]>.,;:]+$/, '')
    .trim();
}

const TYPE_WORDS = String.raw`((?:[\w-]+ ){0,4}?(?:policy|boundary))`;
const IMPLICIT = new RegExp(String.raw`because no ${TYPE_WORDS} allows the (\S+?) action`, 'i');
const EXPLICIT = new RegExp(String.raw`with an explicit deny(?: in (?:an?|the) ${TYPE_WORDS}(?: transitively through (?:an?|the) ${TYPE_WORDS})?)?`, 'i');
const POLICY_ARN = /^:?\s*(arn:[^\s,;)"'`]+)/;
const ENCODED = /Encoded authorization failure message:\s*([A-Za-z0-9_\-+/=]+)/i;

/** Reads an access denied message into its principal, action, resource and reason. Never throws. */
export function parseAccessDenied(message: string): AccessDeniedResult {
  try {
    return parse(typeof message === 'string' ? message : '');
  } catch {
    return { ok: false, error: 'The message could not be read because of an internal error; please report it with the message.' };
  }
}

function parse(input: string): AccessDeniedResult {
  let text = input.replace(/^\uFEFF/, '').trim();
  if (text === '') return { ok: false, error: 'The message is empty; paste the access denied error AWS printed.' };
  let errorCode: string | undefined;
  if (text.startsWith('{')) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (isRecord(body)) {
      if (typeof body.DecodedMessage === 'string') return fromDecodedText(body.DecodedMessage);
      if ('allowed' in body && 'context' in body) return fromDecoded(body);
      const inner = str(body, 'message') ?? str(body, 'Message') ?? str(obj(body, 'Error'), 'Message') ?? str(body, 'errorMessage');
      if (inner === undefined) return { ok: false, error: 'This JSON holds no access denied message (no `message` field) and is not a decoded authorization message.' };
      errorCode = (str(body, '__type') ?? str(body, 'code') ?? str(body, 'Code') ?? str(obj(body, 'Error'), 'Code'))?.replace(/^.*#/, '');
      text = inner;
    }
  }
  const xml = /<Message>([\s\S]*?)<\/Message>/i.exec(text);
  if (xml) {
    errorCode = /<Code>([^<]*)<\/Code>/i.exec(text)?.[1] ?? errorCode;
    text = xml[1];
  }
  text = text.replace(/\s+/g, ' ').trim();

  const cli = /An error occurred \(([\w.]+)\) when calling the (\w+) operation/i.exec(text);
  const sdk = /operation error [\w ]+: (\w+),/i.exec(text);
  const operation = cli?.[2] ?? sdk?.[1];
  errorCode = cli?.[1] ?? /api error (\w+):/i.exec(text)?.[1] ?? errorCode ?? /(\w*(?:AccessDenied|Unauthorized|Forbidden)\w*):\s*User:/i.exec(text)?.[1];
  const extras = { ...(errorCode ? { errorCode } : {}), ...(operation ? { operation } : {}) };

  const ecs = /unable to assume the role '?(arn:[^'\s]+?)'?(?:\s|$| that)/i.exec(text);
  if (ecs) {
    return {
      ok: true,
      principal: 'ecs-tasks.amazonaws.com',
      action: 'sts:AssumeRole',
      resource: clean(ecs[1]),
      policyType: 'role-trust',
      ...extras,
      notes: [
        "ECS reports this when the role's trust policy does not let `ecs-tasks.amazonaws.com` assume it, and also when whoever registers or runs the task may not pass the role (`iam:PassRole`).",
      ],
    };
  }

  const encoded = ENCODED.exec(text)?.[1];
  const m = /User:\s*(\S+)\s+is not authorized to perform:?\s*(\S+)(.*)$/i.exec(text);
  if (!m) {
    if (encoded) {
      return {
        ok: false,
        error: 'This message is encoded: decode it with `aws sts decode-authorization-message --encoded-message <the encoded message>` and paste the decoded JSON here.',
        decodeCommand: `aws sts decode-authorization-message --encoded-message '${encoded}'`,
      };
    }
    if (/not authorized to perform/i.test(text)) {
      return { ok: false, error: 'This message does not name the principal (`User: <ARN>`), so the request cannot be rebuilt from it.' };
    }
    return { ok: false, error: 'This is not an access denied message AWS prints (`User: <ARN> is not authorized to perform: <action> ...`), nor a decoded authorization message.' };
  }

  const result: AccessDeniedSuccess = { ok: true, principal: clean(m[1]), action: clean(m[2]), ...extras };
  const notes: string[] = [];
  let rest = m[3];
  const reasonAt = rest.search(/\s(?:because no |with an explicit deny)/i);
  const res = /^\s*on resource:?\s*(?:"([^"]*)"|'([^']*)'|(\S+))/i.exec(rest);
  if (res) {
    // IAM names some resources in words (`on resource: role ci`): up to the reason, or one token without one.
    const upToReason = !res[1] && !res[2] && reasonAt > 0 ? rest.slice(0, reasonAt).replace(/^\s*on resource:?\s*/i, '') : undefined;
    result.resource = clean(upToReason ?? res[1] ?? res[2] ?? res[3]);
    rest = upToReason !== undefined ? rest.slice(reasonAt) : rest.slice(res[0].length);
  }
  const implicit = IMPLICIT.exec(rest);
  const explicit = EXPLICIT.exec(rest);
  if (implicit && (!explicit || implicit.index < explicit.index)) {
    result.denial = 'implicit';
    result.policyType = policyType(implicit[1]);
    const named = clean(implicit[2]);
    if (named.toLowerCase() !== result.action.toLowerCase()) {
      notes.push(`The reason names the action ${'`' + named + '`'}, but the request was for ${'`' + result.action + '`'}; the request's action was kept.`);
    }
    const arn = POLICY_ARN.exec(rest.slice(implicit.index + implicit[0].length))?.[1];
    if (arn) result.policyArn = clean(arn);
  } else if (explicit) {
    result.denial = 'explicit';
    if (explicit[1]) result.policyType = policyType(explicit[1]);
    if (explicit[2]) {
      result.policyType = policyType(explicit[2]);
      notes.push(`AWS reports the deny in a ${explicit[1]} reached through a ${explicit[2]}: look for the Deny among the ${explicit[2].replace(/y$/, 'ie')}s that apply to the VPC endpoint's account.`);
    }
    const arn = POLICY_ARN.exec(rest.slice(explicit.index + explicit[0].length))?.[1];
    if (arn) result.policyArn = clean(arn);
  }
  if (encoded) {
    result.encodedMessage = encoded;
    notes.push('The message also carries an encoded authorization message; `aws sts decode-authorization-message` shows the matched statements and the request context.');
  }
  if (notes.length > 0) result.notes = notes;
  return result;
}

function fromDecodedText(text: string): AccessDeniedResult {
  try {
    const inner: unknown = JSON.parse(text);
    if (isRecord(inner)) return fromDecoded(inner);
  } catch {
    // fall through
  }
  return { ok: false, error: '`DecodedMessage` is not the JSON object `aws sts decode-authorization-message` prints.' };
}

/** The decoded authorization message: `allowed`, `explicitDeny`, `matchedStatements`, `context`. */
function fromDecoded(d: JsonObject): AccessDeniedResult {
  if (d.allowed === true) return { ok: false, error: 'The decoded message says the request was allowed, so there is no denial to explain.' };
  const context = obj(d, 'context') ?? {};
  const principal = obj(context, 'principal');
  const who = str(principal, 'arn') ?? str(principal, 'id');
  let action = str(context, 'action');
  const resource = str(context, 'resource');
  if (!who || !action) return { ok: false, error: 'The decoded message has no `context.principal.arn` or no `context.action`.' };
  const notes: string[] = [];
  if (!str(principal, 'arn')) notes.push('The decoded message gives only the principal id, not its ARN.');
  if (!action.includes(':')) {
    const service = resource?.startsWith('arn:') ? resource.split(':')[2] : undefined;
    if (service) {
      notes.push(`The decoded message gives the action without its service prefix, so \`${service}:\` was taken from the resource ARN.`);
      action = `${service}:${action}`;
    } else {
      notes.push('The decoded message gives the action without its service prefix; add it before simulating.');
    }
  }
  const values: Record<string, string | string[]> = {};
  for (const item of records(obj(context, 'conditions'), 'items')) {
    const key = str(item, 'key');
    if (!key) continue;
    const list = records(obj(item, 'values'), 'items').map((v) => str(v, 'value')).filter((v): v is string => v !== undefined);
    values[key] = list.length === 1 ? list[0] : list;
  }
  const sids = records(obj(d, 'matchedStatements'), 'items')
    .map((s) => str(s, 'statementId'))
    .filter((s): s is string => s !== undefined && s !== '');
  return {
    ok: true,
    principal: who,
    action,
    ...(resource ? { resource } : {}),
    denial: d.explicitDeny === true ? 'explicit' : 'implicit',
    ...(Object.keys(values).length ? { context: values } : {}),
    ...(sids.length ? { statementIds: sids } : {}),
    ...(notes.length ? { notes } : {}),
  };
}
