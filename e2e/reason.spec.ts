// The reason is beside the decision: deciding statements, the flow, each account's side,
// and diagnostics people can act on.
import { encodeShareFragment, type Workspace } from '../engine/index.ts';
import { expect, test } from './pages';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

const crossAccount = (repoPrincipal: string): Workspace => ({
  policies: [
    { kind: 'identity', name: 'ci-role', text: doc([{ Sid: 'pull', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: '*' }]) },
    { kind: 'resource', name: 'web repository policy', text: doc([{ Sid: 'PullFromCi', Effect: 'Allow', Principal: { AWS: repoPrincipal }, Action: 'ecr:BatchGetImage' }]) },
  ],
  request: { principal: 'arn:aws:sts::222222222222:assumed-role/ci-role/run-1', action: 'ecr:BatchGetImage', resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web' },
});

test('at 1280×720 the deciding statements and the flow sit beside the decision, no scrolling', async ({ app, page }) => {
  await app.open();
  await app.fill('action', 'ecr:BatchDeleteImage');
  await app.expectDecision('ExplicitDeny');
  const st = app.id('decisive-statement');
  await expect(st).toHaveCount(1);
  await expect(st).toContainText('web repository policy');
  await expect(st).toContainText('OnlyAdminsDeleteImages');
  await expect(st).toContainText('Deny');
  await expect(st).toContainText(/line \d+/);
  await expect(st).toBeInViewport({ ratio: 1 });
  const steps = app.id('eval-step');
  await expect(steps).toHaveCount(7);
  for (let i = 0; i < 7; i++) await expect(steps.nth(i)).toBeInViewport({ ratio: 1 });
  await expect(page.locator('[data-testid=eval-step][data-deciding=true]')).toHaveAttribute('data-stage', 'explicit-deny');
  // The banner's reason is never cut off.
  const why = app.id('decision-why');
  await expect(why).toBeVisible();
  expect(await why.evaluate((el) => el.scrollWidth <= el.clientWidth && !getComputedStyle(el).textOverflow.includes('ellipsis'))).toBe(true);
  await app.screenshot('after-reason-1280');
});

test('a cross-account request shows both accounts and each side’s verdict', async ({ app }) => {
  await app.open(encodeShareFragment(crossAccount('arn:aws:iam::333333333333:root')));
  await app.expectDecision('ImplicitDeny');
  const identity = app.page.locator('[data-testid=cross-account-side][data-side=identity]');
  const resource = app.page.locator('[data-testid=cross-account-side][data-side=resource]');
  await expect(app.id('cross-account')).toContainText('both accounts must allow');
  await expect(identity).toHaveAttribute('data-verdict', 'allow');
  await expect(identity).toContainText('222222222222');
  await expect(identity).toContainText('allowed by pull in ci-role');
  await expect(resource).toHaveAttribute('data-verdict', 'no-allow');
  await expect(resource).toContainText('repository policy, 111111111111');
  await expect(resource).toContainText('no statement allows ecr:BatchGetImage for this caller');
  await expect(app.id('cross-account')).toBeInViewport();
  await app.screenshot('after-cross-account');

  // The repository lets the caller's account in: both sides allow.
  await app.tab('web repository policy').click();
  await app.setPolicyText(crossAccount('arn:aws:iam::222222222222:root').policies[1].text);
  await app.expectDecision('Allow');
  await expect(resource).toHaveAttribute('data-verdict', 'allow');
  await expect(resource).toContainText('PullFromCi');
});

test('an action that supports only "*" asked about an ARN: a warning, and one click fixes it', async ({ app }) => {
  await app.open();
  await app.fill('action', 'ecr:GetAuthorizationToken');
  await expect(app.id('resource-star-warning')).toBeVisible();
  await expect(app.id('resource-star-warning')).toContainText('no resource-level permissions');
  await app.id('resource-use-star').click();
  await expect(app.id('resource-arn')).toHaveValue('*');
  await expect(app.id('resource-star-warning')).toHaveCount(0);
  await app.expectDecision('Allow');
});

test('a session policy for an IAM user is flagged; a role caller is any session of the role', async ({ app }) => {
  await app.open();
  await app.id('add-policy').selectOption('session');
  await app.id('principal-mode').selectOption('user');
  await expect(app.id('session-policy-warning').first()).toContainText('IAM user');
  await app.id('principal-mode').selectOption('role');
  await expect(app.id('session-policy-warning')).toHaveCount(0);
  await expect(app.id('principal-role-note')).toContainText('any session of this role');
  await app.id('principal-add-session').click();
  await expect(app.id('principal-arn')).toHaveValue(/:assumed-role\/[^/]+\/session$/);
});

test('a federated caller: GitHub Actions OIDC with its claims, against a trust policy', async ({ app }) => {
  const trust = doc([
    {
      Sid: 'GitHubDeploys',
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/my-repo:*' } },
    },
  ]);
  await app.open(
    encodeShareFragment({
      policies: [{ kind: 'resource', name: 'deploy role trust policy', text: trust }],
      request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 'ecr:PutImage', resource: 'arn:aws:iam::111122223333:role/deploy' },
    }),
  );
  await app.id('principal-mode').selectOption('federated');
  await app.id('principal-preset').selectOption('github');
  await expect(app.id('principal-arn')).toHaveValue('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
  await expect(app.id('action')).toHaveValue('sts:AssumeRoleWithWebIdentity');
  await expect(app.id('claim-aud')).toHaveValue('sts.amazonaws.com');
  await app.expectDecision('Allow');
  await app.fill('claim-sub', 'repo:evil-org/my-repo:ref:refs/heads/main');
  await app.expectDecision('ImplicitDeny');
  await expect(app.page.locator('[data-testid=context-row][data-key="token.actions.githubusercontent.com:sub"]')).toBeVisible();
});

test('diagnostics: plain-text markers with help; every finding of every policy in Problems, with its fix', async ({ app, page }) => {
  await app.open();
  await app.setPolicyText(doc([{ Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImages', Resource: '*' }]));
  await app.expectDecision('ImplicitDeny');
  // The marker's hover: the message without backticks, then the catalog's help.
  await page.locator('.monaco-editor .view-line span span', { hasText: 'PutImages' }).last().hover();
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'PutImages' });
  await expect(hover).toContainText('‘ecr:PutImages’');
  await expect(hover).toContainText('misspelt action silently matches nothing');
  expect(await hover.first().innerText()).not.toContain('`');
  await page.mouse.move(0, 0);

  await app.view('problems');
  const groups = app.id('problem-group');
  await expect(groups.first()).toContainText('ci-push-team-repos');
  const problem = app.page.locator('[data-testid=problem][data-code=action-unknown]');
  await expect(problem.getByTestId('problem-help')).toContainText('misspelt action');
  await app.screenshot('after-problems');
  await problem.getByTestId('problem-fix').click();
  await app.expectDecision('Allow');
  await expect(app.page.locator('[data-testid=problem][data-code=action-unknown]')).toHaveCount(0);
  expect(await app.editorText()).toContain('"ecr:PutImage"');
});

test('the editor says how to leave it with the keyboard, and Ctrl+M then Tab does', async ({ app, page }) => {
  await app.open();
  await app.selectAllInEditor();
  await expect(app.id('editor-keyboard-hint')).toBeVisible();
  await expect(app.id('editor-keyboard-hint')).toContainText('Ctrl');
  await page.keyboard.press('Control+M');
  await expect(app.id('editor-keyboard-hint')).toHaveAttribute('data-tab-moves-focus', 'true');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(false);
  await expect(app.id('editor-keyboard-hint')).toBeHidden();
});
