// A generated, seeded corpus of realistic ECR/ECS simulation cases for the engine
// benchmarks: identity policies, repository and trust policies, boundaries, SCPs,
// conditions and policy variables. Every case is distinct (names, accounts, Sids and
// values vary), so no cache of parsed texts can hold the corpus.
import type { SimulationInput, SimulationRequest } from '../engine/index';

/** mulberry32: small, fast, good enough to vary a corpus; the seed fixes the corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ECR_ACTIONS = [
  'GetAuthorizationToken', 'BatchGetImage', 'GetDownloadUrlForLayer', 'BatchCheckLayerAvailability', 'PutImage',
  'InitiateLayerUpload', 'UploadLayerPart', 'CompleteLayerUpload', 'DescribeRepositories', 'DescribeImages',
  'ListImages', 'CreateRepository', 'DeleteRepository', 'SetRepositoryPolicy', 'GetRepositoryPolicy',
  'DeleteRepositoryPolicy', 'PutLifecyclePolicy', 'GetLifecyclePolicy', 'TagResource', 'UntagResource',
  'PutImageScanningConfiguration', 'StartImageScan', 'DescribeImageScanFindings', 'BatchDeleteImage', 'ReplicateImage',
].map((a) => `ecr:${a}`);
export const ECS_ACTIONS = [
  'RunTask', 'StartTask', 'StopTask', 'DescribeTasks', 'ListTasks', 'UpdateService', 'CreateService', 'DeleteService',
  'DescribeServices', 'ListServices', 'RegisterTaskDefinition', 'DeregisterTaskDefinition', 'DescribeTaskDefinition',
  'DescribeClusters', 'ListClusters', 'CreateCluster', 'DeleteCluster', 'ExecuteCommand', 'TagResource', 'UntagResource',
].map((a) => `ecs:${a}`);

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const TEAMS = ['payments', 'search', 'web', 'data', 'ml', 'infra', 'mobile', 'growth'];
const ENVS = ['dev', 'staging', 'prod'];

export interface CorpusCase {
  /** The case with every policy as JSON text (two-space indent, as `simulate` prints objects). */
  text: SimulationInput;
  /** The same policies as objects. */
  object: SimulationInput;
  /** Every policy text of the case, for the JSON.parse floor. */
  texts: string[];
  /** Total statements over the case's policies. */
  statements: number;
}

type Obj = Record<string, unknown>;

/** Builds `count` distinct cases from `seed`. */
export function corpus(count: number, seed = 12): CorpusCase[] {
  const r = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
  const some = <T>(list: readonly T[], max: number): T[] => {
    const n = 1 + Math.floor(r() * max);
    const out = new Set<T>();
    while (out.size < n) out.add(pick(list));
    return [...out];
  };
  const account = () => String(100000000000 + Math.floor(r() * 899999999999));
  const out: CorpusCase[] = [];
  for (let c = 0; c < count; c++) {
    const acct = account();
    const other = account();
    const region = pick(REGIONS);
    const team = pick(TEAMS);
    const env = pick(ENVS);
    const repo = `${team}/${pick(['api', 'worker', 'frontend', 'batch', 'base'])}-${c}`;
    const repoArn = `arn:aws:ecr:${region}:${acct}:repository/${repo}`;
    const cluster = `arn:aws:ecs:${region}:${acct}:cluster/${env}-${c % 97}`;
    const condition = (): Obj | undefined => {
      switch (Math.floor(r() * 8)) {
        case 0: return { StringEquals: { 'aws:PrincipalTag/team': team } };
        case 1: return { Bool: { 'aws:SecureTransport': 'true' } };
        case 2: return { IpAddress: { 'aws:SourceIp': [`10.${c % 250}.0.0/16`, '203.0.113.0/24'] } };
        case 3: return { StringEquals: { 'ecr:ResourceTag/env': env }, StringLike: { 'aws:userid': `AIDA*${c}` } };
        case 4: return { ArnEquals: { 'ecs:cluster': cluster } };
        case 5: return { DateLessThan: { 'aws:CurrentTime': `20${30 + (c % 60)}-01-01T00:00:00Z` } };
        default: return undefined;
      }
    };
    const statement = (k: number): Obj => {
      const ecr = r() < 0.6;
      const actions = ecr ? some(ECR_ACTIONS, 5) : some(ECS_ACTIONS, 4);
      const wildcard = r() < 0.15 ? [ecr ? 'ecr:Describe*' : 'ecs:List*'] : [];
      const resource = ecr
        ? pick([repoArn, `arn:aws:ecr:${region}:${acct}:repository/${team}/*`, `arn:aws:ecr:*:${acct}:repository/\${aws:PrincipalTag/team}/*`, '*'])
        : pick([cluster, `arn:aws:ecs:${region}:${acct}:service/${env}-${c % 97}/*`, `arn:aws:ecs:${region}:${acct}:task-definition/${team}-*:*`, '*']);
      const st: Obj = { Sid: `S${k}c${c}`, Effect: r() < 0.15 ? 'Deny' : 'Allow', Action: [...actions, ...wildcard], Resource: resource };
      const cond = condition();
      if (cond) st.Condition = cond;
      return st;
    };
    const doc = (statements: Obj[]): Obj => ({ Version: '2012-10-17', Statement: statements });
    const identity = Array.from({ length: 1 + Math.floor(r() * 2) }, () => doc(Array.from({ length: 2 + Math.floor(r() * 7) }, (_, k) => statement(k))));
    const principalKind = Math.floor(r() * 4);
    const roleName = `${team}-${env}-${c}`;
    const principal = [
      `arn:aws:iam::${acct}:role/${roleName}`,
      `arn:aws:sts::${acct}:assumed-role/${roleName}/session-${c}`,
      `arn:aws:iam::${acct}:user/${team}-dev-${c}`,
      `arn:aws:sts::${other}:assumed-role/ci-${c}/build`,
    ][principalKind];
    const input: Obj = { identityPolicies: identity };
    const shape = r();
    let action: string;
    let resource: string;
    if (shape < 0.1) {
      // A role trust policy, for sts:AssumeRole.
      input.resourcePolicy = doc([
        { Sid: `Trust${c}`, Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': acct } } },
        { Sid: `Ci${c}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other}:role/ci-${c}` }, Action: 'sts:AssumeRole' },
      ]);
      (identity[0].Statement as Obj[]).push({ Sid: `Assume${c}`, Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${acct}:role/*` });
      action = 'sts:AssumeRole';
      resource = `arn:aws:iam::${acct}:role/${roleName}`;
    } else {
      action = pick(r() < 0.6 ? ECR_ACTIONS : ECS_ACTIONS);
      resource = action.startsWith('ecr:') ? (action === 'ecr:GetAuthorizationToken' ? '*' : repoArn) : action.includes('Task') ? cluster : `arn:aws:ecs:${region}:${acct}:service/${env}-${c % 97}/svc-${c}`;
      if (action.startsWith('ecr:') && r() < 0.4) {
        input.resourcePolicy = doc([
          { Sid: `Pull${c}`, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${other}:root`, `arn:aws:iam::${acct}:role/${roleName}`] }, Action: some(ECR_ACTIONS.slice(1, 4), 3) },
          { Sid: `Guard${c}`, Effect: 'Deny', Principal: '*', Action: 'ecr:DeleteRepository', Condition: { StringNotEquals: { 'aws:PrincipalAccount': acct } } },
        ]);
      }
    }
    if (r() < 0.3) input.permissionsBoundary = doc([{ Sid: `Bound${c}`, Effect: 'Allow', Action: ['ecr:*', 'ecs:*', 'sts:AssumeRole'], Resource: '*' }, { Sid: `NoIam${c}`, Effect: 'Deny', Action: 'iam:*', Resource: '*' }]);
    if (r() < 0.4)
      input.scps = [doc([{ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: `Regions${c}`, Effect: 'Deny', NotAction: ['sts:*', 'iam:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': [region, 'us-east-1'] } } }])];
    const context: Record<string, string | string[]> = { 'aws:PrincipalTag/team': r() < 0.8 ? team : 'other', 'aws:SourceIp': `10.${c % 250}.1.${c % 200}`, 'aws:RequestedRegion': region };
    if (r() < 0.5) context['ecr:ResourceTag/env'] = env;
    if (action.startsWith('ecs:') && r() < 0.7) context['ecs:cluster'] = cluster;
    const request: SimulationRequest = { principal, action, resource, context };
    const now = '2026-11-23T12:00:00Z';
    const asText = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v, null, 2));
    const text: SimulationInput = {
      identityPolicies: identity.map((p) => JSON.stringify(p, null, 2)),
      resourcePolicy: asText(input.resourcePolicy),
      permissionsBoundary: asText(input.permissionsBoundary),
      scps: (input.scps as Obj[] | undefined)?.map((p) => JSON.stringify(p, null, 2)),
      request,
      now,
    };
    const object: SimulationInput = { ...(input as Omit<SimulationInput, 'request'>), request, now };
    const texts = [...(text.identityPolicies as string[]), ...[text.resourcePolicy, text.permissionsBoundary].filter((t): t is string => typeof t === 'string'), ...((text.scps as string[] | undefined) ?? [])];
    const statements = texts.reduce((n, t) => n + (JSON.parse(t) as { Statement: unknown[] }).Statement.length, 0);
    out.push({ text, object, texts, statements });
  }
  return out;
}

/** A policy of `n` distinct statements drawn from the corpus's statement shapes. */
export function bigPolicy(n: number, seed = 5): object {
  const cases = corpus(Math.ceil(n / 3) + 1, seed);
  const statements: unknown[] = [];
  for (let c = 0; statements.length < n; c++) {
    const doc = JSON.parse(cases[c % cases.length].texts[0]) as { Statement: Obj[] };
    for (const st of doc.Statement) if (statements.length < n) statements.push({ ...st, Sid: `S${statements.length}` });
  }
  return { Version: '2012-10-17', Statement: statements };
}
