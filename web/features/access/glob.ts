// Globs for names the person types: `*` any run of characters (slashes too), `?` one
// character, case-insensitive, anchored at both ends: the engine's matcher.
import { compileWildcard } from '../../../engine';

/** Compiles a glob to a predicate; an empty or blank glob matches everything. */
export function globMatcher(glob: string | undefined): (text: string) => boolean {
  const g = (glob ?? '').trim();
  if (g === '' || g === '*') return () => true;
  if (!/[*?]/.test(g)) {
    const lower = g.toLowerCase();
    return (text) => text.toLowerCase() === lower;
  }
  return compileWildcard(g, { ignoreCase: true });
}

/** True when the glob restricts nothing. */
export function isOpenGlob(glob: string | undefined): boolean {
  const g = (glob ?? '').trim();
  return g === '' || g === '*';
}
