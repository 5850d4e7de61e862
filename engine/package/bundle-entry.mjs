// A consumer that imports the package statically, as an app would, for the bundler
// checks: each bundle is run and must print `ok <version>`. With globalThis.SKIP_LAZY
// set, the lazily loaded action names are not fetched (a browser bundle run in Node
// cannot load its chunks).
import { simulate, analyzeWorkspace, validatePolicy, compilePolicies, encodeShareFragment, decodeShareFragment, loadAllActionNames, EXAMPLES, exampleWorkspace, ENGINE_VERSION } from 'container-iam';

function check(what, ok) {
  if (!ok) throw new Error(`bundle check failed: ${what}`);
}

async function main() {
  const request = { principal: 'arn:aws:iam::111122223333:user/alice', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111122223333:repository/web' };
  const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:PutImage","Resource":"*"}]}';
  check('simulate', simulate({ identityPolicies: [policy], request }).decision === 'Allow');
  check('compilePolicies', compilePolicies({ identityPolicies: [policy] }).decide(request) === 'Allow');
  check('validatePolicy', validatePolicy(policy, 'identity').length >= 0);
  const workspace = exampleWorkspace(EXAMPLES[0]);
  check('analyzeWorkspace', analyzeWorkspace(workspace).tests.every((t) => t.pass));
  check('share links', decodeShareFragment(encodeShareFragment(workspace)).ok);
  if (!globalThis.SKIP_LAZY) check('loadAllActionNames', (await loadAllActionNames()).byService.has('s3'));
  console.log(`ok ${ENGINE_VERSION}`);
}

main().catch((e) => {
  console.error(e);
  if (globalThis.process) globalThis.process.exitCode = 1;
});
