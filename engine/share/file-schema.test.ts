// docs/workspace-file.schema.json and readWorkspaceFile must agree: what the encoder
// writes and the gallery files validate, and the invalid files below fail both.
import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeWorkspaceFile, readWorkspaceFile, type Workspace } from './index.ts';
import { DECISIONS, POLICY_KINDS } from './workspace.ts';

const root = new URL('../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('docs/workspace-file.schema.json', root), 'utf8'));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

const sample: Workspace = {
  policies: [{ kind: 'resource', name: 'repo', text: '{"Version":"2012-10-17","Statement":[]}' }],
  request: { principal: '123456789012', action: 'ecr:BatchGetImage', resource: 'arn:aws:ecr:us-east-1:123456789012:repository/web', context: { 'aws:TagKeys': ['a', 'b'] } },
  tests: [{ name: 'pull', request: { principal: '123456789012', action: 'ecr:BatchGetImage', resource: '*' }, expect: 'ImplicitDeny' }],
  activePolicy: 0,
};

function schemaErrors(value: unknown): string {
  return validate(value) ? '' : JSON.stringify(validate.errors);
}

describe('workspace file schema', () => {
  it('accepts every gallery file in examples/', () => {
    const dir = new URL('examples/', root);
    const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(schemaErrors(JSON.parse(readFileSync(new URL(name, dir), 'utf8'))), name).toBe('');
  });

  it("accepts the encoder's output", () => {
    expect(schemaErrors(JSON.parse(encodeWorkspaceFile(sample)))).toBe('');
    const text = fc.string({ maxLength: 20 });
    const request = fc.record({ principal: text, action: text, resource: text, context: fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 2 })), { maxKeys: 2 }) }, { requiredKeys: ['principal', 'action', 'resource'] });
    const workspace = fc.record(
      {
        policies: fc.array(fc.record({ kind: fc.constantFrom(...POLICY_KINDS), name: text, text }), { maxLength: 3 }),
        request,
        tests: fc.array(fc.record({ name: text, request, expect: fc.constantFrom(...DECISIONS) }), { maxLength: 2 }),
      },
      { requiredKeys: ['policies', 'request'] },
    );
    fc.assert(
      fc.property(workspace, (w) => {
        expect(schemaErrors(JSON.parse(encodeWorkspaceFile(w)))).toBe('');
      }),
      { numRuns: 50 },
    );
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits of parsed, untyped JSON
  const invalid: Record<string, (e: Record<string, any>) => void> = {
    'unknown envelope field': (e) => (e.colour = 'red'),
    'newer format': (e) => (e.format = 2),
    'format as text': (e) => (e.format = '1'),
    'no engine': (e) => delete e.engine,
    'no workspace': (e) => delete e.workspace,
    'unknown workspace field': (e) => (e.workspace.title = 'x'),
    'unknown policy kind': (e) => (e.workspace.policies[0].kind = 'bucket'),
    'policy as an object': (e) => (e.workspace.policies[0].text = { Version: '2012-10-17' }),
    'no request': (e) => delete e.workspace.request,
    'numeric context value': (e) => (e.workspace.request.context['aws:TagKeys'] = 7),
    'unknown expectation': (e) => (e.workspace.tests[0].expect = 'Deny'),
    'unknown test field': (e) => (e.workspace.tests[0].decisive = ['Sid']),
    'negative activePolicy': (e) => (e.workspace.activePolicy = -1),
  };
  for (const [what, edit] of Object.entries(invalid)) {
    it(`and the reader both refuse a file with ${what}`, () => {
      const envelope = JSON.parse(encodeWorkspaceFile(sample));
      edit(envelope);
      expect(validate(envelope)).toBe(false);
      expect(readWorkspaceFile(JSON.stringify(envelope)).ok).toBe(false);
    });
  }
});
