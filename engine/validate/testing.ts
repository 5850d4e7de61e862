// Helpers for the validator's and the editor helpers' tests (no test runner
// imports here, so the engine typecheck covers them too).
import type { PolicyKind } from '../types.ts';
import type { DiagnosticCode } from './codes.ts';
import type { Diagnostic, Fix, ValidateOptions } from './types.ts';
import { validatePolicy } from './validate.ts';

/** A policy text from statements, printed with two-space indent as the app does. */
export function policyText(statements: unknown[], extra: Record<string, unknown> = { Version: '2012-10-17' }): string {
  return JSON.stringify({ ...extra, Statement: statements }, null, 2);
}

/** The characters a diagnostic points at. */
export function at(text: string, d: { span: { start: number; end: number } }): string {
  return text.slice(d.span.start, d.span.end);
}

export interface Found {
  text: string;
  all: Diagnostic[];
  /** Diagnostics with this code. */
  of(code: DiagnosticCode): Diagnostic[];
  /** The one diagnostic with this code; throws when there is not exactly one. */
  one(code: DiagnosticCode): Diagnostic;
  /** Codes of all diagnostics. */
  codes(): string[];
}

export function check(text: string, kind: PolicyKind, options: ValidateOptions = {}): Found {
  const all = validatePolicy(text, kind, options);
  return {
    text,
    all,
    of: (code) => all.filter((d) => d.code === code),
    one(code) {
      const hits = all.filter((d) => d.code === code);
      if (hits.length !== 1) {
        throw new Error(`expected one ${code}, got ${hits.length}: ${all.map((d) => `${d.code}@${at(text, d)}`).join('; ')}`);
      }
      return hits[0];
    },
    codes: () => all.map((d) => d.code),
  };
}

/** The text after applying a fix's edits (they never overlap). */
export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}

/** Splits a test string at its `|` cursor marker. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
