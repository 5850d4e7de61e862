import { describe, it, expect } from 'vitest';
import {
  parseTemplate,
  resolveTemplate,
  resolveTemplateToString,
  templateHasVariables,
  templateVariableParts,
  templateVariables,
  type VariableLookup,
} from './variables.ts';
import { compileWildcard } from './wildcard.ts';
import { compileResourcePattern } from './arn.ts';

/** A case-insensitive lookup over a plain record, as the evaluator's context is. */
function lookupOf(values: Record<string, string[]>): VariableLookup {
  const folded = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return (key) => folded.get(key.toLowerCase());
}

const ctx = lookupOf({
  'aws:username': ['alice'],
  'aws:PrincipalTag/team': ['blue'],
  'aws:TagKeys': ['a', 'b'],
  'aws:EmptyList': [],
  'aws:EmptyString': [''],
  'aws:Star': ['te*m'],
});

describe('IAM policy elements: Variables and tags — parsing', () => {
  it('plain text is one text part', () => {
    const t = parseTemplate('arn:aws:ecr:*:1:repository/x');
    expect(t.parts).toEqual([{ kind: 'text', text: 'arn:aws:ecr:*:1:repository/x', span: { start: 0, end: 28 } }]);
    expect(templateHasVariables(t)).toBe(false);
  });
  it('the empty string has no parts', () => {
    expect(parseTemplate('').parts).toEqual([]);
  });
  it('${key} is a variable, with spans for the whole and for the key', () => {
    const t = parseTemplate('home/${aws:username}/*');
    expect(t.parts[1]).toEqual({
      kind: 'variable',
      key: 'aws:username',
      span: { start: 5, end: 20 },
      keySpan: { start: 7, end: 19 },
    });
    expect(templateVariables(t)).toEqual(['aws:username']);
    expect(templateVariableParts(t).map((p) => p.span)).toEqual([{ start: 5, end: 20 }]);
  });
  it("Specifying default values: ${key, 'default'}", () => {
    const t = parseTemplate("${aws:userid, 'anonymous'}");
    expect(t.parts).toEqual([
      {
        kind: 'variable',
        key: 'aws:userid',
        default: 'anonymous',
        span: { start: 0, end: 26 },
        keySpan: { start: 2, end: 12 },
      },
    ]);
  });
  it.each([
    ["${aws:userid,'anon'}", 'anon'],
    ["${ aws:userid ,  'anon' }", 'anon'],
    ["${aws:userid, ''}", ''],
    ["${aws:userid, 'a}b, c'}", 'a}b, c'],
    ["${aws:userid, 'has space'}", 'has space'],
  ])('default syntax %j gives default %j', (text, expected) => {
    const [part] = parseTemplate(text).parts;
    expect(part).toMatchObject({ kind: 'variable', key: 'aws:userid', default: expected });
  });
  it('Special characters: ${*}, ${?}, ${$} are escapes', () => {
    const t = parseTemplate('a${*}b${?}c${$}d');
    expect(t.parts.map((p) => p.kind)).toEqual(['text', 'escape', 'text', 'escape', 'text', 'escape', 'text']);
    expect(templateHasVariables(t)).toBe(false);
    expect(templateVariables(t)).toEqual([]);
  });
  it('a ${ without a closing } is literal text', () => {
    const t = parseTemplate('abc${aws:username');
    expect(t.parts).toEqual([{ kind: 'text', text: 'abc${aws:username', span: { start: 0, end: 17 } }]);
    expect(t.malformed).toEqual([]);
  });
  it.each(['${}', '${ }', "${a, b}", "${a, 'b}", "${a, 'b' x}"])('malformed %j stays text and is reported', (text) => {
    const t = parseTemplate(text);
    expect(templateHasVariables(t)).toBe(false);
    expect(t.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('')).toBe(text);
    expect(t.malformed.length).toBe(1);
    expect(t.malformed[0].start).toBe(0);
  });
  it('a key cannot contain ${: "${a${b}" is text then ${b}', () => {
    const t = parseTemplate('${a${b}');
    expect(t.parts).toEqual([
      { kind: 'text', text: '${a', span: { start: 0, end: 3 } },
      { kind: 'variable', key: 'b', span: { start: 3, end: 7 }, keySpan: { start: 5, end: 6 } },
    ]);
  });
  it('a lone $ and a { are text', () => {
    const t = parseTemplate('$a{b}$');
    expect(t.parts).toEqual([{ kind: 'text', text: '$a{b}$', span: { start: 0, end: 6 } }]);
  });
  it('templateVariables lists each key once, case-insensitively', () => {
    const t = parseTemplate('${aws:username}-${AWS:UserName}-${aws:PrincipalTag/team}');
    expect(templateVariables(t)).toEqual(['aws:username', 'aws:PrincipalTag/team']);
    expect(templateVariableParts(t)).toHaveLength(3);
  });
  it('tag keys with spaces are allowed in a key', () => {
    expect(templateVariables(parseTemplate('${aws:PrincipalTag/cost center}'))).toEqual(['aws:PrincipalTag/cost center']);
  });
});

describe('IAM JSON policy elements: Version — 2008-10-17 does not support policy variables', () => {
  it('${...} is plain text when variables are off', () => {
    const t = parseTemplate('home/${aws:username}/${*}', { variables: false });
    expect(templateHasVariables(t)).toBe(false);
    expect(t.parts).toEqual([{ kind: 'text', text: 'home/${aws:username}/${*}', span: { start: 0, end: 25 } }]);
    expect(resolveTemplateToString(t, ctx)).toBe('home/${aws:username}/${*}');
  });
  it('so the * inside ${*} stays a wildcard', () => {
    const pieces = resolveTemplate(parseTemplate('a${*}', { variables: false }), ctx);
    expect(pieces).toBeDefined();
    const m = compileWildcard(pieces ?? []);
    expect(m('a${xyz}')).toBe(true);
    expect(m('a*')).toBe(false);
  });
});

describe('IAM policy elements: Variables and tags — resolving', () => {
  it('substitutes a single-valued key; the policy text keeps its wildcards', () => {
    const pieces = resolveTemplate(parseTemplate('arn:aws:ecr:*:1:repository/${aws:username}/*'), ctx);
    expect(pieces).toEqual([
      { text: 'arn:aws:ecr:*:1:repository/', literal: false },
      { text: 'alice', literal: true },
      { text: '/*', literal: false },
    ]);
  });
  it('key lookup uses the key as written (the lookup folds case)', () => {
    expect(resolveTemplateToString(parseTemplate('${AWS:USERNAME}'), ctx)).toBe('alice');
    expect(resolveTemplateToString(parseTemplate('${aws:principaltag/TEAM}'), ctx)).toBe('blue');
  });
  it('a substituted value is literal: its * is not a wildcard', () => {
    const pieces = resolveTemplate(parseTemplate('${aws:Star}'), ctx) ?? [];
    expect(compileWildcard(pieces)('te*m')).toBe(true);
    expect(compileWildcard(pieces)('team')).toBe(false);
  });
  it('escapes resolve to literal characters', () => {
    const pieces = resolveTemplate(parseTemplate('a${*}b${?}${$}'), ctx) ?? [];
    expect(pieces).toEqual([
      { text: 'a', literal: false },
      { text: '*', literal: true },
      { text: 'b', literal: false },
      { text: '?$', literal: true },
    ]);
    expect(compileWildcard(pieces)('a*b?$')).toBe(true);
    expect(compileWildcard(pieces)('axbx$')).toBe(false);
    expect(resolveTemplateToString(parseTemplate('a${*}b${?}${$}'), ctx)).toBe('a*b?$');
  });
  it('Policy variables with no value: a missing key makes the whole template unresolvable', () => {
    expect(resolveTemplate(parseTemplate('x/${aws:TokenIssueTime}'), ctx)).toBeUndefined();
    expect(resolveTemplateToString(parseTemplate('x/${aws:TokenIssueTime}'), ctx)).toBeUndefined();
  });
  it('an empty value list counts as missing', () => {
    expect(resolveTemplateToString(parseTemplate('${aws:EmptyList}'), ctx)).toBeUndefined();
    expect(resolveTemplateToString(parseTemplate("${aws:EmptyList, 'd'}"), ctx)).toBe('d');
  });
  it('an empty string value is a value', () => {
    expect(resolveTemplateToString(parseTemplate("x${aws:EmptyString, 'd'}y"), ctx)).toBe('xy');
  });
  it('Specifying default values: a missing key uses its default (literal)', () => {
    const t = parseTemplate("arn:aws:s3:::bucket/${aws:userid, 'anon*'}");
    expect(resolveTemplateToString(t, ctx)).toBe('arn:aws:s3:::bucket/anon*');
    expect(resolveTemplate(t, ctx)).toEqual([
      { text: 'arn:aws:s3:::bucket/', literal: false },
      { text: 'anon*', literal: true },
    ]);
  });
  it('a present key ignores its default', () => {
    expect(resolveTemplateToString(parseTemplate("${aws:username, 'anon'}"), ctx)).toBe('alice');
  });
  it('Single-valued vs. multivalued context keys: a multivalued key cannot be a variable (default applies)', () => {
    expect(resolveTemplateToString(parseTemplate('${aws:TagKeys}'), ctx)).toBeUndefined();
    expect(resolveTemplateToString(parseTemplate("${aws:TagKeys, 'none'}"), ctx)).toBe('none');
  });
  it('a template without variables resolves without context', () => {
    const none: VariableLookup = () => undefined;
    expect(resolveTemplate(parseTemplate('a*'), none)).toEqual([{ text: 'a*', literal: false }]);
    expect(resolveTemplate(parseTemplate(''), none)).toEqual([]);
    expect(resolveTemplateToString(parseTemplate(''), none)).toBe('');
  });
  it('IAM JSON policy elements: Resource — variables in the resource part feed the resource matcher', () => {
    const t = parseTemplate('arn:aws:ecr:us-east-1:123456789012:repository/${aws:PrincipalTag/team}/*');
    const m = compileResourcePattern(resolveTemplate(t, ctx) ?? []);
    expect(m('arn:aws:ecr:us-east-1:123456789012:repository/blue/api')).toBe(true);
    expect(m('arn:aws:ecr:us-east-1:123456789012:repository/red/api')).toBe(false);
  });
});
