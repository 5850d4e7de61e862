import type { JsonPath } from '../types.ts';

/** `path` with one more key or index: the path of a child value. Written out, not spread: the parser calls it per value. */
export function childPath(path: JsonPath, key: string | number): JsonPath {
  const n = path.length;
  const out: (string | number)[] = new Array<string | number>(n + 1);
  for (let i = 0; i < n; i++) out[i] = path[i];
  out[n] = key;
  return out;
}
