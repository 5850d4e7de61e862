// "Import from AWS": what AWS prints becomes tabs, a request and tests; an AccessDenied
// becomes a request beside the workspace's decision. Inputs are the engine's fixtures.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type App } from './pages';

const fixture = (name: string) => readFileSync(`engine/aws/fixtures/${name}`, 'utf8');
const deniedCases = JSON.parse(fixture('access-denied.json')) as { form: string; message: string }[];
const message = (form: string) => {
  const c = deniedCases.find((x) => x.form === form);
  if (!c) throw new Error(`no access denied fixture ${form}`);
  return c.message;
};

async function tabs(app: App): Promise<string[]> {
  return app.id('policy-tab-name').allInnerTexts();
}

test('an ECR repository policy: the resource policy tab and the request resource, in the region given', async ({ app }) => {
  await app.open();
  // Work of one's own, which replacing must keep.
  await app.fill('action', 'ecr:ListImages');
  await app.importText(fixture('ecr-get-repository-policy.json'));
  await expect(app.id('import-source')).toHaveAttribute('data-format', 'ecr-repository-policy');
  await expect(app.id('import-source')).toContainText('ECR repository policy of prod/api in 111111111111');
  await expect(app.id('import-warning')).toContainText('us-east-1 was assumed');
  await expect(app.id('import-plan-policy')).toHaveAttribute('data-kind', 'resource');
  await expect(app.page.locator('[data-testid=import-plan-request][data-field=resource]')).toContainText('arn:aws:ecr:us-east-1:111111111111:repository/prod/api');
  await app.screenshot('import-ecr-repository-policy');

  // The region re-runs the import.
  await app.fill('import-region', 'eu-west-1');
  await expect(app.page.locator('[data-testid=import-plan-request][data-field=resource]')).toContainText('arn:aws:ecr:eu-west-1:111111111111:repository/prod/api');
  await expect(app.id('import-warning')).toHaveCount(0);

  await app.id('import-replace').click();
  await expect(app.id('import-dialog')).toHaveCount(0);
  expect(await tabs(app)).toEqual(['prod/api repository policy']);
  await expect(app.id('policy-tab')).toHaveAttribute('data-kind', 'resource');
  await expect(app.id('resource-arn')).toHaveValue('arn:aws:ecr:eu-west-1:111111111111:repository/prod/api');
  // The workspace before is kept.
  await expect(app.id('notice')).toContainText('Imported “ECR repository policy of prod/api in 111111111111”. Your previous work, “CI pushes to its team\'s repositories”, is in the history.');
  await app.id('notice-action').click();
  await expect(app.id('policy-tab')).toHaveCount(2);
  await expect(app.id('action')).toHaveValue('ecr:ListImages');
});

test('aws iam get-role with a URL-encoded trust policy: the role is the principal; the trust policy only for sts:', async ({ app }) => {
  await app.open();
  const before = await tabs(app);
  await app.importText(fixture('iam-get-role-urlencoded.json'));
  await expect(app.id('import-source')).toContainText('IAM role api-task in 111111111111');
  await expect(app.id('import-left')).toContainText('api-task trust policy');
  await expect(app.id('import-left')).toContainText('sts:');
  await expect(app.id('import-note')).toContainText('any session of the role');
  await app.id('import-add').click();
  await expect(app.id('principal-arn')).toHaveValue('arn:aws:iam::111111111111:role/service/api-task');
  expect(await tabs(app)).toEqual(before);
  await expect(app.id('notice')).toContainText('Set the request from the IAM role “api-task” in 111111111111.');

  // For sts:AssumeRole the trust policy is the resource policy, decoded.
  await app.fill('action', 'sts:AssumeRole');
  await app.importText(fixture('iam-get-role-urlencoded.json'));
  await expect(app.id('import-plan-policy')).toHaveAttribute('data-name', 'api-task trust policy');
  await expect(app.id('import-note').first()).toContainText('is the resource policy, because the request is sts:AssumeRole');
  await app.id('import-replace').click();
  expect(await tabs(app)).toEqual(['api-task trust policy']);
  await app.waitForEditor();
  expect(await app.editorText()).toContain('"Service": "ecs-tasks.amazonaws.com"');
});

test('a CloudFormation YAML template with !Sub: fill in the pseudo parameters, pick a role', async ({ app }) => {
  await app.open();
  await app.importText(fixture('cfn-ecs-service.yaml'));
  await expect(app.id('import-source')).toHaveAttribute('data-format', 'cloudformation');
  await expect(app.id('import-warnings')).toContainText('{{Ref:AWS::AccountId}}');
  await app.fill('import-account', '222222222222');
  await app.fill('import-region', 'eu-west-1');
  await app.page.locator('[data-testid=import-parameter][data-name=CiAccount]').fill('333333333333');
  await expect(app.page.locator('[data-testid=import-parameter][data-name=CiAccount]')).toHaveValue('333333333333');
  for (const gone of ['{{Ref:AWS::AccountId}}', '{{Ref:AWS::Region}}', '{{Ref:AWS::Partition}}', '{{Ref:CiAccount}}']) await expect(app.id('import-warnings')).not.toContainText(gone);
  await expect(app.id('import-warnings')).toContainText('{{ImportValue:shared-kms-key-arn}}');

  await expect(app.id('import-principal')).toHaveCount(3);
  await app.page.locator('[data-testid=import-principal][data-arn="arn:aws:iam::222222222222:role/service/prod-api-exec"]').click();
  await expect(app.id('import-plan-policy')).toHaveCount(3);
  await app.screenshot('import-cloudformation');
  await app.id('import-replace').click();
  expect(await tabs(app)).toEqual(['prod-ecr-pull', 'workload-boundary', 'team-a/api repository policy']);
  await expect(app.id('principal-arn')).toHaveValue('arn:aws:iam::222222222222:role/service/prod-api-exec');
  await expect(app.id('resource-arn')).toHaveValue('arn:aws:ecr:eu-west-1:222222222222:repository/team-a/api');
  await app.waitForEditor();
  await app.tab('team-a/api repository policy').click();
  expect(await app.editorText()).toContain('arn:aws:iam::333333333333:root');
});

test('a terraform show -json plan: the execution role, its policies, its pulls as tests', async ({ app }) => {
  await app.open();
  await app.importText(fixture('terraform-plan.json'));
  await app.fill('import-account', '111111111111');
  await expect(app.page.locator('[data-testid=import-principal][data-selected=true]')).toHaveAttribute('data-arn', 'arn:aws:iam::111111111111:role/api-exec');
  await expect(app.id('import-plan-tests')).toHaveAttribute('data-count', '5');
  await app.id('import-replace').click();
  expect(await tabs(app)).toEqual(['api-pull', 'prod/api repository policy']);
  await app.view('tests');
  await expect(app.id('test-row')).toHaveCount(5);
});

test('aws ecs describe-task-definition: the pulls and secret reads become tests', async ({ app }) => {
  await app.open();
  await app.view('tests');
  const existing = await app.id('test-row').count();
  await app.importText(fixture('ecs-describe-task-definition.json'));
  await expect(app.id('import-source')).toContainText('ECS task definition api:7');
  await expect(app.id('import-plan-tests')).toHaveAttribute('data-count', '11');
  await expect(app.id('import-warnings')).toContainText('names its roles but not their policies');
  await app.screenshot('import-ecs-task-definition');
  await app.id('import-add').click();
  await expect(app.id('test-row')).toHaveCount(existing + 11);
  await expect(app.page.locator('[data-testid=test-row]').last().getByTestId('test-name')).toHaveValue(/registry credentials/);
  await expect(app.id('principal-arn')).toHaveValue('arn:aws:iam::111111111111:role/ecsTaskExecutionRole');
  await expect(app.id('notice')).toContainText('Added 11 tests from the ECS task definition “api:7”.');
});

test('account authorization details: pick a role; its policies and boundary fill the tabs', async ({ app }) => {
  await app.open();
  await app.importText(fixture('iam-get-account-authorization-details.json'));
  await expect(app.id('import-source')).toContainText('2 roles, 1 user');
  await expect(app.id('import-principal')).toHaveCount(4);
  await app.page.locator('[data-testid=import-principal][data-arn=""]').click();
  await expect(app.id('import-nothing')).toBeVisible();
  await expect(app.id('import-replace')).toBeDisabled();
  await app.page.locator('[data-testid=import-principal][data-arn="arn:aws:iam::111111111111:role/service/ci"]').click();
  await expect(app.id('import-plan-policy')).toHaveCount(3);
  await expect(app.id('import-left')).toContainText(['ci trust policy', 'the policies of 2 other principals']);
  await app.screenshot('import-account-details');
  await app.id('import-replace').click();
  expect(await tabs(app)).toEqual(['build-cache', 'ecr-push', 'workload-boundary']);
  await expect(app.page.locator('[data-testid=policy-tab][data-kind=boundary]')).toHaveCount(1);
  await expect(app.id('principal-arn')).toHaveValue('arn:aws:iam::111111111111:role/service/ci');
});

test('an implicit AccessDenied from the request builder: the request, the explanation, AWS agreeing', async ({ app }) => {
  await app.open();
  await app.id('access-denied-button').click();
  await expect(app.id('import-dialog')).toContainText('Paste an AccessDenied');
  await app.fill('import-text', message('CLI prefix, ECR push'));
  await expect(app.id('denied-aws-said')).toHaveText('⊘ AWS said: implicit deny: no identity-based policy allows it.');
  await expect(app.page.locator('[data-testid=denied-field][data-field=action]')).toContainText('ecr:PutImage');
  await expect(app.id('denied-comparison')).toHaveAttribute('data-applied', 'false');
  await app.id('denied-apply').click();
  await expect(app.id('denied-comparison')).toHaveAttribute('data-applied', 'true');
  await expect(app.id('denied-apply')).toBeDisabled();
  const decision = await app.id('denied-comparison').getAttribute('data-decision');
  await app.id('denied-show-explanation').click();
  await expect(app.id('import-dialog')).toHaveCount(0);
  await expect(app.id('principal-arn')).toHaveValue('arn:aws:sts::111111111111:assumed-role/ci/gh-42');
  await expect(app.id('action')).toHaveValue('ecr:PutImage');
  await expect(app.id('resource-arn')).toHaveValue('arn:aws:ecr:us-east-1:111111111111:repository/team-a/api');
  await expect(app.decision).toHaveAttribute('data-decision', decision ?? '');
  await expect(app.id('explanation')).toBeVisible();
  await expect(app.id('decision-message')).toContainText('arn:aws:sts::111111111111:assumed-role/ci/gh-42');
});

test('an explicit deny in an SCP, with its ARN: the workspace allows it and says what it lacks', async ({ app }) => {
  await app.open();
  await app.importText(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }));
  await app.id('import-replace').click();
  await app.importText(message('explicit, service control, with policy ARN (CLI prefix)'));
  await expect(app.id('denied-aws-said')).toHaveAttribute('data-denial', 'explicit');
  await expect(app.id('denied-aws-said')).toContainText('AWS said: explicit deny in a service control policy.');
  await expect(app.id('denied-policy-arn')).toContainText('arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd');
  await app.id('denied-apply').click();
  await expect(app.id('denied-comparison')).toHaveAttribute('data-agrees', 'false');
  await expect(app.id('denied-comparison')).toHaveAttribute('data-decision', 'Allow');
  await expect(app.id('denied-verdict')).toContainText('The workspace allows this, but AWS denied it: the workspace lacks the service control policy that denied it');
  await app.screenshot('import-denied-mismatch');
  await app.page.keyboard.press('Escape');
  await app.expectDecision('Allow');
  await expect(app.id('action')).toHaveValue('iam:ListRoles');
});

test('a CannotPullContainerError pasted on the page', async ({ app }) => {
  await app.open();
  await app.pasteOnPage(message('ECS CannotPullContainerError'));
  await expect(app.id('import-dialog')).toBeVisible();
  await expect(app.id('import-origin')).toContainText('the clipboard');
  await expect(app.id('denied-aws-said')).toHaveAttribute('data-policy-type', 'resource-based');
  await expect(app.id('denied-aws-said')).toContainText('no resource-based policy allows it');
  await app.id('denied-apply').click();
  await expect(app.id('denied-verdict')).toContainText(/AWS named the resource-based policy|lacks the resource-based policy/);
  await app.page.keyboard.press('Escape');
  await expect(app.id('principal-arn')).toHaveValue('arn:aws:sts::111111111111:assumed-role/ecsTaskExecutionRole/6f1c2a3b4d5e');
  await expect(app.id('resource-arn')).toHaveValue('arn:aws:ecr:us-east-1:222222222222:repository/shared/base');
  await app.expectDecision('ImplicitDeny');
});

test.describe('with the clipboard', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('an encoded authorization message: the decode command, then the decoded JSON', async ({ app, page }) => {
    await app.open();
    await app.importText(message('encoded authorization failure only'));
    await expect(app.id('import-result')).toHaveAttribute('data-kind', 'encoded');
    await expect(app.id('decode-command')).toHaveValue(/^aws sts decode-authorization-message --encoded-message 'EXAMPLE/);
    await app.id('decode-command-copy').click();
    await expect(app.id('decode-command-status')).toHaveText('✓ Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^aws sts decode-authorization-message/);
    await app.screenshot('import-encoded');
    await app.id('import-clear-for-decoded').click();
    await expect(app.id('import-text')).toBeFocused();
    await app.fill('import-text', message('decoded message as the CLI prints it'));
    await expect(app.id('denied-aws-said')).toContainText('explicit deny');
    await expect(app.id('denied-statements')).toContainText('VisualEditor0');
    await expect(app.page.locator('[data-testid=denied-field][data-field="aws:TagKeys"]')).toContainText('team, env');
  });

  test('copy the AWS CLI commands for the workspace', async ({ app, page }) => {
    await app.open();
    await app.id('aws-cli-button').click();
    await expect(app.id('aws-cli-dialog')).toBeVisible();
    const simulate = await app.id('aws-cli-simulate').inputValue();
    expect(simulate).toMatch(/^aws iam simulate-custom-policy \\\n {2}--policy-input-list /);
    expect(simulate).toContain('--action-names ecr:PutImage');
    await expect(app.id('aws-cli-simulate-notes')).toContainText('role session');
    await app.id('aws-cli-simulate-copy').click();
    await expect(app.id('aws-cli-simulate-status')).toHaveText('✓ Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(simulate);
    const validate = await app.id('aws-cli-validate').inputValue();
    expect(validate).toMatch(/^aws accessanalyzer validate-policy \\\n {2}--policy-type IDENTITY_POLICY/);
    await app.id('aws-cli-validate-copy').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(validate);
    await app.screenshot('import-aws-cli');
    await page.keyboard.press('Escape');
    await expect(app.id('aws-cli-dialog')).toHaveCount(0);
    await expect(app.id('aws-cli-button')).toBeFocused();
  });
});

test('without the clipboard, Copy selects the command', async ({ app, page }) => {
  await app.open();
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } }));
  await app.id('aws-cli-button').click();
  await app.id('aws-cli-simulate-copy').click();
  await expect(app.id('aws-cli-simulate-status')).toContainText('Selected');
  await expect(app.id('aws-cli-simulate')).toBeFocused();
  const selected = await app.id('aws-cli-simulate').evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toMatch(/^aws iam simulate-custom-policy/);
});

test('a dropped file opens the import; a dropped workspace file is left alone', async ({ app, page }) => {
  await app.open();
  const drop = (name: string, text: string) =>
    page.evaluate(
      ([n, t]) => {
        const data = new DataTransfer();
        data.items.add(new File([t], n, { type: 'application/json' }));
        const target = document.querySelector('[data-testid=decision]') ?? document.body;
        target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      [name, text],
    );
  await drop('workspace.json', JSON.stringify({ format: 1, engine: '0.1.0', workspace: { policies: [], request: { principal: 'a', action: 'b', resource: '*' } } }));
  await drop('notes.png', 'not text');
  await drop('stack.yaml', fixture('cfn-ecs-service.yaml'));
  await expect(app.id('import-dialog')).toBeVisible();
  await expect(app.id('import-origin')).toHaveText('from stack.yaml');
  await expect(app.id('import-source')).toHaveAttribute('data-format', 'cloudformation');
  // Only one dialog opened, from the template.
  await expect(app.id('import-dialog')).toHaveCount(1);
});

test('a paste in an editor or a field is not taken, nor text the importer cannot read', async ({ app }) => {
  await app.open();
  await app.setPolicyText(fixture('ecr-get-repository-policy.json'));
  await expect(app.id('import-dialog')).toHaveCount(0);
  await app.pasteOnPage('just some words');
  await expect(app.id('import-dialog')).toHaveCount(0);
});

test('the import dialog is a labelled modal: focus kept inside, Escape closes, no serious axe findings in either theme', async ({ app, page }) => {
  test.slow(); // axe three times
  await app.open();
  for (const theme of ['light', 'dark'] as const) {
    while ((await app.id('theme-toggle').getAttribute('data-theme')) !== theme) await app.id('theme-toggle').click();
    await app.importText(fixture('cfn-ecs-service.yaml'));
    const dialog = page.getByRole('dialog', { name: 'Import from AWS' });
    await expect(dialog).toBeVisible();
    await expect(app.id('import-text')).toBeFocused();
    const results = await new AxeBuilder({ page }).include('[data-testid=import-dialog]').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await app.screenshot(`import-dialog-${theme}`);
    // Tab never leaves the dialog.
    for (let i = 0; i < 24; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=import-dialog]'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(app.id('import-dialog')).toHaveCount(0);
    await expect(app.id('import-button')).toBeFocused();
  }
  // The access denied states too.
  await app.importText(message('explicit, service control, with policy ARN (CLI prefix)'));
  const results = await new AxeBuilder({ page }).include('[data-testid=import-dialog]').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('an empty dialog says what it reads; an unknown text says why not', async ({ app }) => {
  await app.open();
  await app.id('import-button').click();
  await expect(app.id('import-result')).toHaveAttribute('data-kind', 'empty');
  await expect(app.id('import-accepts')).toContainText('aws ecs describe-task-definition');
  await app.screenshot('import-empty');
  await app.fill('import-text', '{"hello": "world"}');
  await expect(app.id('import-error')).toContainText('does not recognise this JSON object');
  await app.fill('import-text', JSON.stringify({ format: 1, workspace: {} }));
  await expect(app.id('import-workspace-file')).toBeVisible();
  // A file from the file picker.
  await app.id('import-file').setInputFiles('engine/aws/fixtures/iam-get-role-policy.json');
  await expect(app.id('import-origin')).toHaveText('from iam-get-role-policy.json');
  await expect(app.id('import-source')).toContainText('Inline policy ecr-push of role ci');
  await app.fill('import-text', JSON.stringify({ format: 1, workspace: {} }));
  // Closing keeps the text; the header opens it again.
  await app.id('import-cancel').click();
  await app.id('import-button').click();
  await expect(app.id('import-text')).toHaveValue(JSON.stringify({ format: 1, workspace: {} }));
});
