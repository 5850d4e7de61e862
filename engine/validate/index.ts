// Public surface of the validator.

/** Validates policy text: syntax, grammar, actions, resources, conditions, security, size, ECS. */
export { validatePolicy, validateParsed } from './validate';
export type { Diagnostic, Fix, TextEdit, Severity, ValidateOptions } from './types';
/** The catalog of diagnostic codes (severity, title, help), as data. */
export { CODES, codeInfo, isDiagnosticCode } from './codes';
export type { CodeInfo, DiagnosticCode, DiagnosticGroup } from './codes';
