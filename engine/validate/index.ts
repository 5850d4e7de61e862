// Public surface of the validator.

/** Validates policy text: syntax, grammar, actions, resources, conditions, security, size, ECS. */
export { validatePolicy, validateParsed, refusalsOf, isRefusal } from './validate.ts';
export type { Diagnostic, Fix, TextEdit, Severity, ValidateOptions } from './types.ts';
/** The catalog of diagnostic codes (severity, title, help), as data. */
export { CODES, codeInfo, isDiagnosticCode } from './codes.ts';
export type { CodeInfo, DiagnosticCode, DiagnosticGroup } from './codes.ts';
