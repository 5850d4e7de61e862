// The app's one door to engine features beyond simulate(): the validator, completion
// and hover, the service catalog and the examples, with the few adapters the UI wants.
import * as engine from '../engine';
import type { ConditionKeyInfo } from '../engine';

export { codeInfo, completeAt, getAction, getConditionKey, hoverAt, kindInfo, listActions, loadAllActionNames, validatePolicy } from '../engine';
export type { AccessLevel, ActionInfo, CodeInfo, CompletionItem, CompletionResult, ConditionKeyInfo, Diagnostic, Example, Fix, Hover, TextEdit } from '../engine';

/** Keys to offer when adding a context key: the action's keys (global ones included), or the global ones. */
export function suggestedConditionKeys(action: string): readonly ConditionKeyInfo[] {
  const own = engine.conditionKeysForAction(action);
  return own.length > 0 ? own : engine.globalConditionKeys();
}

export function getExamples(): readonly engine.Example[] {
  return engine.EXAMPLES;
}

/** The AWS service data version, as one line of text. */
export function dataVersionLabel(): string {
  const v = engine.dataVersion;
  return `${v.version} (${v.updatedAt.slice(0, 10)})`;
}

// Share links.
export { checkWorkspace, decodeShareFragment, encodeShareFragment, encodeWorkspaceFile, exampleWorkspace, readWorkspaceFile } from '../engine';
export type { Workspace } from '../engine';
