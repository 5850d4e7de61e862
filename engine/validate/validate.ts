// validatePolicy: parse once, build the shared context, run each concern's
// checks, return the findings in text order.
import { parsePolicy } from '../policy/parse';
import type { ParsedPolicy, PolicyKind } from '../types';
import { checkActions } from './actions';
import { checkConditions } from './conditions';
import { createContext } from './context';
import { checkEcs } from './ecs';
import { checkGrammar } from './grammar';
import { checkResources } from './resources';
import { checkSecurity } from './security';
import { checkSize } from './size';
import { checkCharacters, checkParseProblems } from './syntax';
import type { Diagnostic, Severity, ValidateOptions } from './types';

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
  return diagnostics.sort(
    (a, b) => a.span.start - b.span.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.span.end - b.span.end,
  );
}
