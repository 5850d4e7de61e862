import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicy, parsePolicyGeneral } from './parse.ts';
import { parsePolicyFast } from './fastpolicy.ts';

const str = fc.constantFrom('ecr:PutImage', 'ecr:*', '*', 'arn:aws:ecr:us-east-1:111122223333:repository/x', 'a"b', 'tab\there', 'é ü', '${aws:username}', '');
const strList = fc.oneof(str, fc.array(str, { maxLength: 3 }));
const principal = fc.oneof(
  fc.constant('*'),
  fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser'), strList, { maxKeys: 3 }),
);
const condValue = fc.oneof(str, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
const condition = fc.dictionary(
  fc.constantFrom('StringEquals', 'ForAnyValue:StringLike', 'NumericLessThan', 'Bool', 'Null'),
  fc.dictionary(fc.constantFrom('aws:ResourceTag/team', 'ecs:cluster', 'aws:SourceIp', 'x'), fc.oneof(condValue, fc.array(condValue, { maxLength: 3 })), { minKeys: 1, maxKeys: 2 }),
  { maxKeys: 3 },
);
const statement = fc.record(
  {
    Sid: str,
    Effect: fc.constantFrom('Allow', 'Deny'),
    Principal: principal,
    NotPrincipal: principal,
    Action: strList,
    NotAction: strList,
    Resource: strList,
    NotResource: strList,
    Condition: condition,
  },
  { requiredKeys: ['Effect'] },
);
const policy = fc.record(
  { Version: fc.constantFrom('2012-10-17', '2008-10-17'), Id: str, Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })) },
  { requiredKeys: ['Statement'] },
);

describe('the one-pass policy parser gives exactly the general parser\'s model', () => {
  it('on generated well-formed policies in several layouts', () => {
    fc.assert(
      fc.property(policy, fc.constantFrom(0, 1, 2, 4, '\t', 'crlf'), (p, indent) => {
        let text = JSON.stringify(p, null, indent === 'crlf' ? 2 : indent);
        if (indent === 'crlf') text = text.replace(/\n/g, '\r\n');
        const fast = parsePolicyFast(text, 64);
        const general = parsePolicyGeneral(text, 'identity');
        expect(general.errors).toEqual([]);
        expect(fast).toBeDefined();
        expect(fast!.policy).toEqual(general.policy);
      }),
      { numRuns: 500 },
    );
  });

  it('gives up wherever the general parser has something to report', () => {
    const texts = [
      '{"Statement": [], "Statement": []}',
      '{"Statement": [{"Effect": "allow", "Action": "x", "Resource": "*"}]}',
      '{"Statement": [{"Action": "x", "Resource": "*"}]}',
      '{"Version": "2012-10-18", "Statement": []}',
      '{"Statment": []}',
      '{"Version": "2012-10-17"}',
      '{"Statement": [{"Effect": "Allow", "Action": 5}]}',
      '{"Statement": [{"Effect": "Allow", "Principal": "me"}]}',
      '{"Statement": [{"Effect": "Allow", "Condition": {"StringEquals": {"k": null}}}]}',
      '{"Statement": [{"Effect": "Allow", "Sid": "a", "Sid": "b"}]}',
      '{"Statement": []} x',
      '[]',
    ];
    for (const text of texts) {
      expect(parsePolicyFast(text, 64), text).toBeUndefined();
      expect(parsePolicy(text, 'identity').errors.length, text).toBeGreaterThan(0);
    }
  });
});
