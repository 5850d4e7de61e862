// The import dialog's reading of its text: here for a short text (in the same render, as
// it always was), in the analysis worker for a long one, so that a 5 MB template, which
// takes seconds to read, never freezes the page. While the worker reads, the last
// analysis stays, marked pending.
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { ImportOptions } from '../../../engine';
import { analyzeInputOffThread } from '../analysis/client';
import { analyzeInput, type InputAnalysis } from './analyze';

/** Texts longer than this are read in the worker: a 200 KB template reads in about 100 ms. */
export const OFF_THREAD_IMPORT_CHARS = 200_000;

export function useInputAnalysis(text: string, options: ImportOptions): { analysis: InputAnalysis; pending: boolean } {
  const deferred = useDeferredValue(text);
  const long = deferred.length > OFF_THREAD_IMPORT_CHARS;
  const here = useMemo(() => (long ? null : analyzeInput(deferred, options)), [long, deferred, options]);
  const [away, setAway] = useState<{ text: string; options: ImportOptions; analysis: InputAnalysis } | null>(null);
  useEffect(() => {
    if (!long) return;
    let current = true;
    void analyzeInputOffThread(deferred, options).then((outcome) => {
      if (!current || outcome.status === 'cancelled') return;
      // The worker could not read it: slow but right, here.
      setAway({ text: deferred, options, analysis: outcome.status === 'done' ? outcome.result : analyzeInput(deferred, options) });
    });
    return () => {
      current = false;
    };
  }, [long, deferred, options]);
  if (here) return { analysis: here, pending: deferred !== text };
  const fresh = away !== null && away.text === deferred && away.options === options;
  return { analysis: away?.analysis ?? { kind: 'empty' }, pending: !fresh || deferred !== text };
}
