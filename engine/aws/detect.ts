// `importAws`: recognises what AWS (or CloudFormation, or Terraform) printed and
// hands it to the reader for that shape. Never throws: every failure is a
// `{ ok: false, error }` that says what was expected.
import { fromAccountDetails, isAccountDetails } from './authdetails.ts';
import { fromCloudFormation, isCloudFormation } from './cloudformation.ts';
import { fromRegistryPolicy, fromRepositoryPolicy } from './ecr.ts';
import { fromTaskDefinition, isTaskDefinition } from './ecs.ts';
import { fromGetRole, fromInlinePolicy, fromOrganizationsPolicy, fromPolicyVersion, getPolicyError, isGetPolicy } from './iam.ts';
import { fromTerraform, isTerraform } from './terraform.ts';
import { decodeDocument, isPolicyDocument, isRecord, looksUrlEncoded, obj, parseJsonText, pretty, str, urlDecode, type Json, type JsonObject } from './text.ts';
import type { ImportOptions, ImportResult } from './types.ts';
import { parseYaml } from './yaml.ts';

const EXPECTED =
  'Paste a policy document, or the JSON output of `aws ecr get-repository-policy`, `aws ecr get-registry-policy`, `aws iam get-role`, `aws iam get-role-policy` (or the user and group forms), `aws iam get-policy-version`, `aws iam get-account-authorization-details`, `aws ecs describe-task-definition` or `terraform show -json`, or a CloudFormation template.';

const ACCESS_DENIED = /is not authorized to perform|Encoded authorization failure message|unable to assume the role/i;
const ACCESS_DENIED_ERROR = 'This is an access denied message, not a policy; read it with the access denied reader instead.';

/** Recognises AWS output and turns it into policies, principals and requests. Never throws. */
export function importAws(text: string, options: ImportOptions = {}): ImportResult {
  try {
    return importText(typeof text === 'string' ? text : '', options ?? {});
  } catch {
    return { ok: false, error: 'The input could not be read because of an internal error; please report it with the input.' };
  }
}

function importText(text: string, options: ImportOptions): ImportResult {
  const source = text.replace(/^\uFEFF/, '');
  const trimmed = source.trim();
  if (trimmed === '') return { ok: false, error: `The input is empty. ${EXPECTED}` };
  const first = trimmed[0];
  if (first === '{' || first === '[' || first === '"') {
    // The text as given, so that the line and column of an error are the user's.
    const parsed = parseJsonText(source);
    if (!parsed.ok) return parsed;
    return fromValue(parsed.value, options, 0);
  }
  if (looksUrlEncoded(trimmed)) {
    const decoded = urlDecode(trimmed);
    const parsed = decoded === undefined ? undefined : parseJsonText(decoded.trim(), 'The URL-decoded input');
    if (!parsed) return { ok: false, error: 'The input looks URL-encoded, but one of its `%` escapes is broken.' };
    if (!parsed.ok) return parsed;
    return fromValue(parsed.value, options, 1, true);
  }
  if (ACCESS_DENIED.test(trimmed)) return { ok: false, error: ACCESS_DENIED_ERROR };
  const yaml = parseYaml(source);
  if (!yaml.ok) return /^[\w"'-]+\s*:/m.test(trimmed) ? yaml : { ok: false, error: `The input is neither JSON nor YAML that the importer knows. ${EXPECTED}` };
  if (!isRecord(yaml.value)) return { ok: false, error: `The input is not JSON or a YAML mapping. ${EXPECTED}` };
  return fromValue(yaml.value, options, 0);
}

function fromValue(value: Json, options: ImportOptions, depth: number, urlEncoded = false): ImportResult {
  if (typeof value === 'string') {
    if (depth > 0 || value.trim().startsWith('"')) return { ok: false, error: 'The input is a string inside a string; only one level of string-encoding is read.' };
    if (ACCESS_DENIED.test(value)) return { ok: false, error: ACCESS_DENIED_ERROR };
    const doc = decodeDocument(value);
    if (!doc.ok) return { ok: false, error: `The input is a JSON string that ${doc.error}. ${EXPECTED}` };
    const inner = fromValue(doc.value, options, depth + 1);
    return inner.ok ? { ...inner, source: `${inner.source} (given as a JSON string)` } : inner;
  }
  if (Array.isArray(value)) return { ok: false, error: `The input is a JSON array, not an object. ${EXPECTED}` };
  if (!isRecord(value)) return { ok: false, error: `The input is a single JSON value, not an object. ${EXPECTED}` };
  const result = fromObject(value, options);
  if (result.ok && urlEncoded) return { ...result, source: `${result.source} (URL-encoded)` };
  return result;
}

function fromObject(o: JsonObject, options: ImportOptions): ImportResult {
  if (isTaskDefinition(o)) return fromTaskDefinition(o);
  if (isTerraform(o)) return fromTerraform(o, options);
  if (isCloudFormation(o)) return fromCloudFormation(o, options);
  if (isAccountDetails(o)) return fromAccountDetails(o);
  if (isRecord(o.Role)) return fromGetRole(o);
  if (isRecord(o.PolicyVersion)) return fromPolicyVersion(o);
  if ('PolicyDocument' in o && ['RoleName', 'UserName', 'GroupName', 'PolicyName'].some((k) => k in o)) return fromInlinePolicy(o);
  if (isRecord(o.Policy) && ('Content' in o.Policy || 'PolicySummary' in o.Policy)) return fromOrganizationsPolicy(o);
  if (isGetPolicy(o)) return { ok: false, error: getPolicyError(o) };
  if ('policyText' in o) return 'repositoryName' in o ? fromRepositoryPolicy(o, options) : fromRegistryPolicy(o);
  if (isPolicyDocument(o)) return fromDocument(o);
  const message = str(o, 'message') ?? str(o, 'Message') ?? str(obj(o, 'Error'), 'Message');
  if (message && ACCESS_DENIED.test(message)) return { ok: false, error: ACCESS_DENIED_ERROR };
  if (isRecord(o.User)) {
    return { ok: false, error: '`aws iam get-user` lists no policies; import `aws iam get-account-authorization-details` to get the user with its policies.' };
  }
  return { ok: false, error: `The importer does not recognise this JSON object. ${EXPECTED}` };
}

/** A bare policy document: a `Principal` makes it a resource-based policy. */
function fromDocument(o: JsonObject): ImportResult {
  const statements = Array.isArray(o.Statement) ? o.Statement : [o.Statement];
  const resource = statements.some((s) => isRecord(s) && ('Principal' in s || 'NotPrincipal' in s));
  return {
    ok: true,
    format: 'policy-document',
    source: resource ? 'Resource-based policy document' : 'Identity-based policy document',
    policies: [{ kind: resource ? 'resource' : 'identity', name: resource ? 'resource policy' : 'identity policy', text: pretty(o) }],
    warnings: [],
  };
}
