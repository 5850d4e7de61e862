import { describe, expect, it } from 'vitest';
import { OPERATORS, OPERATOR_NAMES, operatorProblem, operatorSpellings, parseOperator } from './operators.ts';

describe('operator table', () => {
  it('lists all 27 IAM condition operators once', () => {
    expect(OPERATOR_NAMES).toHaveLength(27);
    expect(new Set(OPERATOR_NAMES).size).toBe(27);
  });
  it('marks exactly the NOT forms as negated', () => {
    const negated = OPERATORS.filter((d) => d.negated).map((d) => d.name).sort();
    expect(negated).toEqual(
      ['ArnNotEquals', 'ArnNotLike', 'DateNotEquals', 'NotIpAddress', 'NumericNotEquals', 'StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike'].sort(),
    );
  });
  it('allows policy variables for string, Boolean and ARN operators only (Condition operators page)', () => {
    for (const d of OPERATORS) expect(d.variables, d.name).toBe(d.valueType === 'String' || d.valueType === 'Bool' || d.valueType === 'ARN');
  });
  it('gives every operator but Null an IfExists form', () => {
    for (const d of OPERATORS) expect(d.ifExistsAllowed, d.name).toBe(d.name !== 'Null');
  });
});

describe('parseOperator', () => {
  it('parses the base operator', () => {
    expect(parseOperator('StringEquals')).toMatchObject({ base: { name: 'StringEquals' }, set: undefined, ifExists: false });
  });
  it('parses the IfExists suffix', () => {
    expect(parseOperator('NumericLessThanIfExists')).toMatchObject({ base: { name: 'NumericLessThan' }, ifExists: true });
  });
  it('parses ForAllValues: and ForAnyValue: with IfExists', () => {
    expect(parseOperator('ForAllValues:StringLike')).toMatchObject({ base: { name: 'StringLike' }, set: 'ForAllValues', ifExists: false });
    expect(parseOperator('ForAnyValue:ArnNotLikeIfExists')).toMatchObject({ base: { name: 'ArnNotLike' }, set: 'ForAnyValue', ifExists: true });
  });
  it('is case-sensitive, as IAM is ("Invalid Condition type : stringEquals")', () => {
    expect(parseOperator('stringEquals')).toBeUndefined();
    expect(parseOperator('forallvalues:StringEquals')).toBeUndefined();
    expect(parseOperator('StringEqualsifexists')).toBeUndefined();
    expect(operatorProblem('forAnyValue:stringlikeIfExists')).toContain('`ForAnyValue:StringLikeIfExists`');
  });
  it('refuses NullIfExists and set-qualified Null', () => {
    expect(parseOperator('NullIfExists')).toBeUndefined();
    expect(parseOperator('ForAllValues:Null')).toBeUndefined();
    expect(operatorProblem('NullIfExists')).toMatch(/no IfExists form/);
    expect(operatorProblem('ForAnyValue:Null')).toMatch(/cannot take/);
  });
  it('explains unknown operators and qualifiers', () => {
    expect(operatorProblem('StringEqualz')).toBe('`StringEqualz` is not an IAM condition operator.');
    expect(operatorProblem('ForEach:StringEquals')).toMatch(/not a set qualifier/);
    expect(operatorProblem('')).toMatch(/empty/);
    expect(operatorProblem('IfExists')).toMatch(/not an IAM condition operator/);
    expect(operatorProblem('StringEquals')).toBeUndefined();
  });
  it('accepts every spelling it offers for completion', () => {
    const all = operatorSpellings();
    expect(all.length).toBe(26 * 2 * 3 + 1);
    for (const s of all) expect(parseOperator(s), s).toBeDefined();
  });
});
