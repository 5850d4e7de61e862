// "AWS in" and "AWS out": reading what AWS prints, and the AWS CLI commands that check a workspace.
export { importAws } from './detect.ts';
export { parseAccessDenied } from './accessdenied.ts';
export { simulateCustomPolicyCommand, validatePolicyCommand, shellQuote } from './commands.ts';
export { loadAccount } from './account.ts';
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
} from './types.ts';
