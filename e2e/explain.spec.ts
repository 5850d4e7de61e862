// Inline explain: with the request selected, each statement and condition in the editor
// says whether it matched, and the hover says why.
import { encodeShareFragment, type Workspace } from '../engine/index.ts';
import { expect, test } from './pages';

const policy = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'PushOwnTeam', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } },
      { Sid: 'Pull', Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' },
    ],
  },
  null,
  2,
);

const workspace = (team: string): Workspace => ({
  policies: [{ kind: 'identity', name: 'ci', text: policy }],
  request: {
    principal: 'arn:aws:iam::111111111111:role/ci',
    action: 'ecr:PutImage',
    resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web',
    context: { 'aws:PrincipalTag/team': team },
  },
});

test('each statement and condition says whether it matched the request, and the hover says why', async ({ app, page }) => {
  await app.open(encodeShareFragment(workspace('b')));
  await app.expectDecision('ImplicitDeny');
  await app.waitForEditor();
  const host = app.id('monaco-host');
  await expect(host).toHaveAttribute('data-explained', '2');
  const labels = page.locator('.monaco-editor .explain-label');
  await expect(labels.filter({ hasText: 'condition aws:PrincipalTag/team is false' })).toHaveCount(1);
  await expect(labels.filter({ hasText: 'Action does not match' })).toHaveCount(1);
  await expect(labels.filter({ hasText: '✗ false' })).toHaveCount(1);
  await app.screenshot('explain-miss');

  // The hover on the condition gives the reason.
  await page.locator('.monaco-editor .explain-condition').first().hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'StringEquals' }).first()).toBeVisible();

  // A request that satisfies the condition: the same statement now applies.
  const value = page.locator('[data-testid=context-row][data-key="aws:PrincipalTag/team"]').getByTestId('context-value');
  await value.fill('a');
  await value.press('Enter');
  await app.expectDecision('Allow');
  await expect(labels.filter({ hasText: 'applies (Allow)' })).toHaveCount(1);
  await expect(labels.filter({ hasText: '✓ true' })).toHaveCount(1);
  await app.screenshot('explain-match');
});

test('the Explain switch turns the marks off and on', async ({ app, page }) => {
  await app.open(encodeShareFragment(workspace('a')));
  await app.waitForEditor();
  const labels = page.locator('.monaco-editor .explain-label');
  await expect(labels.first()).toBeVisible();
  const toggle = app.id('explain-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(labels).toHaveCount(0);
  await expect(app.id('monaco-host')).toHaveAttribute('data-explained', '0');
  await toggle.click();
  await expect(labels.first()).toBeVisible();
});
