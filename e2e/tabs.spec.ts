// Every tab is reachable, whatever the number of policies and the width of the screen.
import { expect, test, type App } from './pages';

async function addTen(app: App) {
  for (const kind of ['identity', 'identity', 'identity', 'identity', 'scp', 'scp', 'scp', 'rcp', 'boundary', 'session']) await app.id('add-policy').selectOption(kind);
  await expect(app.id('policy-tab')).toHaveCount(12);
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
]) {
  test(`12 tabs: a click on each one activates it, nothing covers it (${viewport.width}px)`, async ({ app, page }) => {
    await page.setViewportSize(viewport);
    await app.open();
    await addTen(app);
    const tabs = app.id('policy-tab');
    const add = await app.id('add-policy').boundingBox();
    for (let i = 0; i < 12; i++) {
      const tab = tabs.nth(i);
      // Playwright clicks only what is visible and not covered by another element.
      await tab.click();
      await expect(tab).toHaveAttribute('data-active', 'true');
      await expect(tab).toBeInViewport({ ratio: 1 });
      const box = await tab.boundingBox();
      expect(box && add && (box.x + box.width <= add.x || box.y + box.height <= add.y || box.y >= add.y + add.height), `tab ${i + 1} clear of the add control`).toBe(true);
    }
    await app.screenshot(`after-tabs-${viewport.width}`);
    // The list names every tab and opens any of them.
    await app.id('policy-tab-list').click();
    await expect(app.id('policy-tab-list-item')).toHaveCount(12);
    await app.id('policy-tab-list-item').nth(2).click();
    await expect(tabs.nth(2)).toHaveAttribute('data-active', 'true');
    await expect(tabs.nth(2)).toBeInViewport({ ratio: 1 });
  });
}

test('policy tabs and view tabs follow the tabs pattern: arrows, Home, End, one tab in the Tab order', async ({ app, page }) => {
  await app.open();
  await addTen(app);
  const tabs = app.id('policy-tab');
  await tabs.first().click();
  await page.keyboard.press('End');
  await expect(tabs.nth(11)).toHaveAttribute('data-active', 'true');
  await expect(tabs.nth(11)).toBeFocused();
  await expect(tabs.nth(11)).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('ArrowRight');
  await expect(tabs.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await expect(tabs.nth(0)).toHaveAttribute('data-active', 'true');
  await expect(page.locator('[data-testid=policy-tab][tabindex="0"]')).toHaveCount(1);

  await app.id('view-explain').click();
  await page.keyboard.press('ArrowRight');
  await expect(app.id('view-batch')).toBeFocused();
  await expect(app.id('batch')).toBeVisible();
  await page.keyboard.press('End');
  // The last view is Reason.
  await expect(app.id('view-reason')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(app.id('view-explain')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[role=tab][data-testid^=view-][tabindex="0"]')).toHaveCount(1);
});

test('SCP tabs name their organization level, and levels can be reordered', async ({ app }) => {
  await app.open();
  for (let i = 0; i < 3; i++) await app.id('add-policy').selectOption('scp');
  const scps = app.page.locator('[data-testid=policy-tab][data-kind=scp]');
  await expect(scps.getByTestId('policy-level')).toHaveText(['root', 'OU', 'account']);
  await expect(app.id('policy-level-label')).toContainText('the account, level 3 of 3');
  const last = await scps.nth(2).getAttribute('data-policy-id');
  await app.id('level-up').click();
  await expect(scps.nth(1)).toHaveAttribute('data-policy-id', last ?? '');
  await expect(scps.nth(1)).toHaveAttribute('data-level', 'OU');
  await expect(app.id('policy-level-label')).toContainText('an OU');
});
