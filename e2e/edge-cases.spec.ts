// Edge cases: each with its decision and why; add one as a test, or all at once.
import { encodeShareFragment, type Workspace } from '../engine/index.ts';
import { expect, test } from './pages';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const ws: Workspace = {
  policies: [{ kind: 'identity', name: 'ci', text: doc([{ Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } }]) }],
  request: { principal: 'arn:aws:iam::111111111111:role/ci', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web', context: { 'aws:PrincipalTag/team': 'a' } },
};

test('edge cases show a decision and why, and become tests one at a time or all at once', async ({ app }) => {
  await app.open(encodeShareFragment(ws));
  await app.view('reason');
  await app.id('reason-tab-edges').click();
  const cases = app.id('edge-case');
  await expect(cases.first()).toBeVisible({ timeout: 15_000 });
  await expect(app.page.locator('[data-testid=edge-case][data-kind=key-missing]').first()).toBeVisible();
  await expect(cases.first().getByTestId('edge-why')).not.toBeEmpty();
  const total = await cases.count();
  await app.screenshot('edge-cases');
  await cases.first().getByTestId('edge-add').click();
  await expect(cases.first()).toHaveAttribute('data-tested', 'true');
  await expect(app.id('tests-badge')).toHaveText('1');
  if (total > 1) {
    await app.id('edge-add-all').click();
    await expect(app.id('tests-badge')).toHaveText(String(total));
  }
});
