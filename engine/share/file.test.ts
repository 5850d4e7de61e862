import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment, encodeWorkspaceFile, readWorkspaceFile, type Workspace } from './index.ts';
import { DECISIONS, POLICY_KINDS } from './workspace.ts';

const sample: Workspace = {
  policies: [{ kind: 'identity', name: 'push', text: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}' }],
  request: {
    principal: 'arn:aws:iam::123456789012:user/alice',
    action: 'ecr:PutImage',
    resource: 'arn:aws:ecr:us-east-1:123456789012:repository/web',
    context: { 'aws:ResourceTag/team': 'blue' },
  },
  tests: [{ name: 'alice pushes', request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'ecr:PutImage', resource: '*' }, expect: 'Allow' }],
};

function failure(text: string) {
  const r = readWorkspaceFile(text);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a failure');
  return r;
}

/** The sample file with one edit to the parsed envelope. */
function edited(edit: (envelope: Record<string, unknown> & { workspace: Record<string, unknown> }) => void): string {
  const envelope = JSON.parse(encodeWorkspaceFile(sample));
  edit(envelope);
  return JSON.stringify(envelope, null, 2);
}

describe('workspace files', () => {
  it('round-trip a workspace, with the envelope', () => {
    const r = readWorkspaceFile(encodeWorkspaceFile(sample));
    expect(r).toMatchObject({ ok: true, workspace: sample, envelope: { format: 1 } });
    if (r.ok) expect(r.envelope.engine).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('are pretty JSON with a fixed key order, whatever order the workspace was built in', () => {
    const text = encodeWorkspaceFile(sample);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": 1,');
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'engine', 'data', 'workspace']);
    const shuffled = { tests: sample.tests, request: { ...sample.request, resource: sample.request.resource, principal: sample.request.principal }, policies: sample.policies } as Workspace;
    expect(encodeWorkspaceFile(shuffled)).toBe(text);
  });

  it('hold the same envelope as a share link', () => {
    const file = readWorkspaceFile(encodeWorkspaceFile(sample));
    const link = decodeShareFragment(encodeShareFragment(sample));
    expect(file.ok && link.ok && file.workspace).toEqual(link.ok && link.workspace);
  });

  it('round-trip arbitrary workspaces', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    const request = fc.record({ principal: text, action: text, resource: text, context: fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 3 }) }, { requiredKeys: ['principal', 'action', 'resource'] });
    const workspace = fc.record(
      {
        policies: fc.array(fc.record({ kind: fc.constantFrom(...POLICY_KINDS), name: text, text: fc.string({ unit: 'binary', maxLength: 200 }) }), { maxLength: 4 }),
        request,
        tests: fc.array(fc.record({ name: text, request, expect: fc.constantFrom(...DECISIONS) }), { maxLength: 3 }),
      },
      { requiredKeys: ['policies', 'request'] },
    );
    fc.assert(
      fc.property(workspace, (w) => {
        expect(readWorkspaceFile(encodeWorkspaceFile(w))).toMatchObject({ ok: true, workspace: w });
      }),
      { numRuns: 100 },
    );
  });

  it('give the line and column of a JSON syntax error', () => {
    const r = failure('{\n  "format": 1,\n  "engine": "0.1.0"\n  "data": "x"\n}');
    // The parser stops at the token where the comma should have been.
    expect(r).toMatchObject({ line: 4, column: 3 });
    expect(r.error).toMatch(/not valid JSON: a comma/);
    expect(failure('{\n  "format": 1 // one\n}')).toMatchObject({ line: 2, column: 15, error: expect.stringMatching(/comments/) });
    expect(failure('{ "format": 1, }')).toMatchObject({ line: 1, error: expect.stringMatching(/trailing comma/) });
    expect(failure('')).toMatchObject({ line: 1, column: 1, error: expect.stringMatching(/empty/) });
  });

  it('name the field of a shape error, and where it is', () => {
    const kind = failure(edited((e) => ((e.workspace.policies as { kind: string }[])[0].kind = 'bucket')));
    expect(kind.error).toMatch(/^`workspace\.policies\[0\]\.kind` must be one of `identity`/);
    expect(kind).toMatchObject({ line: 8 });
    const extra = failure(edited((e) => (e.colour = 'red')));
    expect(extra.error).toMatch(/`envelope\.colour` is not a field/);
    // Context keys hold dots and slashes; the field is still found.
    const context = failure(edited((e) => ((e.workspace.request as { context: Record<string, unknown> }).context['aws:ResourceTag/team'] = 7)));
    expect(context.error).toMatch(/`workspace\.request\.context\.aws:ResourceTag\/team` must be a string/);
    expect(context.line).toBe(18);
    const missing = failure(edited((e) => delete e.engine));
    expect(missing.error).toMatch(/`envelope\.engine` must be a string/);
    expect(missing.line).toBe(1);
  });

  it('give the same shape errors as share links (one reader)', () => {
    const bad = { ...sample, tests: [{ name: 't', request: sample.request, expect: 'Maybe' as never }] };
    const file = failure(encodeWorkspaceFile(bad));
    const link = decodeShareFragment(encodeShareFragment(bad));
    expect(link.ok).toBe(false);
    if (!link.ok) expect(link.error.endsWith(file.error)).toBe(true);
  });

  it('refuse newer formats with a message, and formats that never existed', () => {
    expect(failure(edited((e) => (e.format = 2))).error).toMatch(/newer version of the simulator \(format 2\); this one reads up to format 1/);
    expect(failure(edited((e) => (e.format = 0))).error).toMatch(/whole number/);
    expect(failure(edited((e) => (e.format = '1'))).error).toMatch(/whole number/);
  });

  it('say when a JSON file is not a workspace file', () => {
    expect(failure('[1, 2]').error).toMatch(/not a workspace file/);
    expect(failure('{ "name": "my-package" }').error).toMatch(/no `format` field/);
  });

  it('accept a byte order mark', () => {
    expect(readWorkspaceFile('\ufeff' + encodeWorkspaceFile(sample)).ok).toBe(true);
  });

  it('never throw, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 4 })), (s) => {
        expect(typeof readWorkspaceFile(s).ok).toBe('boolean');
      }),
    );
    expect(readWorkspaceFile(undefined as never).ok).toBe(false);
  });
});
