// validatePolicy: parse once, build the shared context, run each concern's
// checks, return the findings in text order.
import { outsideBudget } from '../match/budget.ts';
import { parsePolicy } from '../policy/parse.ts';
import type { ParsedPolicy, PolicyKind } from '../types.ts';
import { checkActions, checkActionSyntax } from './actions.ts';
import { checkConditions, checkOperatorNames } from './conditions.ts';
import { createContext } from './context.ts';
import { checkEcs } from './ecs.ts';
import { checkGrammar } from './grammar.ts';
import { checkArnSyntax, checkResources } from './resources.ts';
import { checkSecurity } from './security.ts';
import { checkSize } from './size.ts';
import { checkCharacters, checkParseProblems } from './syntax.ts';
import { CODES } from './codes.ts';
import type { Diagnostic, Severity, ValidateOptions } from './types.ts';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, security: 1, warning: 2, suggestion: 3 };

/**
 * Every problem in a policy, each at the exact characters it is about, with a
 * quick fix where one is obvious. Never throws; fast enough for every keystroke.
 */
export function validatePolicy(text: string, kind: PolicyKind, options: ValidateOptions = {}): Diagnostic[] {
  return validateParsed(parsePolicy(text, kind), options);
}

/** `validatePolicy` for a policy already parsed with `parsePolicy`. */
export function validateParsed(parsed: ParsedPolicy, options: ValidateOptions = {}): Diagnostic[] {
  return outsideBudget(() => validateWithin(parsed, options));
}

function validateWithin(parsed: ParsedPolicy, options: ValidateOptions): Diagnostic[] {
  const { ctx, diagnostics } = createContext(parsed, options);
  checkParseProblems(ctx);
  checkCharacters(ctx);
  if (ctx.policy) {
    checkGrammar(ctx);
    checkActions(ctx);
    checkResources(ctx);
    checkConditions(ctx);
    checkSecurity(ctx);
    checkEcs(ctx);
    checkSize(ctx);
  }
  return capped(inTextOrder(diagnostics));
}

/** Findings listed per policy: hostile text can yield hundreds of thousands, and none helps past this. */
export const MAX_DIAGNOSTICS = 1000;

/** The first `MAX_DIAGNOSTICS` findings in text order, then one entry saying how many more there are. */
function capped(sorted: Diagnostic[]): Diagnostic[] {
  if (sorted.length <= MAX_DIAGNOSTICS) return sorted;
  const rest = sorted.length - MAX_DIAGNOSTICS;
  const first = sorted[MAX_DIAGNOSTICS];
  const kept = sorted.slice(0, MAX_DIAGNOSTICS);
  kept.push({
    code: 'diagnostics-truncated',
    severity: CODES['diagnostics-truncated'].severity,
    message: `… and ${rest} more finding${rest === 1 ? '' : 's'} from here on; fix the ones above and validate again to see them.`,
    span: first.span,
    range: first.range,
  });
  return kept;
}

function inTextOrder(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.span.start - b.span.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.span.end - b.span.end,
  );
}

/** Whether AWS would refuse to save a policy with this finding (the code catalog says). */
export function isRefusal(d: Diagnostic): boolean {
  return CODES[d.code].refuses;
}

/**
 * The findings for which AWS would refuse the policy as written, in text order: the same
 * as `validateParsed(...).filter(isRefusal)` (a property test holds them equal), from only
 * the checks that can report a refusing code, which read the text alone.
 */
export function refusalsOf(parsed: ParsedPolicy, options: ValidateOptions = {}): Diagnostic[] {
  return outsideBudget(() => refusalsWithin(parsed, options));
}

function refusalsWithin(parsed: ParsedPolicy, options: ValidateOptions): Diagnostic[] {
  const { ctx, diagnostics } = createContext(parsed, options, true);
  checkParseProblems(ctx);
  checkCharacters(ctx);
  if (ctx.policy) {
    checkGrammar(ctx);
    checkActionSyntax(ctx);
    checkArnSyntax(ctx);
    checkOperatorNames(ctx);
    checkSize(ctx);
  }
  const refusals = inTextOrder(diagnostics.filter(isRefusal));
  // Same cap as validateParsed; the "more" entry is not a refusal, so it is left out here.
  return refusals.length > MAX_DIAGNOSTICS ? refusals.slice(0, MAX_DIAGNOSTICS) : refusals;
}
