// Least-privilege fix for a denial: a diff, the before/after comparison as proof, one click
// applies it and the history keeps the old version.
import { encodeShareFragment, type Workspace } from '../engine/index.ts';
import { expect, test } from './pages';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const ws: Workspace = {
  policies: [{ kind: 'identity', name: 'ci', text: doc([{ Sid: 'Pull', Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web' }]) }],
  request: { principal: 'arn:aws:iam::111111111111:role/ci', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web' },
};

test('an implicit deny gets a fix with a diff and a proof; applying it allows the request and keeps the old version', async ({ app }) => {
  await app.open(encodeShareFragment(ws));
  await app.expectDecision('ImplicitDeny');
  await app.view('reason');
  await app.id('reason-tab-fix').click();
  const item = app.id('fix-item').first();
  await expect(item).toBeVisible({ timeout: 15_000 });
  await expect(item.getByTestId('fix-diff')).toContainText('ecr:PutImage');
  await expect(item.getByTestId('fix-proof')).toBeVisible();
  // The proof: only PutImage requests change.
  for (const d of await item.getByTestId('fix-proof-difference').all()) await expect(d).toContainText('ecr:PutImage');
  await app.screenshot('fix-panel');
  await item.getByTestId('fix-apply').click();
  await app.expectDecision('Allow');
  await app.id('history').click();
  await expect(app.id('history-entry').first()).toBeVisible();
});
