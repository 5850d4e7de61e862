// Public surface of the matchers: globs, ARNs and policy variables.
export { compileWildcard, wildcardMatch, hasWildcard } from './wildcard';
export type { Pattern, PatternPiece, GlobOptions } from './wildcard';
export {
  parseArn,
  arnPartition,
  arnService,
  arnRegion,
  arnAccount,
  compileResourcePattern,
  compileArnLike,
} from './arn';
export type { Arn } from './arn';
export {
  parseTemplate,
  templateHasVariables,
  templateVariables,
  templateVariableParts,
  resolveTemplate,
  resolveTemplateToString,
} from './variables';
export type {
  Template,
  TemplatePart,
  TextPart,
  EscapePart,
  VariablePart,
  TemplateOptions,
  VariableLookup,
} from './variables';
