// Reasoning over every request of a workspace (docs/partition.md).
export { compareWorkspaces } from './compare.ts';
export { requestSpace } from './request-space.ts';
export { simulationInput } from './evaluate.ts';
export { suggestFixes, applyFixes } from './fix.ts';
export { edgeCases } from './edge.ts';
export { coverage, fullMatrix } from './coverage.ts';
export type * from './types.ts';
