// Size: each kind of policy has a quota, counted as AWS counts it. IAM does
// not count whitespace (outside string values) for managed, inline and trust
// policies; the API length limits of repository policies and session
// policies, and the Organizations limit for SCPs and RCPs, count every
// character.
import type { ValidationContext } from './context.ts';

interface Quota {
  limit: number;
  countWhitespace: boolean;
  what: string;
  /** A quota AWS raises on request, up to `hardLimit`. */
  hardLimit?: number;
}

function quotaFor(ctx: ValidationContext): Quota | undefined {
  switch (ctx.kind) {
    case 'identity':
      return { limit: 6144, countWhitespace: false, what: 'the 6,144-character quota of a managed policy (whitespace not counted)' };
    case 'boundary':
      return { limit: 6144, countWhitespace: false, what: 'the 6,144-character quota of the managed policy a boundary is (whitespace not counted)' };
    case 'session':
      return { limit: 2048, countWhitespace: true, what: 'the 2,048-character limit of a session policy' };
    case 'scp':
      return { limit: 5120, countWhitespace: true, what: 'the 5,120-character limit of a service control policy (whitespace counted)' };
    case 'rcp':
      return { limit: 5120, countWhitespace: true, what: 'the 5,120-character limit of a resource control policy (whitespace counted)' };
    case 'resource':
      if (ctx.flavor === 'repository') {
        return { limit: 10240, countWhitespace: true, what: 'the 10,240-character limit of an ECR repository policy' };
      }
      if (ctx.flavor === 'trust') {
        return {
          limit: 2048,
          hardLimit: 4096,
          countWhitespace: false,
          what: 'the default 2,048-character quota of a role trust policy (whitespace not counted)',
        };
      }
      return undefined;
  }
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
  const over = measure(text, quota.countWhitespace, quota.limit).overflow;
  if (over >= 0) {
    ctx.report(
      'policy-size-adjustable',
      { start: over, end: over + 1 },
      `This policy has ${thousands(size)} characters, over ${quota.what}; shorten it or ask for a quota increase (up to ${thousands(hard)}).`,
    );
  }
}
