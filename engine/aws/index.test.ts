import { describe, expect, it } from 'vitest';
import * as engine from '../index.ts';

describe('the engine front door exports the AWS helpers', () => {
  it('importAws, parseAccessDenied, simulateCustomPolicyCommand, validatePolicyCommand, loadAccount', () => {
    const r = engine.importAws('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:*","Resource":"*"}]}');
    expect(r.ok && r.policies[0].kind).toBe('identity');
    expect(engine.parseAccessDenied('User: arn:aws:iam::1:user/a is not authorized to perform: ecr:PutImage').ok).toBe(true);
    expect(engine.simulateCustomPolicyCommand({ policies: [], request: { principal: 'a', action: 'ecr:PutImage', resource: '*' } }).command).toMatch(/^aws iam simulate-custom-policy/);
    expect(engine.validatePolicyCommand({ kind: 'scp', text: '{}' }).command).toMatch(/SERVICE_CONTROL_POLICY/);
    expect(engine.loadAccount([]).ok).toBe(false);
  });
});
