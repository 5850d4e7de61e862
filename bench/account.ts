// A synthetic AWS account for the whoCan benchmark: seeded, so every run measures the
// same account. Its shape follows what ECR users write: shared managed policies and
// per-principal inline ones (wildcards, NotAction, Deny, aws:PrincipalTag and
// ${aws:PrincipalTag/team} resource ABAC, aws:RequestedRegion), permissions boundaries on
// some principals, repository policies on ~30% of repositories (cross-account grants to
// accounts and roles, organization-wide pulls on aws:PrincipalOrgID, Deny statements),
// two SCP levels and an RCP that keeps ECR inside the organization.
import type { ImportedPrincipal, WhoCanInput, WhoCanResource } from '../engine/whocan/types.ts';
import { random as rng } from './corpus.ts';

export interface AccountShape {
  principals: number;
  repositories: number;
  seed?: number;
}

/** The four access levels the figure counts: pull, push, delete, manage the policy. */
export const ACCESS_LEVELS = ['ecr:BatchGetImage', 'ecr:PutImage', 'ecr:BatchDeleteImage', 'ecr:SetRepositoryPolicy'];

const MAIN = '111111111111';
const SHARED = '222222222222'; // in the organization
const PARTNER = '333333333333'; // outside it
const ORG = 'o-a1b2c3d4e5';
const REGIONS = ['us-east-1', 'us-east-1', 'us-east-1', 'eu-west-1', 'ap-southeast-2'];
const TEAMS = Array.from({ length: 24 }, (_, i) => `team-${String(i).padStart(2, '0')}`);
const SERVICES = ['api', 'web', 'worker', 'batch', 'auth', 'billing', 'search', 'ingest', 'report', 'gateway', 'cache', 'ml'];
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
const PUSH = ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'];

type Statement = Record<string, unknown>;
const doc = (Statement: Statement[]) => JSON.stringify({ Version: '2012-10-17', Statement }, null, 2);

export function syntheticAccount(shape: AccountShape): WhoCanInput {
  const random = rng(shape.seed ?? 20261202);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  // Repositories: team/service names, mostly in the main account, some in a shared-services one.
  const resources: WhoCanResource[] = [];
  for (let i = 0; i < shape.repositories; i++) {
    const team = TEAMS[i % TEAMS.length];
    const account = chance(0.1) ? SHARED : MAIN;
    const name = `${team}/${pick(SERVICES)}-${i}`;
    const arn = `arn:aws:ecr:${pick(REGIONS)}:${account}:repository/${name}`;
    resources.push(chance(0.3) ? { arn, policy: repositoryPolicy(team, account) } : { arn });
  }

  function repositoryPolicy(team: string, account: string): string {
    const statements: Statement[] = [];
    const kinds = between(1, 3);
    for (let k = 0; k < kinds; k++) {
      switch (between(0, 6)) {
        case 0:
          statements.push({ Sid: `CrossAccountPull${k}`, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${PARTNER}:root`, account === MAIN ? SHARED : MAIN] }, Action: PULL });
          break;
        case 1:
          statements.push({ Sid: `DeployerPush${k}`, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${SHARED}:role/deployer`, `arn:aws:iam::${MAIN}:role/${team}-ci`] }, Action: [...PULL, ...PUSH] });
          break;
        case 2:
          statements.push({ Sid: `OrgPull${k}`, Effect: 'Allow', Principal: '*', Action: PULL, Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } });
          break;
        case 3:
          statements.push({
            Sid: `OnlyAdminsDelete${k}`,
            Effect: 'Deny',
            Principal: '*',
            Action: ['ecr:BatchDeleteImage', 'ecr:DeleteRepository', 'ecr:SetRepositoryPolicy'],
            Condition: { ArnNotLike: { 'aws:PrincipalArn': [`arn:aws:iam::${account}:role/admin-*`, `arn:aws:iam::${account}:role/${team}-lead`] } },
          });
          break;
        case 4:
          statements.push({ Sid: `LambdaPull${k}`, Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: PULL, Condition: { StringLike: { 'aws:sourceArn': `arn:aws:lambda:*:${account}:function:*` } } });
          break;
        case 5:
          statements.push({ Sid: `PartnerRole${k}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:role/${team}-mirror` }, Action: 'ecr:BatchGetImage' });
          break;
        default:
          statements.push({ Sid: `NoPartnerPush${k}`, Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, NotAction: PULL });
      }
    }
    return doc(statements);
  }

  // Managed policies, shared by many principals (as AWS-managed and customer-managed ones are).
  const managed: string[] = [
    doc([{ Sid: 'ReadOnly', Effect: 'Allow', Action: ['ecr:Describe*', 'ecr:List*', 'ecr:Get*', 'ecr:BatchGetImage', 'ecr:BatchCheckLayerAvailability'], Resource: '*' }]),
    doc([
      { Sid: 'PowerUser', Effect: 'Allow', Action: ['ecr:*'], Resource: '*' },
      { Sid: 'NoPolicy', Effect: 'Deny', Action: ['ecr:SetRepositoryPolicy', 'ecr:DeleteRepositoryPolicy'], Resource: '*' },
    ]),
    doc([{ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' }]),
    doc([
      { Sid: 'Login', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Sid: 'AbacPull', Effect: 'Allow', Action: PULL, Resource: '*', Condition: { StringEquals: { 'ecr:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
      { Sid: 'AbacPush', Effect: 'Allow', Action: [...PULL, ...PUSH], Resource: `arn:aws:ecr:*:${MAIN}:repository/\${aws:PrincipalTag/team}/*` },
    ]),
    doc([
      { Sid: 'Regional', Effect: 'Allow', NotAction: ['ecr:Delete*', 'ecr:SetRepositoryPolicy'], Resource: `arn:aws:ecr:*:${MAIN}:repository/*`, Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } },
    ]),
    ...TEAMS.map((team) =>
      doc([
        { Sid: 'TeamPush', Effect: 'Allow', Action: [...PULL, ...PUSH], Resource: [`arn:aws:ecr:*:${MAIN}:repository/${team}/*`, `arn:aws:ecr:*:${SHARED}:repository/${team}/*`] },
        { Sid: 'TeamDelete', Effect: 'Allow', Action: 'ecr:BatchDeleteImage', Resource: `arn:aws:ecr:us-east-1:${MAIN}:repository/${team}/*`, Condition: { StringEquals: { 'aws:PrincipalTag/role': 'lead' } } },
        { Sid: 'OthersPull', Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: `arn:aws:ecr:*:*:repository/*` },
      ]),
    ),
  ];
  const boundaries: string[] = [
    doc([
      { Sid: 'EcrOnly', Effect: 'Allow', Action: ['ecr:*', 'ecs:*', 'logs:*'], Resource: '*' },
      { Sid: 'NeverPolicy', Effect: 'Deny', Action: 'ecr:SetRepositoryPolicy', Resource: '*' },
    ]),
    doc([{ Sid: 'PullPush', Effect: 'Allow', Action: [...PULL, ...PUSH, 'ecr:GetAuthorizationToken'], Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/env': ['dev', 'staging'] } } }]),
    doc([{ Sid: 'MainOnly', Effect: 'Allow', Action: 'ecr:*', Resource: `arn:aws:ecr:*:${MAIN}:repository/*` }]),
  ];

  function inlinePolicy(team: string, account: string): string {
    const statements: Statement[] = [];
    const n = between(3, 10);
    for (let k = 0; k < n; k++) {
      const other = pick(TEAMS);
      switch (between(0, 9)) {
        case 0:
          statements.push({ Sid: `Pull${k}`, Effect: 'Allow', Action: PULL, Resource: `arn:aws:ecr:*:${account}:repository/${other}/*` });
          break;
        case 1:
          statements.push({ Sid: `Push${k}`, Effect: 'Allow', Action: 'ecr:Put*', Resource: `arn:aws:ecr:${pick(REGIONS)}:${account}:repository/${team}/*` });
          break;
        case 2:
          statements.push({ Sid: `Tagged${k}`, Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': other } } });
          break;
        case 3:
          statements.push({ Sid: `NoDelete${k}`, Effect: 'Deny', Action: ['ecr:BatchDeleteImage', 'ecr:DeleteRepository'], Resource: `arn:aws:ecr:*:*:repository/${other}/*` });
          break;
        case 4:
          statements.push({ Sid: `NotAction${k}`, Effect: 'Allow', NotAction: ['ecr:Delete*', 'ecr:Set*', 'iam:*'], Resource: `arn:aws:ecr:*:${MAIN}:repository/${team}/${pick(SERVICES)}-*` });
          break;
        case 5:
          statements.push({ Sid: `Ecs${k}`, Effect: 'Allow', Action: ['ecs:RunTask', 'ecs:Describe*'], Resource: '*' });
          break;
        case 6:
          statements.push({ Sid: `Lead${k}`, Effect: 'Allow', Action: ['ecr:BatchDeleteImage', 'ecr:SetRepositoryPolicy'], Resource: `arn:aws:ecr:*:*:repository/${team}/*`, Condition: { StringEquals: { 'aws:PrincipalTag/role': 'lead' } } });
          break;
        case 7:
          statements.push({ Sid: `Region${k}`, Effect: 'Deny', Action: 'ecr:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } });
          break;
        case 8:
          statements.push({ Sid: `NotResource${k}`, Effect: 'Allow', Action: 'ecr:BatchGetImage', NotResource: `arn:aws:ecr:*:*:repository/${other}/*` });
          break;
        default:
          statements.push({ Sid: `Env${k}`, Effect: 'Allow', Action: 'ecr:*Image*', Resource: `arn:aws:ecr:*:${account}:repository/*`, Condition: { StringLike: { 'aws:PrincipalTag/env': 'prod*' } } });
      }
    }
    return doc(statements);
  }

  const principals: ImportedPrincipal[] = [];
  const principalContext: Record<string, Record<string, string>> = {};
  for (let i = 0; i < shape.principals; i++) {
    const team = pick(TEAMS);
    const account = chance(0.85) ? MAIN : chance(0.6) ? SHARED : PARTNER;
    const role = chance(0.7);
    const name = i % 97 === 0 ? `admin-${i}` : i % 41 === 0 ? `${team}-lead` : `${team}-${role ? 'svc' : 'dev'}-${i}`;
    const arn = role ? `arn:aws:iam::${account}:role/${name}` : `arn:aws:iam::${account}:user/${name}`;
    const policies: ImportedPrincipal['policies'] = [];
    const count = between(1, 4);
    for (let k = 0; k < count; k++) {
      const text = chance(0.55) ? (chance(0.5) ? managed[5 + TEAMS.indexOf(team)] : pick(managed)) : inlinePolicy(team, account);
      policies.push({ kind: 'identity', name: `policy-${k}`, text });
    }
    if (chance(0.3)) policies.push({ kind: 'boundary', name: 'boundary', text: pick(boundaries) });
    if (role) {
      // The trust policy: governs sts:AssumeRole on the role, not requests to repositories.
      policies.push({ kind: 'resource', name: 'trust', text: doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]) });
    }
    principals.push({ arn, policies });
    const tags: Record<string, string> = { 'aws:PrincipalTag/team': team, 'aws:PrincipalTag/env': pick(['dev', 'staging', 'prod', 'prod-eu']) };
    if (name.endsWith('-lead')) tags['aws:PrincipalTag/role'] = 'lead';
    if (account !== PARTNER) tags['aws:PrincipalOrgID'] = ORG;
    principalContext[arn] = tags;
  }

  const scps = [
    doc([
      { Sid: 'FullAccess', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'ProtectPolicies', Effect: 'Deny', Action: ['ecr:SetRepositoryPolicy', 'ecr:DeleteRepositoryPolicy'], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/admin-*` } } },
    ]),
    doc([
      { Sid: 'Services', Effect: 'Allow', Action: ['ecr:*', 'ecs:*', 'logs:*', 'sts:*'], Resource: '*' },
      { Sid: 'Regions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } },
    ]),
  ];
  const rcps = [
    doc([
      {
        Sid: 'EcrInOrg',
        Effect: 'Deny',
        Principal: '*',
        Action: 'ecr:*',
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
      },
    ]),
  ];

  return { principals, resources, actions: ACCESS_LEVELS, scps, rcps, context: { 'ecr:ResourceTag/team': 'team-03', 'aws:SecureTransport': 'true' }, principalContext, now: '2026-12-01T12:00:00Z' };
}
