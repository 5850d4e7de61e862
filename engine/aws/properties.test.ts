// Properties of the "AWS in" readers: they never throw, whatever they are given,
// and an identity policy comes back unchanged through every wrapper AWS prints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAccount } from './account.ts';
import { parseAccessDenied } from './accessdenied.ts';
import { simulateCustomPolicyCommand, validatePolicyCommand } from './commands.ts';
import { importAws } from './detect.ts';
import { docs, ok } from './testing.ts';

const RUNS = { numRuns: 300 };

/** Keys the readers branch on, so random objects reach every reader. */
const KEYS = [
  'Statement', 'Version', 'Principal', 'policyText', 'repositoryName', 'registryId', 'Role', 'Arn', 'AssumeRolePolicyDocument', 'PermissionsBoundary',
  'PolicyDocument', 'RoleName', 'UserName', 'GroupName', 'PolicyName', 'PolicyVersion', 'Document', 'IsDefaultVersion', 'Policy', 'PolicySummary', 'Type', 'Content',
  'UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies', 'PolicyVersionList', 'GroupList', 'AttachedManagedPolicies', 'PolicyArn', 'RolePolicyList',
  'AWSTemplateFormatVersion', 'Resources', 'Parameters', 'Conditions', 'Mappings', 'Properties', 'Ref', 'Fn::Sub', 'Fn::GetAtt', 'Fn::If', 'Fn::Join', 'Fn::Select',
  'Fn::Split', 'Fn::FindInMap', 'Fn::Equals', 'Condition', 'format_version', 'planned_values', 'values', 'root_module', 'child_modules', 'resources', 'type', 'name',
  'address', 'configuration', 'module_calls', 'expressions', 'references', 'taskDefinition', 'containerDefinitions', 'image', 'secrets', 'valueFrom',
  'executionRoleArn', 'taskRoleArn', 'family', 'DecodedMessage', 'allowed', 'context', 'message', '__type', '__proto__',
];
const TYPES = ['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::User', 'AWS::ECR::Repository', 'AWS::ECS::TaskDefinition', 'aws_iam_role', 'aws_iam_policy', 'SERVICE_CONTROL_POLICY'];
const leaf = fc.oneof(fc.string(), fc.constantFrom(...TYPES), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('{}', '%7B%7D', '{"Statement":[]}', 'arn:aws:iam::111111111111:role/x'));
const awsLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('value'), { maxLength: 4 }), tie('object')),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
})).value;

// Generous timeouts: CI machines have two cores and run several test files at once.
describe('the readers never throw', { timeout: 60_000 }, () => {
  it('importAws on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
      expect(typeof importAws(s).ok).toBe('boolean');
    }), RUNS);
  });

  it('importAws on any JSON, and on JSON shaped like AWS output', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), awsLike.map((v) => JSON.stringify(v) ?? 'null')), (text) => {
        const r = importAws(text, { region: 'eu-west-1', accountId: '111111111111' });
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
        else for (const p of r.policies) expect(() => JSON.parse(p.text)).not.toThrow();
      }),
      RUNS,
    );
  });

  it('importAws on YAML-like text with CloudFormation tags', () => {
    const line = fc.tuple(fc.constantFrom('', '  ', '    '), fc.constantFrom(...KEYS), fc.constantFrom(': ', ': !Ref ', ': !Sub ', ': !GetAtt ', ': !If [', ': - ', ':'), fc.string({ maxLength: 12 }));
    fc.assert(fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
      expect(typeof importAws(lines.map((l) => l.join('')).join('\n')).ok).toBe('boolean');
    }), RUNS);
  });

  it('parseAccessDenied on any string, and on strings close to an access denied message', () => {
    const near = fc
      .tuple(fc.string(), fc.string(), fc.string(), fc.constantFrom('because no ', 'with an explicit deny in a ', 'on resource: ', ': arn:', ' transitively through a '), fc.string())
      .map(([a, b, c, d, e]) => `${a}User: ${b} is not authorized to perform: ${c} ${d}${e} policy allows the ${a} action`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), near, fc.json()), (s) => {
        const r = parseAccessDenied(s);
        if (r.ok) expect(typeof r.principal).toBe('string');
        else expect(r.error.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('loadAccount and the command builders on anything', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.string(), text: fc.oneof(fc.string(), fc.json(), awsLike.map((v) => JSON.stringify(v) ?? '')) }), { maxLength: 3 }), (files) => {
        expect(typeof loadAccount(files).ok).toBe('boolean');
      }),
      { numRuns: 150 },
    );
    const kind = fc.constantFrom('identity', 'resource', 'boundary', 'scp', 'rcp', 'session') as fc.Arbitrary<'identity'>;
    fc.assert(
      fc.property(fc.array(fc.record({ kind, name: fc.string(), text: fc.oneof(fc.string(), fc.json()) }), { maxLength: 4 }), fc.string(), fc.string(), fc.string(), (policies, principal, action, resource) => {
        const r = simulateCustomPolicyCommand({ policies, request: { principal, action, resource, context: { [action]: resource } } });
        expect(r.command.startsWith('aws iam simulate-custom-policy')).toBe(true);
        for (const p of policies) expect(validatePolicyCommand(p).command.startsWith('aws accessanalyzer validate-policy')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('an identity policy round-trips through every wrapper', { timeout: 60_000 }, () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 20 });
  const strings = fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 }));
  const statement = fc.record(
    {
      Sid: fc.stringMatching(/^[A-Za-z0-9]{0,12}$/),
      Effect: fc.constantFrom('Allow', 'Deny'),
      Action: fc.oneof(fc.constantFrom('ecr:*', 'ecr:PutImage', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']), strings),
      Resource: fc.oneof(fc.constant('*'), strings),
      Condition: fc.dictionary(fc.constantFrom('StringEquals', 'StringLike', 'ArnLike', 'Bool', 'ForAnyValue:StringEquals'), fc.dictionary(text, strings, { minKeys: 1, maxKeys: 2 }), { minKeys: 1, maxKeys: 2 }),
    },
    { requiredKeys: ['Effect', 'Action', 'Resource'] },
  );
  const policy = fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.array(statement, { minLength: 1, maxLength: 3 }) });
  const wrappers: Array<[string, (p: object) => string]> = [
    ['a policy document', (p) => JSON.stringify(p, null, 4)],
    ['a JSON string', (p) => JSON.stringify(JSON.stringify(p))],
    ['URL-encoded', (p) => encodeURIComponent(JSON.stringify(p))],
    ['get-role-policy', (p) => JSON.stringify({ RoleName: 'r', PolicyName: 'p', PolicyDocument: p })],
    ['get-role-policy, URL-encoded', (p) => JSON.stringify({ RoleName: 'r', PolicyName: 'p', PolicyDocument: encodeURIComponent(JSON.stringify(p)) })],
    ['get-role-policy, JSON string', (p) => JSON.stringify({ RoleName: 'r', PolicyName: 'p', PolicyDocument: JSON.stringify(p) })],
    ['get-user-policy, URL-encoded', (p) => JSON.stringify({ UserName: 'u', PolicyName: 'p', PolicyDocument: encodeURIComponent(JSON.stringify(p)) })],
    ['get-group-policy', (p) => JSON.stringify({ GroupName: 'g', PolicyName: 'p', PolicyDocument: p })],
    ['get-policy-version, URL-encoded', (p) => JSON.stringify({ PolicyVersion: { Document: encodeURIComponent(JSON.stringify(p)), VersionId: 'v1', IsDefaultVersion: true } })],
  ];
  it.each(wrappers)('%s', (_, wrap) => {
    fc.assert(
      fc.property(policy, (p) => {
        const r = ok(importAws(wrap(p)));
        expect(docs(r.policies).map((x) => [x.kind, x.doc])).toEqual([['identity', p]]);
      }),
      { numRuns: 100 },
    );
  });
});
