// A consumer of the installed package, in plain JavaScript, runnable by Node, Bun
// and Deno alike: `node smoke.mjs`, `bun smoke.mjs`, `deno run -A smoke.mjs npm:container-iam`.
// Prints `ok <engine version>` or throws.
const specifier = globalThis.process?.argv?.[2] ?? globalThis.Deno?.args?.[0] ?? 'container-iam';
const { simulate, analyzeWorkspace, validatePolicy, compilePolicies, encodeShareFragment, decodeShareFragment, readWorkspaceFile, encodeWorkspaceFile, loadAllActionNames, ENGINE_VERSION, EXAMPLES, exampleWorkspace } = await import(specifier);

function check(what, ok) {
  if (!ok) throw new Error(`smoke test failed: ${what}`);
}

const request = { principal: 'arn:aws:iam::111122223333:user/alice', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111122223333:repository/web' };
const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:PutImage","Resource":"arn:aws:ecr:us-east-1:111122223333:repository/*"}]}';
check('simulate', simulate({ identityPolicies: [policy], request }).decision === 'Allow');
check('compilePolicies', compilePolicies({ identityPolicies: [policy] }).decide({ ...request, action: 'ecr:DeleteRepository' }) === 'ImplicitDeny');
const names = await loadAllActionNames();
check('loadAllActionNames', names.byService.has('s3'));
check('validatePolicy', validatePolicy(policy.replace('ecr:PutImage', 'ecr:PutImagee'), 'identity', { actionNames: names }).some((d) => d.code === 'action-unknown'));
const workspace = exampleWorkspace(EXAMPLES[0]);
const analysis = analyzeWorkspace(workspace, { actionNames: names });
check('analyzeWorkspace', analysis.accepted && analysis.tests.length > 0 && analysis.tests.every((t) => t.pass));
const link = decodeShareFragment(encodeShareFragment(workspace));
check('share links', link.ok && link.workspace.policies.length === workspace.policies.length);
check('workspace files', readWorkspaceFile(encodeWorkspaceFile(workspace)).ok);
console.log(`ok ${ENGINE_VERSION}`);
