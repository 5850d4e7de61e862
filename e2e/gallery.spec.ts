import { expect, test } from './pages';

test('every example opens with its cases as passing policy tests', async ({ app }) => {
  await app.open();
  await app.view('examples');
  const items = app.id('gallery-item');
  // The view loads when first shown.
  await expect(items.first()).toBeVisible();
  const count = await items.count();
  expect(count).toBeGreaterThan(0);
  // One test walks every example and every case: its time grows with the gallery.
  test.setTimeout(30_000 + count * 12_000);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await items.nth(i).getAttribute('data-example-id')) ?? '');
  // An example that records its source links to the AWS page and says which version it reproduces.
  const slr = app.page.locator('[data-testid=gallery-item][data-example-id="ecs-service-linked-role"]');
  await expect(slr.getByTestId('gallery-source')).toHaveAttribute('href', /^https:\/\/docs\.aws\.amazon\.com\//);
  await expect(slr.getByTestId('gallery-version')).toContainText('v24');

  for (const [i, id] of ids.entries()) {
    await app.view('examples');
    await app.page.locator(`[data-testid=gallery-item][data-example-id="${id}"] [data-testid=gallery-open]`).click();
    // Opening shows the example's cases as tests; each gets the decision the example expects.
    const rows = app.id('test-row');
    await expect(rows.first()).toBeVisible();
    const n = await rows.count();
    for (let r = 0; r < n; r++) {
      const row = rows.nth(r);
      const expected = await row.getAttribute('data-expect');
      await expect(row, `${id}: case "${await row.getByTestId('test-name').inputValue()}"`).toHaveAttribute('data-actual', expected ?? '');
    }
    // The first case is the open request.
    await expect(app.decision).toHaveAttribute('data-decision', (await rows.first().getAttribute('data-expect')) ?? '');
    if (i === 0) await app.screenshot('08-example-opened');
  }
});
