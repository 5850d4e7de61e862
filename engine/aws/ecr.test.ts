import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAws } from './detect.ts';
import { allPretty, docs, ok, parseErrors } from './testing.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('aws ecr get-repository-policy', () => {
  const text = fixture('ecr-get-repository-policy.json');
  const policy = JSON.parse(JSON.parse(text).policyText);

  it('gives the repository policy and the repository ARN, with the assumed region as a warning', () => {
    const r = ok(importAws(text));
    expect(r.format).toBe('ecr-repository-policy');
    expect(r.source).toBe('ECR repository policy of `prod/api` in 111111111111');
    expect(docs(r.policies)).toEqual([{ kind: 'resource', name: 'prod/api repository policy', doc: policy }]);
    expect(r.request).toEqual({ resource: 'arn:aws:ecr:us-east-1:111111111111:repository/prod/api' });
    expect(r.warnings).toEqual([
      'The output does not say the region, so `us-east-1` was assumed for the repository ARN; give the region to change it.',
    ]);
    expect(parseErrors(r.policies)).toEqual([]);
    expect(allPretty(r.policies)).toBe(true);
  });

  it('takes the region (and its partition) from the options, without a warning', () => {
    const r = ok(importAws(text, { region: 'cn-north-1' }));
    expect(r.request).toEqual({ resource: 'arn:aws-cn:ecr:cn-north-1:111111111111:repository/prod/api' });
    expect(r.warnings).toEqual([]);
  });

  it('says which field is broken when policyText is not JSON', () => {
    const r = importAws(JSON.stringify({ registryId: '111111111111', repositoryName: 'x', policyText: '{"Version": ' }));
    expect(r).toEqual({ ok: false, error: '`policyText` of this `aws ecr get-repository-policy` output is a string that is not JSON.' });
  });
});

describe('aws ecr get-registry-policy', () => {
  it('gives the registry policy as a resource policy named "registry policy"', () => {
    const text = fixture('ecr-get-registry-policy.json');
    const r = ok(importAws(text));
    expect(r.format).toBe('ecr-registry-policy');
    expect(r.source).toBe('ECR registry policy of 111111111111');
    expect(docs(r.policies)).toEqual([{ kind: 'resource', name: 'registry policy', doc: JSON.parse(JSON.parse(text).policyText) }]);
    expect(r.warnings).toEqual([]);
    expect(r.request).toBeUndefined();
    expect(parseErrors(r.policies)).toEqual([]);
  });
});
