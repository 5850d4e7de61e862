// Coverage, edge cases, the matrix and the fix follow the workspace: while their panel is
// open, a job runs shortly after each change (the previous one, if still running, is replaced).
import { useEffect } from 'react';
import { useApp } from '../../store';
import { runFix, runOnCurrent } from './store';

const SETTLE_MS = 250;

export function useAutoRun(kind: 'coverage' | 'edges' | 'matrix' | 'fix'): void {
  const policies = useApp((s) => s.policies);
  const request = useApp((s) => s.request);
  const tests = useApp((s) => s.tests);
  const stale = useApp((s) => s.stale);
  useEffect(() => {
    // Half-typed JSON: wait for a text that parses.
    if (stale) return;
    const t = setTimeout(() => (kind === 'fix' ? runFix() : runOnCurrent(kind)), SETTLE_MS);
    return () => clearTimeout(t);
  }, [kind, policies, request, tests, stale]);
}
