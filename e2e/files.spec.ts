// Workspace files: Save downloads the envelope, Open and drop read it back; the work
// they replace goes into the history; a broken file says where.
import { readFileSync } from 'node:fs';
import { expect, test } from './pages';

test('save a workspace as a file, open it again, and drop one on the page', async ({ app, page }) => {
  await app.open();
  await app.fill('action', 'ecr:TagResource');
  const [download] = await Promise.all([page.waitForEvent('download'), app.id('save-workspace').click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const saved = readFileSync((await download.path())!, 'utf8');
  const envelope = JSON.parse(saved) as { format: number; workspace: { request: { action: string } } };
  expect(envelope.format).toBe(1);
  expect(envelope.workspace.request.action).toBe('ecr:TagResource');

  // Something else replaces it; Open brings the file back, and the replaced work goes into the history.
  await app.id('new-workspace').click();
  await expect(app.id('action')).not.toHaveValue('ecr:TagResource');
  await app.id('open-workspace-input').setInputFiles({ name: 'tagging.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await expect(app.id('action')).toHaveValue('ecr:TagResource');
  await expect(app.id('workspace-name')).toHaveText('tagging');
  await app.id('history').click();
  await expect(app.id('history-entry').first()).toBeVisible();
  await page.keyboard.press('Escape');

  // A gallery file dropped on the page opens too.
  const gallery = readFileSync('examples/ecr-wildcards.json', 'utf8');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'ecr-wildcards.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, gallery);
  await expect(app.id('workspace-name')).toHaveText('ecr-wildcards');
  await expect(app.id('tests-badge')).toBeVisible();
});

test('a broken workspace file says what and where, and keeps the current work', async ({ app }) => {
  await app.open();
  await app.fill('action', 'ecr:TagResource');
  await app.id('open-workspace-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "format": 1,\n  "workspace": {\n') });
  await expect(app.id('notice')).toContainText('broken.json');
  await expect(app.id('notice')).toContainText('line');
  await expect(app.id('action')).toHaveValue('ecr:TagResource');
});

test('every gallery example downloads as the same workspace file the repository ships', async ({ app, page }) => {
  await app.open();
  await app.view('examples');
  const item = page.locator('[data-testid=gallery-item][data-example-id="ecr-wildcards"]');
  const [download] = await Promise.all([page.waitForEvent('download'), item.first().getByTestId('gallery-save').click()]);
  expect(download.suggestedFilename()).toBe('ecr-wildcards.json');
  const got = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { workspace: unknown };
  const shipped = JSON.parse(readFileSync('examples/ecr-wildcards.json', 'utf8')) as { workspace: unknown };
  expect(got.workspace).toEqual(shipped.workspace);
});
