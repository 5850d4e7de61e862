/**
 * Remembers a pure function's results by string key, forgetting everything once
 * `limit` keys are held (simple, and enough: callers see the same few keys again
 * and again, such as action names, ARNs and principals of repeated requests).
 */
export function memo<T>(fn: (key: string) => T, limit = 1000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      if (cache.size >= limit) cache.clear();
      value = fn(key);
      cache.set(key, value);
    }
    return value as T;
  };
}
