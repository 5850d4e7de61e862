// Size: each kind of policy has a quota, counted as AWS counts it. IAM does
// not count whitespace (outside string values) for managed, inline and trust
// policies; the API length limits of repository policies and session
// policies, and the Organizations limit for SCPs and RCPs, count every
// character.
import { kindInfo, RESOURCE_POLICY_QUOTAS, type SizeQuota } from '../policy/kinds.ts';
import type { ValidationContext } from './context.ts';

function quotaFor(ctx: ValidationContext): SizeQuota | undefined {
  if (ctx.flavor === 'repository' || ctx.flavor === 'trust') return RESOURCE_POLICY_QUOTAS[ctx.flavor];
  return kindInfo(ctx.kind).quota;
}

/**
 * Characters counted toward the quota, and the offset of the one that takes
 * the count past `limit` (-1 when it stays within).
 */
export function measure(text: string, countWhitespace: boolean, limit: number): { size: number; overflow: number } {
  if (countWhitespace) return { size: text.length, overflow: text.length > limit ? limit : -1 };
  let size = 0;
  let overflow = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // Whitespace inside a string value is part of the value and counts.
      size++;
      if (c === 92 /* \ */) {
        i++;
        size++;
      } else if (c === 34 /* " */) inString = false;
    } else if (c === 32 || c === 9 || c === 10 || c === 13) {
      continue;
    } else {
      size++;
      if (c === 34) inString = true;
    }
    if (overflow < 0 && size > limit) overflow = i;
  }
  return { size, overflow };
}

/** 12345 as `12,345`, independent of the runtime's locale. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function checkSize(ctx: ValidationContext): void {
  const quota = quotaFor(ctx);
  if (!quota) return;
  const text = ctx.text;
  // Fewer characters than the quota in all: within it, whatever the whitespace.
  if (text.length <= quota.limit) return;
  const hard = quota.hardLimit ?? quota.limit;
  const { size, overflow: overHard } = measure(text, quota.countWhitespace, hard);
  if (overHard >= 0) {
    ctx.report(
      'policy-too-large',
      { start: overHard, end: overHard + 1 },
      `This policy has ${thousands(size)} characters, over ${quota.hardLimit ? `the ${thousands(hard)}-character maximum of a role trust policy` : quota.what}; AWS refuses it, so split it or shorten it (wildcards such as \`ecr:Describe*\` help).`,
    );
    return;
  }
  if (!quota.hardLimit) return;
  const { size: counted, overflow: over } = measure(text, quota.countWhitespace, quota.limit);
  if (over >= 0) {
    ctx.report(
      'policy-size-adjustable',
      { start: over, end: over + 1 },
      `This policy has ${thousands(counted)} characters, over ${quota.what}; shorten it or ask for a quota increase (up to ${thousands(hard)}).`,
    );
  }
}
