// Compare two versions: the verdict, grouped differences each with a concrete request, and
// one click to open a difference in the simulator with both versions' decisions and traces.
import { encodeShareFragment, type Workspace } from '../engine/index.ts';
import { expect, test } from './pages';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const narrow = doc([{ Sid: 'PushTeamA', Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:us-east-1:111111111111:repository/team-a/*' }]);
const wide = doc([{ Sid: 'PushAll', Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:us-east-1:111111111111:repository/*' }]);

const workspace = (text: string): Workspace => ({
  policies: [{ kind: 'identity', name: 'ci', text }],
  request: { principal: 'arn:aws:iam::111111111111:role/ci', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111111111111:repository/team-a/api' },
});

test('a pasted policy in place of a tab: the widening is more permissive, and a difference opens with both versions', async ({ app, page }) => {
  await app.open(encodeShareFragment(workspace(narrow)));
  await app.expectDecision('Allow');
  await app.view('reason');
  await expect(app.id('reason-view')).toBeVisible();
  await app.id('reason-tab-compare').click();
  await app.id('compare-before-source').selectOption('current');
  await app.id('compare-after-source').selectOption('paste');
  await app.id('compare-after-text').fill(wide);
  await app.id('compare-run').click();
  const verdict = app.id('compare-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'more-permissive', { timeout: 15_000 });
  await expect(app.id('compare-status')).toHaveAttribute('data-status', 'done');
  const diffs = app.id('compare-difference');
  expect(await diffs.count()).toBeGreaterThan(0);
  // Every difference is a newly allowed push outside team-a.
  for (const d of await diffs.all()) {
    await expect(d).toHaveAttribute('data-after', 'Allow');
    await expect(d).not.toContainText('team-a/');
  }
  await expect(app.id('compare-group').first()).toContainText('ecr:PutImage');
  await app.screenshot('compare-result');

  await diffs.first().getByTestId('compare-open').click();
  // The simulator now holds that request: the current (narrow) version denies it.
  await app.expectDecision('ImplicitDeny');
  const compared = app.id('compared');
  await expect(compared).toBeVisible();
  await expect(page.locator('[data-testid=compared-side][data-side=before]')).toHaveAttribute('data-decision', 'ImplicitDeny');
  await expect(page.locator('[data-testid=compared-side][data-side=after]')).toHaveAttribute('data-decision', 'Allow');
  await expect(page.locator('[data-testid=compared-side][data-side=after]')).toContainText('PushAll');
  await page.locator('[data-testid=compared-side][data-side=after]').getByTestId('compared-trace').locator('summary').click();
  await expect(page.locator('[data-testid=compared-side][data-side=after] [data-testid=compared-statement][data-applies=true]')).toHaveCount(1);
  await app.screenshot('compare-opened');
  await app.id('compared-close').click();
  await expect(compared).toHaveCount(0);
});

test('the same workspace as a share link is equivalent, with no differences', async ({ app }) => {
  await app.open(encodeShareFragment(workspace(narrow)));
  await app.view('reason');
  await app.id('compare-before-source').selectOption('link');
  await app.id('compare-before-link').fill(`http://example.test/#${encodeShareFragment(workspace(narrow))}`);
  await app.id('compare-after-source').selectOption('current');
  await app.id('compare-run').click();
  await expect(app.id('compare-verdict')).toHaveAttribute('data-verdict', 'equivalent', { timeout: 15_000 });
  await expect(app.id('compare-verdict')).toHaveAttribute('data-differences', '0');
  await expect(app.id('compare-difference')).toHaveCount(0);
});

test('a version that cannot be read says why, and nothing runs', async ({ app }) => {
  await app.open(encodeShareFragment(workspace(narrow)));
  await app.view('reason');
  await app.id('compare-before-source').selectOption('link');
  await app.id('compare-before-link').fill('not a link');
  await app.id('compare-run').click();
  await expect(app.id('compare-error')).toContainText('Before:');
  await expect(app.id('compare-status')).toHaveAttribute('data-status', 'idle');
});
