// `aws ecr get-repository-policy` and `aws ecr get-registry-policy` output:
// `{registryId, repositoryName, policyText}` and `{registryId, policyText}`,
// the policy as an escaped JSON string. Neither says the region.
import { code, decodeDocument, partitionOf, pretty, str, type JsonObject } from './text.ts';
import type { ImportOptions, ImportResult } from './types.ts';

export const DEFAULT_REGION = 'us-east-1';

/** The region and partition to build ARNs with, and the warning when the region was assumed. */
export function placeFor(options: { region?: string; partition?: string }, warnings: string[], what: string) {
  const region = options.region ?? DEFAULT_REGION;
  if (!options.region) {
    warnings.push(`The output does not say the region, so \`${DEFAULT_REGION}\` was assumed for ${what}; give the region to change it.`);
  }
  return { region, partition: options.partition ?? partitionOf(region) };
}

/** `arn:<partition>:ecr:<region>:<account>:repository/<name>`. */
export function repositoryArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:ecr:${region}:${account}:repository/${name}`;
}

export function fromRepositoryPolicy(o: JsonObject, options: ImportOptions): ImportResult {
  const name = str(o, 'repositoryName') ?? '';
  const registry = str(o, 'registryId') ?? options.accountId;
  const doc = decodeDocument(o.policyText);
  if (!doc.ok) return { ok: false, error: `\`policyText\` of this \`aws ecr get-repository-policy\` output ${doc.error}.` };
  const warnings: string[] = [];
  const request: { resource?: string } = {};
  if (registry && name) {
    const { region, partition } = placeFor(options, warnings, 'the repository ARN');
    request.resource = repositoryArn(partition, region, registry, name);
  } else {
    warnings.push('The output names no registry, so the repository ARN is left for you to fill in.');
  }
  return {
    ok: true,
    format: 'ecr-repository-policy',
    source: `ECR repository policy of ${code(name)}${registry ? ` in ${registry}` : ''}`,
    policies: [{ kind: 'resource', name: `${name} repository policy`, text: pretty(doc.value) }],
    request,
    warnings,
  };
}

export function fromRegistryPolicy(o: JsonObject): ImportResult {
  const registry = str(o, 'registryId');
  const doc = decodeDocument(o.policyText);
  if (!doc.ok) return { ok: false, error: `\`policyText\` of this \`aws ecr get-registry-policy\` output ${doc.error}.` };
  return {
    ok: true,
    format: 'ecr-registry-policy',
    source: `ECR registry policy${registry ? ` of ${registry}` : ''}`,
    policies: [{ kind: 'resource', name: 'registry policy', text: pretty(doc.value) }],
    warnings: [],
  };
}
