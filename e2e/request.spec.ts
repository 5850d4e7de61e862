import { expect, test } from './pages';

const tagPolicy = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TeamRepos',
        Effect: 'Allow',
        Action: 'ecr:*',
        Resource: 'arn:aws:ecr:*:*:repository/*',
        Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      },
    ],
  },
  null,
  2,
);

test('build a request with tags and condition keys', async ({ app, page }) => {
  await app.open();
  await app.tab('web repository policy').click();
  await app.id('policy-remove').click();
  await app.setPolicyText(tagPolicy);

  // An IAM user in another account's repository, built from fields.
  await app.id('principal-mode').selectOption('user');
  await app.fill('principal-account', '444455556666');
  await app.fill('principal-name', 'dana');
  await expect(app.id('principal-arn')).toHaveValue('arn:aws:iam::444455556666:user/dana');
  await app.fill('action', 'ecr:PutImage');
  await app.id('resource-mode').selectOption('ecr-repository');
  await app.fill('resource-account', '444455556666');
  await app.fill('resource-region', 'eu-west-1');
  await app.fill('resource-name', 'api');
  await expect(app.id('resource-arn')).toHaveValue('arn:aws:ecr:eu-west-1:444455556666:repository/api');

  // Clear the default example's tags.
  for (const id of ['principal-tag-remove', 'resource-tag-remove']) {
    while ((await app.id(id).count()) > 0) await app.id(id).first().click();
  }
  await app.expectDecision('ImplicitDeny');
  // The policy reads keys the request lacks.
  await expect(app.id('missing-keys')).toContainText('aws:SourceIp');
  await expect(app.page.locator('[data-testid=context-row][data-key="aws:SourceIp"]')).toHaveAttribute('data-status', 'missing');

  // Tags on both sides.
  await app.fill('principal-tag-new-key', 'team');
  await app.fill('principal-tag-new-value', 'api');
  await app.id('principal-tag-add').click();
  await app.fill('resource-tag-new-key', 'team');
  await app.fill('resource-tag-new-value', 'api');
  await page.keyboard.press('Enter');
  await expect(app.id('resource-tag-row')).toHaveCount(1);
  await app.expectDecision('ImplicitDeny');

  // The source IP, typed into the missing key's row.
  await app.page.locator('[data-testid=context-row][data-key="aws:SourceIp"] [data-testid=context-value]').fill('10.1.2.3');
  await app.expectDecision('Allow');
  await expect(app.page.locator('[data-testid=trace-condition][data-matched=true]')).toHaveCount(2);
  await app.screenshot('05-request-with-tags');

  // A different tag value denies again; a key added by hand is kept.
  await app.id('resource-tag-value').fill('web');
  await app.expectDecision('ImplicitDeny');
  await app.fill('context-new-key', 'aws:RequestedRegion');
  await app.fill('context-new-value', 'eu-west-1');
  await app.id('context-add').click();
  await expect(app.page.locator('[data-testid=context-row][data-key="aws:RequestedRegion"]')).toHaveAttribute('data-status', 'request');

  // Derived keys are shown and can be overridden.
  await expect(app.page.locator('[data-testid=derived-key][data-key="aws:PrincipalAccount"]')).toContainText('444455556666');
});

test('service principals and ECS resources', async ({ app }) => {
  await app.open();
  await app.id('principal-mode').selectOption('service');
  await expect(app.id('principal-arn')).toHaveValue('ecs-tasks.amazonaws.com');
  await app.id('resource-mode').selectOption('ecs-service');
  await app.fill('resource-name', 'prod');
  await app.fill('resource-child', 'web');
  await expect(app.id('resource-arn')).toHaveValue(/^arn:aws:ecs:[^:]+:\d+:service\/prod\/web$/);
  await app.fill('action', 'ecs:UpdateService');
  await expect(app.id('action-info')).toContainText('Write');
  await app.expectDecision('ImplicitDeny');
});

test('batch: every ECR action at once, and a row opens its request', async ({ app }) => {
  await app.open();
  await app.view('batch');
  const rows = app.id('batch-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(30);
  await expect(app.page.locator('[data-testid=batch-row][data-action="ecr:PutImage"]')).toHaveAttribute('data-decision', 'Allow');
  await expect(app.page.locator('[data-testid=batch-row][data-action="ecr:BatchDeleteImage"]')).toHaveAttribute('data-decision', 'ExplicitDeny');
  await expect(app.page.locator('[data-testid=batch-row][data-action="ecr:DeleteRepository"]')).toHaveAttribute('data-decision', 'ExplicitDeny');
  await app.screenshot('06-batch');
  await app.page.locator('[data-testid=batch-row][data-action="ecr:BatchDeleteImage"] button').click();
  await expect(app.id('action')).toHaveValue('ecr:BatchDeleteImage');
  await app.expectDecision('ExplicitDeny');
  await app.view('batch');
  await app.id('batch-service').selectOption('ecs');
  await expect(app.page.locator('[data-testid=batch-row][data-action^="ecs:"]').first()).toBeVisible();
});

test('policy tests run live and the current request can be saved as one', async ({ app }) => {
  await app.open();
  await app.view('tests');
  await expect(app.id('test-row')).toHaveCount(4);
  await expect(app.page.locator('[data-testid=test-row][data-status=pass]')).toHaveCount(4);
  await app.id('save-test').click();
  await expect(app.id('test-row')).toHaveCount(5);
  await expect(app.id('test-row').last()).toHaveAttribute('data-status', 'pass');
  // Break the policy: the tests say so.
  await app.setPolicyText('{"Version":"2012-10-17","Statement":[]}');
  await expect(app.page.locator('[data-testid=test-row][data-status=fail]')).not.toHaveCount(0);
  await expect(app.id('tests-badge')).toContainText('failing');
  await app.screenshot('07-tests-failing');
});
