// Work is never lost: every replaced workspace goes into the history and comes back in one click.
import { expect, test } from './pages';

test('edit, open two examples, and the edit comes back from the history', async ({ app, page }) => {
  await app.open();
  await app.fill('action', 'ecr:TagResource');
  await app.expectDecision('ImplicitDeny');

  await app.view('examples');
  await app.page.locator('[data-testid=gallery-item][data-example-id="ecr-one-repository"] [data-testid=gallery-open]').click();
  await expect(app.id('notice')).toContainText('in the history');
  await app.view('examples');
  await app.page.locator('[data-testid=gallery-item][data-example-id="ecr-wildcards"] [data-testid=gallery-open]').click();
  await expect(app.id('notice')).toContainText('Wildcards');
  await expect(app.id('action')).not.toHaveValue('ecr:TagResource');

  // Both replaced workspaces are in the history, newest first, each with a summary.
  await app.id('history').click();
  const entries = app.id('history-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('Push and pull one repository');
  await expect(entries.nth(1)).toContainText("CI pushes to its team's repositories");
  await expect(entries.nth(1)).toContainText('ecr:TagResource on web');
  await app.screenshot('after-history');
  await entries.nth(1).getByTestId('history-restore').click();
  await expect(app.id('action')).toHaveValue('ecr:TagResource');
  await app.expectDecision('ImplicitDeny');

  // The work it replaced took its place; the history survives a reload.
  await app.saved();
  await page.reload();
  await expect(app.id('action')).toHaveValue('ecr:TagResource');
  await app.id('history').click();
  await expect(app.id('history-entry')).toHaveCount(2);
  await expect(app.id('history-entry').first()).toContainText('Wildcards');
  await page.keyboard.press('Escape');
  await expect(app.id('history-panel')).toHaveCount(0);

  // The header's Previous swaps with the newest entry, both ways.
  await app.id('restore-previous').click();
  await expect(app.id('workspace-name')).toContainText('Wildcards');
  await app.id('restore-previous').click();
  await expect(app.id('action')).toHaveValue('ecr:TagResource');
});

test('New keeps the work in the history, and the notice brings it back', async ({ app }) => {
  await app.open();
  await app.fill('action', 'ecr:ListImages');
  await app.id('new-workspace').click();
  await expect(app.id('action')).toHaveValue('ecr:PutImage');
  await app.id('notice-action').click();
  await expect(app.id('action')).toHaveValue('ecr:ListImages');
});

test('one notice at a time; one that needs no decision goes away, not while it is pointed at; every notice stays listed', async ({ app, page }) => {
  await page.clock.install();
  await app.open();
  await app.id('add-policy').selectOption('boundary');
  await app.id('add-policy').selectOption('boundary');
  await expect(app.id('notice')).toHaveCount(1);
  await expect(app.id('notice')).toHaveAttribute('data-expires', 'true');
  await expect(app.id('notice')).toContainText('already open');
  await app.id('notice').hover();
  await page.clock.runFor(10_000);
  await expect(app.id('notice')).toBeVisible();
  await page.mouse.move(5, 400);
  await page.clock.runFor(10_000);
  await expect(app.id('notice')).toHaveCount(0);
  // Still in the list.
  await app.id('notice-log-button').click();
  await expect(app.id('notice-log-item').first()).toContainText('already open');
});

test('a deleted test can be undone', async ({ app }) => {
  await app.open();
  await app.view('tests');
  await expect(app.id('test-row')).toHaveCount(4);
  await expect(app.id('test-row').first().getByTestId('test-principal')).toContainText('assumed-role/ci-deployer/build-42');
  await expect(app.id('test-row').first().getByTestId('test-action')).toHaveText('ecr:PutImage');
  await expect(app.id('test-row').first().getByTestId('test-resource')).toContainText('repository/web');
  await app.id('test-remove').first().click();
  await expect(app.id('test-row')).toHaveCount(3);
  await expect(app.id('notice')).toContainText('Deleted the test');
  await app.id('notice-action').click();
  await expect(app.id('test-row')).toHaveCount(4);
  await expect(app.id('test-row').first().getByTestId('test-name')).toHaveValue('CI pushes to its team repository');
});
