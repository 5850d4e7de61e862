import { expect, test } from './pages';

test('reloading the page loses nothing', async ({ app, page }) => {
  await app.open();
  await app.id('add-policy').selectOption('scp');
  await app.setPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*' }] }));
  await app.expectDecision('ExplicitDeny');
  await app.fill('resource-name', 'payments');
  await app.view('tests');
  await app.id('save-test').click();
  await app.saved();
  await page.reload();
  await app.expectDecision('ExplicitDeny');
  await expect(app.id('policy-tab')).toHaveCount(3);
  await expect(app.id('policy-tab').nth(2)).toHaveAttribute('data-active', 'true');
  await expect(app.id('resource-name')).toHaveValue('payments');
  await expect(app.id('test-row')).toHaveCount(5);
});

test('New starts from the example and keeps the old work restorable', async ({ app }) => {
  await app.open();
  await app.fill('action', 'ecr:TagResource');
  await app.id('new-workspace').click();
  await expect(app.id('action')).toHaveValue('ecr:PutImage');
  await app.id('notice-action').click();
  await expect(app.id('action')).toHaveValue('ecr:TagResource');
});

test('the page renders before the editor and works on a narrow screen', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open();
  await expect(app.decision).toBeInViewport();
  await app.waitForEditor();
  await app.screenshot('12-narrow');
});

test('themes, help and keyboard shortcuts', async ({ app, page }) => {
  await app.open();
  await app.id('theme-toggle').click();
  await expect(app.id('theme-toggle')).toHaveAttribute('data-theme', 'light');
  await app.id('theme-toggle').click();
  await expect(app.id('theme-toggle')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await app.waitForEditor();
  await app.screenshot('13-dark');
  await page.keyboard.press('Alt+Slash');
  await expect(app.id('help-dialog')).toBeVisible();
  await expect(app.id('help-dialog')).toContainText('Alt+Shift+C');
  await page.keyboard.press('Escape');
  await expect(app.id('help-dialog')).toHaveCount(0);
  await page.keyboard.press('Alt+2');
  await expect(app.id('batch')).toBeVisible();
  await page.keyboard.press('Alt+BracketRight');
  await expect(app.id('policy-tab').nth(1)).toHaveAttribute('data-active', 'true');
  // Visible focus on keyboard navigation.
  await app.id('view-tests').focus();
  await page.keyboard.press('Enter');
  await expect(app.id('tests')).toBeVisible();
});

test('works offline after one visit', async ({ app, page, context }) => {
  await app.open();
  await app.waitForEditor();
  // The service worker keeps every file this visit loaded.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const cache = await caches.open('policy-sim-v1');
          const keys = (await cache.keys()).map((r) => r.url);
          // Every script and style sheet the visit loaded (Monaco comes in several chunks), and the worker.
          const loaded = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('/assets/'));
          return {
            page: keys.some((k) => /\/policy-sim\/$/.test(k)),
            editor: loaded.some((u) => /\/MonacoEditor-[^/]+\.js$/.test(u)) && loaded.some((u) => u.endsWith('.css')),
            missing: loaded.filter((u) => !keys.includes(u)),
            worker: keys.some((k) => /editor\.worker-[^/]+\.js$/.test(k)),
          };
        }),
      { timeout: 15_000 },
    )
    .toEqual({ page: true, editor: true, missing: [], worker: true });
  await context.setOffline(true);
  await page.reload();
  await app.expectDecision('Allow');
  await app.waitForEditor();
  await context.setOffline(false);
});
