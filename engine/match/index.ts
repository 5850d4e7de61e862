// Public surface of the matchers: globs, ARNs and policy variables.
export { compileWildcard, wildcardMatch, hasWildcard } from './wildcard.ts';
export type { Pattern, PatternPiece, GlobOptions } from './wildcard.ts';
export {
  parseArn,
  arnPartition,
  arnService,
  arnRegion,
  arnAccount,
  compileResourcePattern,
  compileArnLike,
} from './arn.ts';
export type { Arn } from './arn.ts';
export {
  parseTemplate,
  templateHasVariables,
  templateVariables,
  templateVariableParts,
  resolveTemplate,
  resolveTemplateToString,
} from './variables.ts';
export type {
  Template,
  TemplatePart,
  TextPart,
  EscapePart,
  VariablePart,
  TemplateOptions,
  VariableLookup,
} from './variables.ts';
