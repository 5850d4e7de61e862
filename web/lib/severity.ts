// The order findings are listed and drawn in: the most serious first.
import type { Diagnostic } from '../../engine';

export const SEVERITY_ORDER: readonly Diagnostic['severity'][] = ['error', 'security', 'warning', 'suggestion'];

/** Sorts the more serious finding first. */
export function bySeverity(a: Pick<Diagnostic, 'severity'>, b: Pick<Diagnostic, 'severity'>): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
}
