// The engine's public API. Nothing outside engine/ imports anything else from it.
// It runs unchanged in the browser and in Node: no DOM, no UI.

export type {
  PolicyKind,
  Span,
  Position,
  Range,
  Located,
  PolicyProblem,
  Effect,
  PrincipalEntry,
  PrincipalBlock,
  ConditionEntry,
  Statement,
  PolicyDocument,
  ParsedPolicy,
  ContextLookup,
} from './types.ts';

/** Parses policy text into a model whose every element keeps its source span, plus syntax errors. */
export { parsePolicy } from './policy/parse.ts';

/** Evaluates a request against its policies as AWS would: decision, deciding statements, full trace. */
export { simulate, compilePolicies } from './evaluate/simulate.ts';
export type { CompiledPolicySet, GridRequest, PolicySetInput } from './evaluate/simulate.ts';
export type {
  Decision,
  SimulationInput,
  SimulationRequest,
  SimulationResult,
  PolicyRef,
  StatementRef,
  StatementTrace,
  ElementTrace,
  ElementName,
  PolicyTrace,
  EvaluationStep,
  StageName,
  InputError,
  Refusal,
} from './evaluate/result.ts';
export type { ConditionTrace } from './conditions/evaluate.ts';
export type { ContextEntry, ContextSource } from './evaluate/context.ts';
export type { PrincipalKind } from './evaluate/principal.ts';

/** A whole workspace in one call: decision and trace, every policy's diagnostics by id, every test, acceptance. */
export { analyzeWorkspace, createWorkspaceAnalyzer } from './workspace/analyze.ts';
export type {
  AnalyzeOptions,
  PolicyAnalysis,
  TestResult,
  WorkspaceAnalysis,
  WorkspaceAnalyzer,
  WorkspaceInput,
  WorkspacePolicyInput,
  WorkspaceTestInput,
} from './workspace/analyze.ts';

/** Who can reach which repository: every principal × resource × action of an account, each equal to simulate's decision. */
export { whoCan, whoCanBatches, whoCanMatrix, whoCanRows, whoCanSimulation } from './whocan/whocan.ts';
export { DECISION_CODES, STAGE_CODES } from './whocan/types.ts';
export type { WhoCanEntry, WhoCanInput, WhoCanMatrix, WhoCanOptions, WhoCanResource, WhoCanRows } from './whocan/types.ts';

/** The kinds of policy as data: what each allows, requires and is limited to. */
export { kindInfo, isPolicyKind, defaultPolicyName, POLICY_KIND_LIST } from './policy/kinds.ts';
export type { PolicyKindInfo, PrincipalRule, ResourceRule, SizeQuota } from './policy/kinds.ts';

/** The engine's one glob matcher: IAM's `*` and `?` (optionally case-insensitive), linear time on any pattern. */
export { compileWildcard } from './match/wildcard.ts';
export type { GlobOptions } from './match/wildcard.ts';

/** The engine's one ARN splitter: the five parts before the resource, splitting on the first five colons only. */
export { parseArn } from './match/arn.ts';
export type { Arn } from './match/arn.ts';

/** Converts offsets to 1-based line/column positions and back. */
export { LineIndex } from './source/lines.ts';

/** The engine's version, recorded in share links. */
export { ENGINE_VERSION } from './version.ts';

/** Example workspaces from AWS's ECR and ECS guides and managed policies, each with requests and expected decisions. */
export { EXAMPLES, exampleWorkspace } from './examples.ts';
export type { Example, ExamplePolicy, ExampleCase } from './examples.ts';

/** AWS service knowledge: ECR, ECS and the services their guides use, in depth; every other service's action names, loaded lazily. */
export {
  arnTemplate,
  conditionKeysForAction,
  dataVersion,
  expandAction,
  getAction,
  getConditionKey,
  getResourceType,
  getService,
  globalConditionKeys,
  isKnownAction,
  isKnownServicePrefix,
  listActions,
  actionNamesFrom,
  loadAllActionNames,
  loadedServicePrefixes,
  resourceTypesForArn,
  suggestActions,
} from './catalog/index.ts';
export type {
  AccessLevel,
  ActionConditionKey,
  ActionInfo,
  ActionNames,
  ActionResourceType,
  CatalogDataVersion,
  ConditionKeyInfo,
  ConditionKeyType,
  ResourceTypeInfo,
  ServiceInfo,
} from './catalog/index.ts';

/** Condition operators as data (the editor completes them). */
export { OPERATOR_NAMES, operatorSpellings } from './conditions/index.ts';

/** Validates policy text: findings at exact spans, with quick fixes, grouped as IAM Access Analyzer groups them. */
export { validatePolicy, validateParsed, refusalsOf, isRefusal, CODES, codeInfo, isDiagnosticCode } from './validate/index.ts';
export type { Diagnostic, Fix, TextEdit, Severity, ValidateOptions, CodeInfo, DiagnosticCode, DiagnosticGroup } from './validate/index.ts';

/** Editor helpers: completion and hover as pure functions over the text and the catalog. */
export { completeAt, hoverAt } from './lang/index.ts';
export type { CompletionItem, CompletionKind, CompletionResult, Hover, EditorOptions } from './lang/index.ts';

/** Share links: a whole workspace in a URL fragment, versioned (see README, Share links). */
export { encodeShareFragment, decodeShareFragment, readShareEnvelope, checkWorkspace, SHARE_FORMAT } from './share/index.ts';
export type { Workspace, WorkspacePolicy, WorkspaceTest, ShareEnvelope, DecodeResult, EnvelopeResult } from './share/index.ts';

/** Reads AWS output (CLI, CloudFormation, Terraform) into policies, principals and ready-made requests; never throws. */
export { importAws } from './aws/index.ts';
/** Reads an access denied message (or a decoded authorization message) into principal, action, resource and reason. */
export { parseAccessDenied } from './aws/index.ts';
/** The `aws iam simulate-custom-policy` and `aws accessanalyzer validate-policy` commands for a workspace, with what AWS cannot check. */
export { simulateCustomPolicyCommand, validatePolicyCommand } from './aws/index.ts';
/** Loads one account's principals, repository policies, SCPs and RCPs for "who can reach a repository". */
export { loadAccount } from './aws/index.ts';
export type {
  AccessDeniedResult,
  AccessDeniedSuccess,
  AccountFile,
  AccountOptions,
  AccountResource,
  AccountResult,
  CommandInput,
  CommandResult,
  DeniedPolicyType,
  ImportedPolicy,
  ImportedPrincipal,
  ImportedRequest,
  ImportFormat,
  ImportOptions,
  ImportResult,
  ImportSuccess,
} from './aws/index.ts';

/** Workspace files: the share link's envelope as JSON, same versions and checks (docs/workspace-file.md). */
export { encodeWorkspaceFile, readWorkspaceFile, dataVersionLabel } from './share/index.ts';
export type { WorkspaceFileResult } from './share/index.ts';

/** Reasoning over every request a workspace's policies can tell apart: compare versions, fixes, edge cases, coverage, the full matrix (docs/partition.md). */
export { applyFixes, compareWorkspaces, coverage, edgeCases, fullMatrix, requestSpace, simulationInput, suggestFixes } from './reason/index.ts';
export type {
  BlockingStatement,
  Comparison,
  ContextDimension,
  ContextValue,
  CoverageFinding,
  CoverageFindingKind,
  CoverageResult,
  DecisionChange,
  Difference,
  EdgeCase,
  EdgeKind,
  FixResult,
  FullMatrix,
  MatrixAction,
  MatrixCell,
  PrincipalCell,
  ReasonOptions,
  Request,
  RequestSpace,
  RequestSpaceScope,
  ResourceCell,
  ScopeBound,
  StatementCoverage,
  StatementLocation,
  SuggestedFix,
  Verdict,
} from './reason/types.ts';
