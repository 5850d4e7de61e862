import { expect, test } from './pages';

const allowPush = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' }] },
  null,
  2,
);

test('typing a policy changes the decision', async ({ app, page }) => {
  await app.open();
  await app.expectDecision('Allow');
  await app.screenshot('01-default-workspace');

  // The identity policy stops granting the action: nothing allows it any more.
  await app.setPolicyText(allowPush.replace('ecr:PutImage', 'ecr:ListImages'));
  await app.expectDecision('ImplicitDeny');
  await expect(app.id('decision-message')).toContainText('not authorized');

  // Typing one character completes the action's name.
  await app.setPolicyText(allowPush.replace('ecr:PutImage', 'ecr:PutImag'));
  await app.expectDecision('ImplicitDeny');
  await page.locator('.monaco-editor .view-line', { hasText: 'ecr:PutImag' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await app.typeInEditor('e');
  await app.expectDecision('Allow');

  // An explicit deny in the same policy wins.
  await app.setPolicyText(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' },
        { Sid: 'NoPush', Effect: 'Deny', Action: 'ecr:Put*', Resource: '*' },
      ],
    }),
  );
  await app.expectDecision('ExplicitDeny');
  await expect(app.id('decisive-statement')).toContainText('NoPush');
  await expect(app.id('monaco-host')).toHaveAttribute('data-decisive', '1');
  await app.screenshot('02-explicit-deny');
});

test('a typo gets a marker and a quick fix', async ({ app, page }) => {
  await app.open();
  await app.setPolicyText(allowPush.replace('ecr:PutImage', 'ecr:PutImages'));
  await app.expectDecision('ImplicitDeny');
  // A squiggle under the unknown action.
  await expect(page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first()).toBeVisible();
  await app.screenshot('03-typo-marker');
  // Put the cursor on the typo and ask for the quick fix.
  await page.locator('.monaco-editor .view-line', { hasText: 'PutImages' }).click();
  await page.keyboard.press('ControlOrMeta+.');
  const fix = page.locator('.action-widget').getByText('Change to ecr:PutImage');
  await expect(fix).toBeVisible();
  await fix.click();
  await app.expectDecision('Allow');
  expect(await app.editorText()).toContain('"ecr:PutImage"');
});

test('a broken policy reports its error and keeps the page working', async ({ app }) => {
  await app.open();
  await app.setPolicyText('{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", ');
  await expect(app.decision).toHaveAttribute('data-stale', 'true');
  await expect(app.id('decision-stale')).toContainText('line 1');
  await expect(app.id('policy-tab').first().locator('[aria-label$="errors"]')).toBeVisible();
});

test('tabs: add, rename, reorder, switch, remove with undo', async ({ app, page }) => {
  await app.open();
  await expect(app.id('policy-tab')).toHaveCount(2);
  await app.id('add-policy').selectOption('boundary');
  await expect(app.id('policy-tab')).toHaveCount(3);
  await expect(app.id('policy-tab').nth(2)).toHaveAttribute('data-active', 'true');
  await expect(app.id('policy-tab').nth(2)).toHaveAttribute('data-kind', 'boundary');

  // A boundary that does not allow ecr:PutImage turns the decision into an implicit deny.
  await app.setPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }] }));
  await app.expectDecision('ImplicitDeny');

  await app.id('policy-rename').click();
  await app.id('policy-rename-input').fill('only ECS');
  await page.keyboard.press('Enter');
  await expect(app.tab('only ECS')).toBeVisible();

  await app.id('policy-move-left').click();
  await expect(app.id('policy-tab').nth(1)).toHaveAttribute('data-kind', 'boundary');

  await app.id('policy-remove').click();
  await expect(app.id('policy-tab')).toHaveCount(2);
  await app.expectDecision('Allow');
  await app.id('notice-action').click();
  await expect(app.id('policy-tab')).toHaveCount(3);
  await app.expectDecision('ImplicitDeny');

  // Keyboard: Alt+[ goes to the previous tab.
  await app.id('policy-tab').nth(1).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(app.id('policy-tab').nth(0)).toHaveAttribute('data-active', 'true');
});

test('clicking a deciding statement shows it in its editor tab', async ({ app, page }) => {
  await app.open();
  await app.id('action').fill('ecr:BatchDeleteImage');
  await app.expectDecision('ExplicitDeny');
  await app.waitForEditor();
  await expect(app.tab('ci-push-team-repos')).toHaveAttribute('data-active', 'true');
  await app.id('decisive-statement').first().click();
  await expect(app.tab('web repository policy')).toHaveAttribute('data-active', 'true');
  await expect(app.id('monaco-host')).toHaveAttribute('data-decisive', '1');
  // The statement is selected in the editor.
  await expect(page.locator('.monaco-editor .selected-text').first()).toBeVisible();
  await app.screenshot('04-reveal-deciding-statement');
});

test("a misspelt action of a service beyond ECR and ECS is flagged once every service's action names have loaded", async ({ app, page }) => {
  await app.open();
  await app.setPolicyText(allowPush.replace('ecr:PutImage', 's3:GetObjectt'));
  const squiggle = page.locator('.monaco-editor .squiggly-error');
  await expect(squiggle.first()).toBeVisible();
  await page.locator('.monaco-editor .view-line', { hasText: 'GetObjectt' }).click();
  await page.keyboard.press('ControlOrMeta+.');
  await expect(page.locator('.action-widget').getByText('Change to s3:GetObject')).toBeVisible();
});

test('completion offers action names; hover explains an action and a wildcard', async ({ app, page }) => {
  await app.open();
  await app.setPolicyText(allowPush.replace('ecr:PutImage', 'ecr:PutIm'));
  // Completion inside the Action string.
  await page.locator('.monaco-editor .view-line', { hasText: 'ecr:PutIm' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ControlOrMeta+Space');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toBeVisible();
  await expect(suggest.getByText('ecr:PutImage', { exact: false }).first()).toBeVisible();
  await page.keyboard.press('Escape');

  // Hover on an action: its description and access level.
  await app.setPolicyText(allowPush);
  // The innermost span is the string token itself.
  await page.locator('.monaco-editor .view-line span span', { hasText: 'ecr:PutImage' }).last().hover();
  // Monaco keeps earlier hover widgets in the page, hidden: look at the shown one only.
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'ecr:' });
  await expect(hover).toContainText('Write');
  await expect(hover).toContainText('image manifest');

  // Hover on a wildcard: the actions it covers.
  await page.mouse.move(0, 0);
  await page.keyboard.press('Escape');
  await app.setPolicyText(allowPush.replace('ecr:PutImage', 'ecr:Describe*'));
  // Hover widgets open after a dwell; on a busy machine the first one can be missed: hover again until it shows.
  await expect(async () => {
    await page.mouse.move(0, 0);
    await page.locator('.monaco-editor .view-line span span', { hasText: 'Describe' }).last().hover();
    await expect(hover).toContainText('DescribeRepositories', { timeout: 3000 });
  }).toPass({ timeout: 20_000 });
});
