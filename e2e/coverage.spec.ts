// Coverage: findings in a list and in the editor.
import { encodeShareFragment, type Workspace } from '../engine/index.ts';
import { expect, test } from './pages';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const ws: Workspace = {
  policies: [
    {
      kind: 'identity',
      name: 'ci',
      text: doc([
        { Sid: 'PushAll', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' },
        { Sid: 'PushWeb', Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web' },
      ]),
    },
  ],
  request: { principal: 'arn:aws:iam::111111111111:role/ci', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web' },
};

test('a statement another makes redundant is listed and marked in the editor', async ({ app, page }) => {
  await app.open(encodeShareFragment(ws));
  await app.waitForEditor();
  await app.view('reason');
  await app.id('reason-tab-coverage').click();
  const finding = app.id('coverage-finding');
  await expect(finding.first()).toBeVisible({ timeout: 15_000 });
  await expect(app.page.locator('[data-testid=coverage-finding][data-statement="1"]').first()).toBeVisible();
  await expect(app.id('coverage-statement')).toHaveCount(2);
  await expect(app.id('monaco-host')).not.toHaveAttribute('data-coverage', '0');
  await expect(page.locator('.monaco-editor .coverage-label').first()).toBeVisible();
  await app.screenshot('coverage');
});
