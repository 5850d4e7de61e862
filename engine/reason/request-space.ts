import { buildSpace, publicSpace } from './space.ts';
import type { RequestSpace, Workspace } from './types.ts';

/** The partition of a workspace's requests: actions, resource cells, principal cells, context values, and its scope. */
export function requestSpace(workspace: Workspace): RequestSpace {
  return publicSpace(buildSpace([workspace]));
}
