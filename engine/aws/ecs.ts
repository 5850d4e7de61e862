// ECS task definitions (`aws ecs describe-task-definition`, and the same shape
// from CloudFormation and Terraform): the task and execution roles, and the
// requests the execution role must be allowed so a task can start (Amazon ECS
// developer guide, "Amazon ECS task execution IAM role"): an ECR authorization
// token, the image pulls, and the secrets injected into containers.
import { arnAccount, code, isRecord, obj, partitionOf, records, str, type JsonObject } from './text.ts';
import type { ImportedPrincipal, ImportedRequest, ImportResult } from './types.ts';

export interface TaskShape {
  taskRoleArn?: string;
  executionRoleArn?: string;
  containers: Array<{ name: string; image?: string; secrets: string[]; credentialsParameter?: string }>;
  /** Where the task definition lives: SSM parameter names given without an ARN resolve there. */
  region?: string;
  account?: string;
}

export interface EcrImage {
  account: string;
  region: string;
  partition: string;
  repository: string;
  tag?: string;
  digest?: string;
  arn: string;
}

const PLACEHOLDER = /\{\{[^{}]*\}\}/;

const ECR_HOST = /^(\d{12})\.dkr(?:\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?|-ecr(?:-fips)?\.([a-z0-9-]+)\.on\.aws)$/;

/** A private ECR image reference, `<account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@digest]`, or undefined. */
export function parseEcrImage(image: string): EcrImage | undefined {
  const slash = image.indexOf('/');
  if (slash < 0) return undefined;
  const host = ECR_HOST.exec(image.slice(0, slash).toLowerCase());
  if (!host) return undefined;
  let path = image.slice(slash + 1);
  let tag: string | undefined;
  let digest: string | undefined;
  const at = path.indexOf('@');
  if (at >= 0) {
    digest = path.slice(at + 1);
    path = path.slice(0, at);
  }
  const colon = path.lastIndexOf(':');
  if (colon > path.lastIndexOf('/')) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
  }
  if (!path) return undefined;
  const region = host[2] ?? host[4];
  const partition = host[3] ? 'aws-cn' : partitionOf(region);
  const arn = `arn:${partition}:ecr:${region}:${host[1]}:repository/${path}`;
  return { account: host[1], region, partition, repository: path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}), arn };
}

/** What reading a secret's `valueFrom` takes: the action and the ARN AWS authorizes. */
export function secretRequest(valueFrom: string, shape: Pick<TaskShape, 'region' | 'account'>): { action: string; resource: string } | undefined {
  const v = valueFrom.trim();
  if (v.startsWith('arn:')) {
    const parts = v.split(':');
    if (parts[2] === 'secretsmanager' && parts[5] === 'secret') {
      // `...:secret:name-AbCdEf:json-key:version-stage:version-id`: ECS asks for the secret itself.
      return { action: 'secretsmanager:GetSecretValue', resource: parts.slice(0, 7).join(':') };
    }
    if (parts[2] === 'ssm') return { action: 'ssm:GetParameters', resource: v };
    return undefined;
  }
  if (!shape.region || !shape.account) return undefined;
  // A bare name is an SSM parameter in the task's own Region and account.
  return { action: 'ssm:GetParameters', resource: `arn:${partitionOf(shape.region)}:ssm:${shape.region}:${shape.account}:parameter/${v.replace(/^\//, '')}` };
}

/**
 * The principals and ready-made tests of a task definition. `known` holds the
 * ARNs of roles whose policies the same input gives (a template's own roles).
 */
export function taskRequests(
  shape: TaskShape,
  warnings: string[],
  known: ReadonlySet<string> = new Set(),
): { principals: ImportedPrincipal[]; requests: ImportedRequest[] } {
  // INVARIANT: roles are given as role ARNs; the request builder treats a role ARN as any
  // session of the role, which is what ECS uses (a session it names itself).
  const principals: ImportedPrincipal[] = [];
  const requests: ImportedRequest[] = [];
  const trust: ImportedRequest[] = [];
  const exec = shape.executionRoleArn;
  for (const [arn, what] of [[exec, 'execution role'], [shape.taskRoleArn, 'task role']] as const) {
    if (!arn || principals.some((p) => p.arn === arn)) continue;
    principals.push({ arn, type: 'role', policies: [] });
    const context = shape.account ? { 'aws:SourceAccount': shape.account } : undefined;
    trust.push({
      name: `ECS tasks can assume the ${what}`,
      principal: 'ecs-tasks.amazonaws.com',
      action: 'sts:AssumeRole',
      resource: arn,
      ...(context ? { context } : {}),
      expect: 'Allow',
    });
  }
  const images = new Map<string, EcrImage>();
  const secrets = new Map<string, { action: string; resource: string; label: string }>();
  for (const c of shape.containers) {
    const image = c.image ? parseEcrImage(c.image) : undefined;
    if (image) images.set(image.arn, image);
    else if (c.image && PLACEHOLDER.test(c.image) && /\.dkr[.-]ecr/.test(c.image)) {
      warnings.push(`The image ${code(c.image)} holds a placeholder, so its pull has no test.`);
    }
    const reads = [...c.secrets.map((s) => ({ s, label: `secret ${code(s)}` }))];
    if (c.credentialsParameter) reads.push({ s: c.credentialsParameter, label: `registry credentials ${code(c.credentialsParameter)}` });
    for (const { s, label } of reads) {
      if (PLACEHOLDER.test(s)) {
        warnings.push(`The secret ${code(s)} of container ${code(c.name)} holds a placeholder, so it has no test.`);
        continue;
      }
      const r = secretRequest(s, shape);
      if (r) secrets.set(r.resource, { ...r, label });
      else warnings.push(`The secret ${code(s)} of container ${code(c.name)} is not a Secrets Manager or SSM parameter ARN the import can read, so it has no test.`);
    }
  }
  if (!exec) {
    if (images.size > 0 || secrets.size > 0) {
      warnings.push('The task definition has no execution role: on Fargate its tasks cannot pull from ECR or read secrets, and on EC2 the container instance role does the pulls, which this import cannot see.');
    }
  } else {
    if (images.size > 0) {
      requests.push({ name: 'execution role gets an ECR authorization token', principal: exec, action: 'ecr:GetAuthorizationToken', resource: '*', expect: 'Allow' });
    }
    for (const image of images.values()) {
      for (const action of ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability']) {
        requests.push({ name: `execution role pulls ${code(image.repository)} (${action})`, principal: exec, action, resource: image.arn, expect: 'Allow' });
      }
    }
    for (const s of secrets.values()) {
      requests.push({ name: `execution role reads ${s.label}`, principal: exec, action: s.action, resource: s.resource, expect: 'Allow' });
    }
    if (secrets.size > 0) {
      warnings.push('A secret encrypted with a customer managed KMS key also needs `kms:Decrypt` on that key for the execution role, which these tests do not cover.');
    }
  }
  requests.push(...trust);
  if (principals.some((p) => !known.has(p.arn))) {
    warnings.push("The task definition names its roles but not their policies; import each role's policies (for example `aws iam get-account-authorization-details`) to run the tests.");
  }
  return { principals, requests };
}

/** The shape of a task definition in the ECS API's camelCase (describe, register, Terraform's container_definitions). */
export function readTaskDefinition(td: JsonObject, containers: JsonObject[] = records(td, 'containerDefinitions')): TaskShape {
  const arn = str(td, 'taskDefinitionArn');
  return {
    taskRoleArn: str(td, 'taskRoleArn'),
    executionRoleArn: str(td, 'executionRoleArn'),
    containers: containers.map((c) => ({
      name: str(c, 'name') ?? 'container',
      image: str(c, 'image'),
      secrets: records(c, 'secrets').map((s) => str(s, 'valueFrom')).filter((s): s is string => s !== undefined),
      credentialsParameter: str(obj(c, 'repositoryCredentials'), 'credentialsParameter'),
    })),
    region: arn?.split(':')[3] || undefined,
    account: arn ? arnAccount(arn) : undefined,
  };
}

export function isTaskDefinition(o: JsonObject): boolean {
  const td = o.taskDefinition;
  return (isRecord(td) && Array.isArray(td.containerDefinitions)) || (Array.isArray(o.containerDefinitions) && typeof o.family === 'string');
}

/** `aws ecs describe-task-definition` output (or a bare task definition, as `register-task-definition` takes it). */
export function fromTaskDefinition(o: JsonObject): ImportResult {
  const td = obj(o, 'taskDefinition') ?? o;
  const shape = readTaskDefinition(td);
  const warnings: string[] = [];
  const { principals, requests } = taskRequests(shape, warnings);
  const family = str(td, 'family') ?? 'task definition';
  const revision = td.revision;
  const name = typeof revision === 'number' || typeof revision === 'string' ? `${family}:${revision}` : family;
  const first = requests[0];
  return {
    ok: true,
    format: 'ecs-task-definition',
    source: `ECS task definition ${code(name)}`,
    policies: [],
    principals,
    requests,
    ...(first ? { request: { principal: first.principal, action: first.action, resource: first.resource } } : {}),
    warnings,
  };
}
