// Syntax: the parser's problems (strict JSON, element types, unknown elements,
// Effect, Version, Principal shape) as diagnostics, and the character set IAM
// accepts in a policy document.
import { kindInfo } from '../policy/kinds.ts';
import type { ValidationContext } from './context.ts';
import { isDiagnosticCode } from './codes.ts';

/** Parser problems keep their code; the catalog gives the severity. */
export function checkParseProblems(ctx: ValidationContext): void {
  for (const p of ctx.parsed.errors) {
    // INVARIANT: every parser code is in the catalog (a test checks it).
    if (isDiagnosticCode(p.code)) ctx.report(p.code, p.span, p.message);
  }
}

// IAM quotas: "Policy documents can contain only the following Unicode
// characters: horizontal tab, linefeed, carriage return, and characters in
// the range U+0020 to U+00FF." Repository policies are stored by ECR, which
// does not state such a rule, so they are not checked.
function allowed(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xff);
}

const MAX_CHARACTER_FINDINGS = 5;
const OUTSIDE_IAM_CHARACTERS = /[^\t\n\r\x20-\xff]/;

export function checkCharacters(ctx: ValidationContext): void {
  if (!kindInfo(ctx.kind).iamCharacters && ctx.flavor !== 'trust') return;
  const text = ctx.text;
  // The common case, checked natively: every character is allowed.
  if (!OUTSIDE_IAM_CHARACTERS.test(text)) return;
  let found = 0;
  for (let i = 0; i < text.length && found < MAX_CHARACTER_FINDINGS; i++) {
    const c = text.charCodeAt(i);
    if (allowed(c)) continue;
    // A surrogate pair is one character to the person typing.
    const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const end = wide ? i + 2 : i + 1;
    const shown = text.slice(i, end);
    const hex = (shown.codePointAt(0) ?? c).toString(16).toUpperCase().padStart(4, '0');
    ctx.report(
      'character-invalid',
      { start: i, end },
      `IAM does not accept the character \`${shown}\` (U+${hex}) in a policy; replace it with plain ASCII text.`,
    );
    found++;
    i = end - 1;
  }
}
