// Timing helpers shared by the benches: figures are medians of rounds, never a single run.

export function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Milliseconds per call of `fn`, averaged over at least `minMs`. */
export function perCall(fn: () => void, minMs = 300): number {
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < minMs) {
    fn();
    calls++;
    now = performance.now();
  }
  return (now - start) / calls;
}

/** Milliseconds one call of `fn` takes. */
export function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** The median of `runs` single calls of `fn`, in milliseconds. */
export function medianOf(fn: () => void, runs: number): number {
  return median(Array.from({ length: runs }, () => timed(fn)));
}
