// Reasoning over every request of a workspace (docs/partition.md).
export { compareWorkspaces } from './compare.ts';
export { requestSpace } from './request-space.ts';
export { simulationInput } from './evaluate.ts';
export type * from './types.ts';
