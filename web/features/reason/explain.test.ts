import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../../engine';
import { explainMarks } from './explain';

const text = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } },
      { Sid: 'Pull', Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' },
    ],
  },
  null,
  2,
);

function marksFor(team: string) {
  const analysis = analyzeWorkspace({
    policies: [{ id: 'p1', kind: 'identity', name: 'ci', text }],
    request: { principal: 'arn:aws:iam::111111111111:role/ci', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web', context: { 'aws:PrincipalTag/team': team } },
    tests: [],
  });
  return explainMarks(analysis.result, 'p1');
}

describe('inline explain', () => {
  it('marks the statement that applies, its matching condition, and the one whose action differs', () => {
    const marks = marksFor('a');
    const statements = marks.filter((m) => m.target === 'statement');
    expect(statements.map((m) => [m.tone, m.label])).toEqual([
      ['match', '✓ applies (Allow)'],
      ['miss', '✗ Action does not match'],
    ]);
    const cond = marks.find((m) => m.target === 'condition');
    expect(cond?.tone).toBe('match');
    expect(text.slice(cond!.span.start, cond!.span.end)).toContain('aws:PrincipalTag/team');
    // The value the action matched by is marked where it is written.
    const by = marks.find((m) => m.target === 'element');
    expect(text.slice(by!.span.start, by!.span.end)).toContain('ecr:PutImage');
  });

  it('names the false condition and says why in the hover', () => {
    const marks = marksFor('b');
    const first = marks.find((m) => m.target === 'statement');
    expect(first?.label).toBe('✗ condition aws:PrincipalTag/team is false');
    expect(first?.hover).toContain('does not apply');
    const cond = marks.find((m) => m.target === 'condition');
    expect(cond?.tone).toBe('miss');
    expect(cond?.label).toBe('✗ false');
  });

  it('has no marks for a policy the result does not hold', () => {
    expect(explainMarks(null, 'p1')).toEqual([]);
    const analysis = analyzeWorkspace({ policies: [], request: { principal: 'arn:aws:iam::111111111111:role/ci', action: 'ecr:PutImage', resource: '*' }, tests: [] });
    expect(explainMarks(analysis.result, 'p1')).toEqual([]);
  });
});
