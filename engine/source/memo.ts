/**
 * Remembers a pure function's results by string key, within a budget: each entry
 * weighs `weigh(key)` (1 by default, so the budget counts entries; callers whose
 * values grow with the key, such as compiled wildcards, weigh by length so that
 * memory stays bounded by bytes, not by count).
 *
 * Two generations instead of one map that is cleared when full: when the young one
 * reaches half the budget it becomes the old one, and a key found in the old one
 * moves back to the young. Keys in use survive every turnover, so a workload just
 * over the budget never falls off a cliff where everything misses at once. An entry
 * heavier than half the budget is computed but not kept.
 */
export function memo<T>(fn: (key: string) => T, budget = 1000, weigh: (key: string) => number = unit): (key: string) => T {
  const half = budget / 2;
  let young = new Map<string, T>();
  let old = new Map<string, T>();
  let youngWeight = 0;
  const keep = (key: string, value: T, weight: number): void => {
    if (youngWeight + weight > half) {
      old = young;
      young = new Map();
      youngWeight = 0;
    }
    young.set(key, value);
    youngWeight += weight;
  };
  return (key) => {
    const hit = young.get(key);
    if (hit !== undefined || young.has(key)) return hit as T;
    const weight = weigh(key);
    if (old.has(key)) {
      const value = old.get(key) as T;
      old.delete(key);
      if (weight <= half) keep(key, value, weight);
      return value;
    }
    const value = fn(key);
    if (weight <= half) keep(key, value, weight);
    return value;
  };
}

const unit = (): number => 1;

/**
 * Weight of a compiled pattern: a fixed overhead plus its length, times the bytes a
 * compiled chunk keeps per character (Shift-And masks, runs, the source text).
 */
export const patternWeight = (key: string): number => 256 + key.length * 48;
