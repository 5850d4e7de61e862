import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAws } from './detect.ts';
import { allPretty, docs, ok, parseErrors } from './testing.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const yaml = fixture('cfn-ecs-service.yaml');
const V = '2012-10-17';

const ecsTrust = (condition?: object) => ({
  Version: V,
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }],
});
const boundary = {
  Version: V,
  Statement: [
    {
      Effect: 'Allow',
      Action: ['ecr:*', 'logs:*', 'secretsmanager:GetSecretValue', 'ssm:GetParameters'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
    },
  ],
};
const push = ['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];

describe('CloudFormation YAML template, resolved with the account, region and parameters', () => {
  const r = ok(importAws(yaml, { accountId: '111111111111', region: 'eu-west-1', parameters: { CiAccount: '222222222222' } }));
  const EXEC = 'arn:aws:iam::111111111111:role/service/prod-api-exec';
  const TASK = 'arn:aws:iam::111111111111:role/TaskRole';
  const REPO = 'arn:aws:ecr:eu-west-1:111111111111:repository/team-a/api';

  it('reads every policy, with short-form tags, Fn::Sub (with and without a map), Join, Select, Split, If and NoValue resolved', () => {
    expect(r.format).toBe('cloudformation');
    expect(r.source).toBe('CloudFormation template with 2 roles, 4 policies, 1 repository policy, 1 task definition');
    expect(docs(r.policies)).toEqual([
      { kind: 'resource', name: 'TaskRole trust policy', doc: ecsTrust({ StringEquals: { 'aws:SourceAccount': '111111111111' } }) },
      {
        kind: 'identity',
        name: 'TaskRole/read-bucket',
        // `${!aws:PrincipalTag/team}` keeps the IAM policy variable.
        doc: { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-assets/${aws:PrincipalTag/team}/*' }] },
      },
      {
        kind: 'resource',
        name: 'ExecutionRole trust policy',
        doc: { Version: V, Statement: [{ Effect: 'Allow', Principal: { Service: ['ecs-tasks.amazonaws.com'] }, Action: 'sts:AssumeRole' }] },
      },
      {
        kind: 'identity',
        name: 'prod-ecr-pull',
        doc: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
            { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], Resource: REPO },
            { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:eu-west-1:111111111111:log-group:/ecs/prod-api:*' },
          ],
        },
      },
      { kind: 'boundary', name: 'workload-boundary', doc: boundary },
      {
        kind: 'resource',
        name: 'team-a/api repository policy',
        doc: {
          Version: V,
          Statement: [
            { Sid: 'CiPush', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: push },
            { Sid: 'DenyDeleteInProd', Effect: 'Deny', Principal: '*', Action: 'ecr:BatchDeleteImage' },
          ],
        },
      },
      {
        kind: 'identity',
        name: 'send-jobs',
        doc: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111111111111:jobs' },
            { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '{{ImportValue:shared-kms-key-arn}}' },
          ],
        },
      },
    ]);
    expect(parseErrors(r.policies)).toEqual([]);
    expect(allPretty(r.policies)).toBe(true);
  });

  it('gives each role with its trust, inline, attached (by Ref or by role list) and boundary policies', () => {
    expect(r.principals?.map((p) => ({ arn: p.arn, type: p.type, policies: p.policies.map((x) => `${x.kind} ${x.name}`) }))).toEqual([
      { arn: TASK, type: 'role', policies: ['resource TaskRole trust policy', 'identity TaskRole/read-bucket', 'identity send-jobs'] },
      { arn: EXEC, type: 'role', policies: ['resource ExecutionRole trust policy', 'identity prod-ecr-pull', 'boundary workload-boundary'] },
    ]);
    expect(r.request).toEqual({ resource: REPO });
  });

  it('gives the task definition tests, with its roles resolved through Fn::GetAtt', () => {
    const pull = (action: string) => ({ name: `execution role pulls \`team-a/api\` (${action})`, principal: EXEC, action, resource: REPO, expect: 'Allow' });
    expect(r.requests).toEqual([
      { name: 'execution role gets an ECR authorization token', principal: EXEC, action: 'ecr:GetAuthorizationToken', resource: '*', expect: 'Allow' },
      pull('ecr:BatchGetImage'),
      pull('ecr:GetDownloadUrlForLayer'),
      pull('ecr:BatchCheckLayerAvailability'),
      {
        name: 'execution role reads secret `arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/db-AbCdEf:password::`',
        principal: EXEC,
        action: 'secretsmanager:GetSecretValue',
        resource: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/db-AbCdEf',
        expect: 'Allow',
      },
      { name: 'ECS tasks can assume the execution role', principal: 'ecs-tasks.amazonaws.com', action: 'sts:AssumeRole', resource: EXEC, context: { 'aws:SourceAccount': '111111111111' }, expect: 'Allow' },
      { name: 'ECS tasks can assume the task role', principal: 'ecs-tasks.amazonaws.com', action: 'sts:AssumeRole', resource: TASK, context: { 'aws:SourceAccount': '111111111111' }, expect: 'Allow' },
    ]);
  });

  it('warns about everything it assumed or left out, once each', () => {
    expect(r.warnings).toEqual([
      'The resource `StagingRole` was left out: its condition `IsNotProd` is false.',
      'The resource `TaskRole` has no `RoleName`, so CloudFormation will generate its name; the logical id stands in for it.',
      'The managed policy `arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy` of `ExecutionRole` is not defined in this template, so it was left out; add it by hand.',
      'An imported stack output is not in this template, so it stays as the placeholder `{{ImportValue:shared-kms-key-arn}}`.',
      'A secret encrypted with a customer managed KMS key also needs `kms:Decrypt` on that key for the execution role, which these tests do not cover.',
    ]);
  });
});

describe('CloudFormation template without the values the template leaves open', () => {
  const r = ok(importAws(yaml));

  it('keeps visible placeholders that no IAM policy variable looks like, with a warning each', () => {
    const repo = docs(r.policies).find((p) => p.name === 'team-a/api repository policy');
    expect(repo?.doc).toMatchObject({ Statement: [{ Principal: { AWS: 'arn:{{Ref:AWS::Partition}}:iam::{{Ref:CiAccount}}:root' } }, { Sid: 'DenyDeleteInProd' }] });
    expect(r.principals?.map((p) => p.arn)).toEqual([
      'arn:{{Ref:AWS::Partition}}:iam::{{Ref:AWS::AccountId}}:role/TaskRole',
      'arn:{{Ref:AWS::Partition}}:iam::{{Ref:AWS::AccountId}}:role/service/prod-api-exec',
    ]);
    for (const p of r.policies) expect(p.text).not.toMatch(/\$\{(?!aws:PrincipalTag\/team\})/);
    expect(r.warnings).toEqual([
      'The resource `StagingRole` was left out: its condition `IsNotProd` is false.',
      'The resource `TaskRole` has no `RoleName`, so CloudFormation will generate its name; the logical id stands in for it.',
      '`AWS::Partition` is not known, so it stays as the placeholder `{{Ref:AWS::Partition}}`; give the region or partition to fill it in.',
      '`AWS::AccountId` is not known, so it stays as the placeholder `{{Ref:AWS::AccountId}}`; give the account id to fill it in.',
      '`AWS::Region` is not known, so it stays as the placeholder `{{Ref:AWS::Region}}`; give the region to fill it in.',
      'The parameter `CiAccount` has no value and no default, so it stays as the placeholder `{{Ref:CiAccount}}`; give its value to fill it in.',
      'The managed policy `arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy` of `ExecutionRole` is not defined in this template, so it was left out; add it by hand.',
      'An imported stack output is not in this template, so it stays as the placeholder `{{ImportValue:shared-kms-key-arn}}`.',
      '`AWS::URLSuffix` is not known, so it stays as the placeholder `{{Ref:AWS::URLSuffix}}`; give the region or partition to fill it in.',
      'The image `{{Ref:AWS::AccountId}}.dkr.ecr.{{Ref:AWS::Region}}.{{Ref:AWS::URLSuffix}}/team-a/api:latest` holds a placeholder, so its pull has no test.',
      'The secret `arn:{{Ref:AWS::Partition}}:secretsmanager:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:secret:prod/db-AbCdEf:password::` of container `api` holds a placeholder, so it has no test.',
    ]);
  });

  it('still parses: placeholders sit inside strings', () => {
    expect(parseErrors(r.policies)).toEqual([]);
  });
});

describe('CloudFormation conditions follow the parameters', () => {
  it('drops a statement behind Fn::If with AWS::NoValue and keeps a resource whose condition holds', () => {
    const r = ok(importAws(yaml, { accountId: '111111111111', region: 'eu-west-1', parameters: { CiAccount: '222222222222', Env: 'staging' } }));
    const repo = docs(r.policies).find((p) => p.name === 'team-a/api repository policy');
    expect(repo?.doc).toEqual({ Version: V, Statement: [{ Sid: 'CiPush', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: push }] });
    expect(r.principals?.map((p) => p.arn)).toContain('arn:aws:iam::111111111111:role/staging-debug');
    expect(docs(r.policies).find((p) => p.name === 'StagingRole trust policy')?.doc).toEqual({
      Version: V,
      Statement: [{ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' }],
    });
  });

  it('leaves an undecidable Fn::If as a placeholder', () => {
    const t = { Parameters: { Env: { Type: 'String' } }, Conditions: { P: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } }, Resources: { R: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'm', PolicyDocument: { Version: V, Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: { 'Fn::If': ['P', '*', 'arn:aws:ecr:::x'] } }] } } } } };
    const r = ok(importAws(JSON.stringify(t)));
    expect(docs(r.policies)[0].doc).toEqual({ Version: V, Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '{{If:P}}' }] });
    expect(r.warnings).toContain('The condition `P` cannot be decided from the template and parameters, so it stays as the placeholder `{{If:P}}`.');
  });

  it('warns when Fn::Sub would swallow an IAM policy variable', () => {
    const t = { Resources: { R: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'm', PolicyDocument: { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: { 'Fn::Sub': 'arn:aws:s3:::home/${aws:username}/*' } }] } } } } };
    const r = ok(importAws(JSON.stringify(t)));
    expect(docs(r.policies)[0].doc).toMatchObject({ Statement: [{ Resource: 'arn:aws:s3:::home/${aws:username}/*' }] });
    expect(r.warnings).toEqual(['`Fn::Sub` reads `${aws:username}` as a template variable and CloudFormation rejects it; write `${!aws:username}` to keep the IAM policy variable.']);
  });
});

describe('CloudFormation JSON template with users, groups and separate policy resources', () => {
  const r = ok(importAws(fixture('cfn-users.json'), { accountId: '111111111111', region: 'us-east-1' }));
  const ALICE = 'arn:aws:iam::111111111111:user/alice';
  const DEPLOY = 'arn:aws:iam::111111111111:role/payments-deploy';

  it('reads Fn::Sub, Fn::Join, Ref and Fn::GetAtt in their JSON forms', () => {
    expect(r.source).toBe('CloudFormation template with 1 role, 1 user, 3 policies');
    expect(docs(r.policies)).toEqual([
      { kind: 'identity', name: 'Developers/list-repos', doc: { Version: V, Statement: [{ Effect: 'Allow', Action: 'ecr:DescribeRepositories', Resource: '*' }] } },
      {
        kind: 'resource',
        name: 'DeployRole trust policy',
        doc: { Version: V, Statement: [{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] },
      },
      { kind: 'identity', name: 'ReadAll', doc: { Version: V, Statement: [{ Effect: 'Allow', Action: ['ecr:ListImages', 'ecr:DescribeImages'], Resource: '*' }] } },
      { kind: 'identity', name: 'push', doc: { Version: V, Statement: [{ Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:us-east-1:111111111111:repository/payments/*' }] } },
      {
        kind: 'resource',
        name: 'registry policy',
        doc: {
          Version: V,
          Statement: [
            { Sid: 'Replicate', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: ['ecr:CreateRepository', 'ecr:ReplicateImage'], Resource: 'arn:aws:ecr:us-east-1:111111111111:repository/*' },
          ],
        },
      },
    ]);
    expect(parseErrors(r.policies)).toEqual([]);
  });

  it("gives users their groups' policies and roles their RolePolicy", () => {
    expect(r.principals?.map((p) => ({ arn: p.arn, type: p.type, policies: p.policies.map((x) => x.name) }))).toEqual([
      { arn: ALICE, type: 'user', policies: ['Developers/list-repos', 'ReadAll'] },
      { arn: DEPLOY, type: 'role', policies: ['DeployRole trust policy', 'push'] },
    ]);
    expect(r.request).toEqual({ principal: DEPLOY });
    expect(r.warnings).toEqual([
      'The resource `ReadAll` has no `ManagedPolicyName`, so CloudFormation will generate its name; the logical id stands in for it.',
      '`ReadAll` is attached to the user `someone-else`, which is not in this template.',
    ]);
  });
});
