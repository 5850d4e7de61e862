import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAws } from './detect.ts';
import { parseEcrImage, secretRequest } from './ecs.ts';
import { ok } from './testing.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const EXEC = 'arn:aws:iam::111111111111:role/ecsTaskExecutionRole';
const TASK = 'arn:aws:iam::111111111111:role/service/api-task';
const API = 'arn:aws:ecr:us-east-1:111111111111:repository/prod/api';
const WORKER = 'arn:aws:ecr:eu-west-1:222222222222:repository/shared/worker';
const pulls = (repo: string, arn: string) =>
  ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'].map((action) => ({
    name: `execution role pulls \`${repo}\` (${action})`,
    principal: EXEC,
    action,
    resource: arn,
    expect: 'Allow',
  }));

describe('aws ecs describe-task-definition', () => {
  const r = ok(importAws(fixture('ecs-describe-task-definition.json')));

  it('gives the execution and task roles as principals (role ARNs: any session of the role)', () => {
    expect(r.format).toBe('ecs-task-definition');
    expect(r.source).toBe('ECS task definition `api:7`');
    expect(r.policies).toEqual([]);
    expect(r.principals).toEqual([
      { arn: EXEC, type: 'role', policies: [] },
      { arn: TASK, type: 'role', policies: [] },
    ]);
    expect(r.request).toEqual({ principal: EXEC, action: 'ecr:GetAuthorizationToken', resource: '*' });
  });

  it('gives the tests a task start needs: token, pulls of each ECR image, each secret, then the trust of each role', () => {
    expect(r.requests).toEqual([
      { name: 'execution role gets an ECR authorization token', principal: EXEC, action: 'ecr:GetAuthorizationToken', resource: '*', expect: 'Allow' },
      ...pulls('prod/api', API),
      ...pulls('shared/worker', WORKER),
      {
        name: 'execution role reads secret `arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf:password::`',
        principal: EXEC,
        action: 'secretsmanager:GetSecretValue',
        resource: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf',
        expect: 'Allow',
      },
      {
        name: 'execution role reads secret `/prod/db/host`',
        principal: EXEC,
        action: 'ssm:GetParameters',
        resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/prod/db/host',
        expect: 'Allow',
      },
      {
        name: 'execution role reads secret `arn:aws:ssm:us-east-1:111111111111:parameter/prod/api/key`',
        principal: EXEC,
        action: 'ssm:GetParameters',
        resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/prod/api/key',
        expect: 'Allow',
      },
      {
        name: 'execution role reads registry credentials `arn:aws:secretsmanager:us-east-1:111111111111:secret:dockerhub-XyZ123`',
        principal: EXEC,
        action: 'secretsmanager:GetSecretValue',
        resource: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:dockerhub-XyZ123',
        expect: 'Allow',
      },
      { name: 'ECS tasks can assume the execution role', principal: 'ecs-tasks.amazonaws.com', action: 'sts:AssumeRole', resource: EXEC, context: { 'aws:SourceAccount': '111111111111' }, expect: 'Allow' },
      { name: 'ECS tasks can assume the task role', principal: 'ecs-tasks.amazonaws.com', action: 'sts:AssumeRole', resource: TASK, context: { 'aws:SourceAccount': '111111111111' }, expect: 'Allow' },
    ]);
  });

  it('says what the tests leave out', () => {
    expect(r.warnings).toEqual([
      'A secret encrypted with a customer managed KMS key also needs `kms:Decrypt` on that key for the execution role, which these tests do not cover.',
      "The task definition names its roles but not their policies; import each role's policies (for example `aws iam get-account-authorization-details`) to run the tests.",
    ]);
  });

  it('warns when images need pulling but there is no execution role', () => {
    const r2 = ok(importAws(JSON.stringify({ family: 'x', containerDefinitions: [{ name: 'a', image: '111111111111.dkr.ecr.us-east-1.amazonaws.com/a:1' }] })));
    expect(r2.requests).toEqual([]);
    expect(r2.warnings).toEqual([
      'The task definition has no execution role: on Fargate its tasks cannot pull from ECR or read secrets, and on EC2 the container instance role does the pulls, which this import cannot see.',
    ]);
  });
});

describe('ECR image references', () => {
  it.each([
    ['111111111111.dkr.ecr.us-east-1.amazonaws.com/prod/api:1.4', { repository: 'prod/api', tag: '1.4', arn: 'arn:aws:ecr:us-east-1:111111111111:repository/prod/api' }],
    ['111111111111.dkr.ecr.us-east-1.amazonaws.com/api', { repository: 'api', arn: 'arn:aws:ecr:us-east-1:111111111111:repository/api' }],
    ['111111111111.dkr.ecr.us-east-1.amazonaws.com/a/b@sha256:abc', { repository: 'a/b', digest: 'sha256:abc', arn: 'arn:aws:ecr:us-east-1:111111111111:repository/a/b' }],
    ['111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/api:v1', { partition: 'aws-cn', arn: 'arn:aws-cn:ecr:cn-north-1:111111111111:repository/api' }],
    ['111111111111.dkr.ecr-fips.us-gov-west-1.amazonaws.com/api', { partition: 'aws-us-gov', arn: 'arn:aws-us-gov:ecr:us-gov-west-1:111111111111:repository/api' }],
    ['111111111111.dkr-ecr.eu-west-1.on.aws/api:1', { region: 'eu-west-1', arn: 'arn:aws:ecr:eu-west-1:111111111111:repository/api' }],
  ])('%s', (image, expected) => {
    expect(parseEcrImage(image)).toMatchObject(expected);
  });

  it.each([['nginx:1.27'], ['docker.io/library/nginx'], ['public.ecr.aws/nginx/nginx:latest'], ['111111111111.dkr.ecr.us-east-1.amazonaws.com/']])('%s is not a private ECR image', (image) => {
    expect(parseEcrImage(image)).toBeUndefined();
  });
});

describe('secrets', () => {
  const at = { region: 'eu-west-1', account: '111111111111' };
  it.each([
    ['arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf', 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf'],
    ['arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf:username:AWSCURRENT:', 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db-AbCdEf'],
    ['arn:aws:ssm:eu-west-1:111111111111:parameter/app/key', 'ssm:GetParameters', 'arn:aws:ssm:eu-west-1:111111111111:parameter/app/key'],
    ['app-key', 'ssm:GetParameters', 'arn:aws:ssm:eu-west-1:111111111111:parameter/app-key'],
  ])('%s', (valueFrom, action, resource) => {
    expect(secretRequest(valueFrom, at)).toEqual({ action, resource });
  });
});
