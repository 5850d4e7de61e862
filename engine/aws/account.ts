// `loadAccount`: the inputs of "who can reach a repository". One account's
// `aws iam get-account-authorization-details`, the repositories' policies, and
// optionally the SCPs and RCPs above the account.
//
// How a file is read, by its content first:
// - `get-account-authorization-details` output (several pages are merged);
// - `aws ecr get-repository-policy` output, one repository each;
// - `aws ecr describe-repositories` output: the repositories, with or without a policy;
// - a map `{ "<repository name>": <policy object or JSON string> }`;
// - `aws organizations describe-policy` output: `Policy.PolicySummary.Type` says SCP or RCP;
// - `{ "scps": [...], "rcps": [...] }`, documents as objects or JSON strings;
// - a bare policy document whose file name says `scp` or `rcp` (`deny-regions.scp.json`).
import { isAccountDetails, mergeAccountDetails, readAccountDetails } from './authdetails.ts';
import { placeFor, repositoryArn } from './ecr.ts';
import { organizationsKind } from './iam.ts';
import { code, decodeDocument, isPolicyDocument, isRecord, obj, parseJsonText, pretty, records, str, type Json, type JsonObject } from './text.ts';
import type { AccountFile, AccountOptions, AccountResource, AccountResult } from './types.ts';
import { parseYaml } from './yaml.ts';

const READS =
  '`aws iam get-account-authorization-details`, `aws ecr get-repository-policy` or `describe-repositories` output, a map of repository names to policies, `aws organizations describe-policy` output, `{"scps": [...], "rcps": [...]}`, or a policy document named `*scp*` or `*rcp*`';

const SCP_NAME = /(^|[^a-z])scps?([^a-z]|$)|service[-_ ]?control/i;
const RCP_NAME = /(^|[^a-z])rcps?([^a-z]|$)|resource[-_ ]?control/i;

class FileError extends Error {}

/** Loads an account's principals, repositories, SCPs and RCPs from AWS output files. Never throws. */
export function loadAccount(files: AccountFile[], options: AccountOptions = {}): AccountResult {
  try {
    return load(Array.isArray(files) ? files : [], options ?? {});
  } catch (e) {
    if (e instanceof FileError) return { ok: false, error: e.message };
    return { ok: false, error: 'The files could not be read because of an internal error; please report it with the files.' };
  }
}

function parseFile(file: AccountFile): JsonObject {
  const name = code(file.name);
  const text = String(file.text ?? '').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new FileError(`The file ${name} is empty.`);
  const parsed = /^[[{"]/.test(text.trim()) ? parseJsonText(text, `The file ${name}`) : parseYaml(text);
  if (!parsed.ok) throw new FileError(parsed.error.startsWith('The file') ? parsed.error : `In ${name}: ${lowerFirst(parsed.error)}`);
  if (!isRecord(parsed.value)) throw new FileError(`The file ${name} is not a JSON object; it should be one of ${READS}.`);
  return parsed.value;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function documents(v: Json | undefined, file: string, what: string): string[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((d, i) => {
    const doc = decodeDocument(d);
    if (!doc.ok) throw new FileError(`Item ${i + 1} of \`${what}\` in ${code(file)} ${doc.error}.`);
    return pretty(doc.value);
  });
}

function load(files: AccountFile[], options: AccountOptions): AccountResult {
  const warnings: string[] = [];
  const details: JsonObject[] = [];
  const scps: string[] = [];
  const rcps: string[] = [];
  const byArn = new Map<string, AccountResource>();
  // Repositories whose registry is not yet known (a name-to-policy map).
  const unplaced: Array<{ name: string; policy: string; file: string }> = [];
  let place: { region: string; partition: string } | undefined;
  const where = () => (place ??= placeFor(options, warnings, 'the repository ARNs'));
  const setPolicy = (arn: string, policy: string | undefined, file: string) => {
    const existing = byArn.get(arn);
    if (existing?.policy && policy && existing.policy !== policy) warnings.push(`Two files give a policy for ${code(arn)}; the one in ${code(file)} was kept.`);
    byArn.set(arn, { arn, ...(policy ? { policy } : existing?.policy ? { policy: existing.policy } : {}) });
  };

  for (const file of files) {
    const o = parseFile(file);
    const name = file.name;
    if (isAccountDetails(o)) {
      details.push(o);
    } else if ('policyText' in o && 'repositoryName' in o) {
      const doc = decodeDocument(o.policyText);
      if (!doc.ok) throw new FileError(`\`policyText\` in ${code(name)} ${doc.error}.`);
      const registry = str(o, 'registryId') ?? options.accountId;
      const repo = str(o, 'repositoryName') ?? '';
      if (registry) {
        const { region, partition } = where();
        setPolicy(repositoryArn(partition, region, registry, repo), pretty(doc.value), name);
      } else unplaced.push({ name: repo, policy: pretty(doc.value), file: name });
    } else if ('policyText' in o) {
      warnings.push(`${code(name)} is a registry policy, which governs replication and pull-through cache rather than who reaches a repository, so it was not used.`);
    } else if (Array.isArray(o.repositories)) {
      for (const r of records(o, 'repositories')) {
        const arn = str(r, 'repositoryArn');
        if (arn) setPolicy(arn, undefined, name);
      }
    } else if (organizationsKind(o)) {
      const kind = organizationsKind(o);
      (kind === 'scp' ? scps : rcps).push(...documents(obj(o, 'Policy')?.Content, name, 'Policy.Content'));
    } else if (isRecord(o.Policy) && 'PolicySummary' in o.Policy) {
      throw new FileError(`${code(name)} is an organization policy of type ${code(str(obj(obj(o, 'Policy'), 'PolicySummary'), 'Type') ?? 'unknown')}; only SCPs and RCPs take part in authorization.`);
    } else if (('scps' in o || 'rcps' in o) && Object.keys(o).every((k) => k === 'scps' || k === 'rcps')) {
      scps.push(...documents(o.scps, name, 'scps'));
      rcps.push(...documents(o.rcps, name, 'rcps'));
    } else if (isPolicyDocument(o)) {
      const base = name.replace(/^.*[\\/]/, '');
      if (SCP_NAME.test(base)) scps.push(pretty(o));
      else if (RCP_NAME.test(base)) rcps.push(pretty(o));
      else throw new FileError(`${code(name)} is a policy document, but its name does not say whether it is an SCP or an RCP; put \`scp\` or \`rcp\` in the file name.`);
    } else if (Object.keys(o).length > 0 && Object.values(o).every((v) => isPolicyDocument(v) || (typeof v === 'string' && decodeDocument(v).ok))) {
      for (const [repo, v] of Object.entries(o)) {
        const doc = decodeDocument(v);
        if (doc.ok) unplaced.push({ name: repo, policy: pretty(doc.value), file: name });
      }
    } else {
      throw new FileError(`${code(name)} is not a file this feature reads; give ${READS}.`);
    }
  }

  if (details.length === 0) throw new FileError('None of the files is `aws iam get-account-authorization-details` output, which gives the principals.');
  if (details.length > 1) warnings.push(`${details.length} files of \`get-account-authorization-details\` output were read as one account.`);
  const account = readAccountDetails(details.length === 1 ? details[0] : mergeAccountDetails(details));
  warnings.push(...account.warnings);
  for (const u of unplaced) {
    const registry = options.accountId ?? account.account;
    if (!registry) throw new FileError(`${code(u.file)} names the repository ${code(u.name)} without its registry, and no account id is known; give the account id.`);
    const { region, partition } = where();
    setPolicy(repositoryArn(partition, region, registry, u.name), u.policy, u.file);
  }
  return { ok: true, principals: account.principals, resources: [...byArn.values()], scps, rcps, warnings };
}
