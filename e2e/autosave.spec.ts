// Autosave never loses work without a word: two tabs, a full quota, a shared workspace
// too big to store, two links opened in turn, and "Previous" with the storage full.
import type { BrowserContext, Page } from '@playwright/test';
import { App, expect, test } from './pages';

/**
 * Makes this context's localStorage refuse the app's saves as a full quota does:
 * every write of the workspace and the history while sessionStorage says `full`, or any
 * write longer than `policy-sim:max` characters. The page's storage probe still works.
 */
async function limitStorage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (this === window.localStorage && key !== 'policy-sim:probe' && key !== 'policy-sim:prefs') {
        const max = Number(window.sessionStorage.getItem('policy-sim:max') ?? Infinity);
        if (window.sessionStorage.getItem('policy-sim:full') === '1' || value.length > max) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
      }
      return setItem.call(this, key, value);
    };
  });
}

const fillStorage = (page: Page) => page.evaluate(() => window.sessionStorage.setItem('policy-sim:full', '1'));

test('two tabs: neither overwrites the other unseen, and each offers the other’s work', async ({ app, context }) => {
  await app.open();
  const other = new App(await context.newPage());
  await other.open();

  await app.fill('action', 'ecr:TagResource');
  await app.saved();
  // The other tab hears of it: the work is in its history, and a notice offers it.
  await expect(other.id('notice')).toContainText('Another tab saved different work');
  await other.fill('action', 'ecr:ListImages');
  await other.saved();
  await expect(app.id('notice')).toContainText('Another tab saved different work');

  // The last save is the saved workspace; the first tab's work is in the history, saved too.
  await app.page.reload();
  await expect(app.id('action')).toHaveValue('ecr:ListImages');
  await app.id('history').click();
  await expect(app.id('history-entry').filter({ hasText: 'ecr:TagResource' })).toHaveCount(1);
  await app.page.keyboard.press('Escape');

  // The notice's button opens the other tab's work; this tab's own goes into the history.
  await other.id('notice-dismiss').click().catch(() => undefined);
  await other.fill('action', 'ecr:DescribeImages');
  await other.saved();
  await expect(app.id('notice')).toContainText('Another tab saved different work');
  await app.id('notice-action').click();
  await expect(app.id('action')).toHaveValue('ecr:DescribeImages');
});

test('a full quota: the page says so and how to keep the work, and a reload keeps the edits', async ({ app, page, context }) => {
  await limitStorage(context);
  await app.open();
  await fillStorage(page);
  await app.fill('action', 'ecr:TagResource');
  await expect(page.locator('html')).toHaveAttribute('data-saved', 'failed');
  const notice = app.id('notice').filter({ hasText: 'storage for the page is full' });
  await expect(notice).toContainText('Download the workspace as a file, or free space');
  await expect(notice).toHaveAttribute('data-expires', 'false');
  // The address bar holds the work meanwhile.
  await expect.poll(() => page.url()).toContain('#v1.');
  const download = page.waitForEvent('download');
  await notice.getByTestId('notice-action').click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);

  await page.reload();
  await expect(app.id('action')).toHaveValue('ecr:TagResource');
  await app.expectDecision('ImplicitDeny');
});

test('a shared workspace too big to store keeps its link, edits included, until it is saved', async ({ app, browser }) => {
  // A workspace of about 60 KB, where this browser keeps at most 30 KB.
  const big = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: Array.from({ length: 300 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: `ecr:Describe${i}*`, Resource: `arn:aws:ecr:us-east-1:111122223333:repository/team-${i}/*` })),
    },
    null,
    2,
  );
  await app.open();
  await app.setPolicyText(big);
  await app.fill('action', 'ecr:Describe7Images');
  await expect(app.id('policy-tab').first()).toBeVisible();
  const link = await app.shareLink();
  expect(link.length).toBeGreaterThan(3000);

  const fresh = await browser.newContext();
  await limitStorage(fresh);
  const page2 = await fresh.newPage();
  const other = new App(page2);
  await page2.goto('./');
  await page2.evaluate(() => window.sessionStorage.setItem('policy-sim:max', '30000'));
  await page2.goto(link);
  await expect(other.id('action')).toHaveValue('ecr:Describe7Images');
  await expect(page2.locator('html')).toHaveAttribute('data-saved', 'failed');
  await expect(other.id('notice')).toContainText('storage for the page is full');
  expect(page2.url()).toContain('#v1.');

  // One edit, one reload: both the shared workspace and the edit are there.
  await other.fill('action', 'ecr:Describe8Images');
  await expect(page2.locator('html')).toHaveAttribute('data-saved', 'failed');
  await page2.reload();
  await expect(other.id('action')).toHaveValue('ecr:Describe8Images');
  await expect(other.id('policy-tab')).toHaveCount(2);
  await other.selectAllInEditor();
  expect(await other.editorText()).toContain('"Sid": "S0"');
  await fresh.close();
});

test('two links opened in turn: your own work and the first link are both in the history, as the notices say', async ({ app, page }) => {
  await app.open();
  await app.fill('action', 'ecr:ListImages');
  const first = await app.shareLink();
  await app.fill('action', 'ecr:DescribeImages');
  const second = await app.shareLink();
  await app.fill('action', 'ecr:TagResource');
  await app.saved();

  await page.goto(first);
  await page.reload();
  await app.id('share-open').click();
  await expect(app.id('notice')).toContainText('is in the history');
  await expect(app.id('action')).toHaveValue('ecr:ListImages');
  await app.saved();

  await page.goto(second);
  await page.reload();
  await app.id('share-open').click();
  await expect(app.id('action')).toHaveValue('ecr:DescribeImages');
  await app.saved();
  await page.reload();
  await app.id('history').click();
  await expect(app.id('history-entry').filter({ hasText: 'ecr:TagResource' })).toHaveCount(1);
  await expect(app.id('history-entry').filter({ hasText: 'ecr:ListImages' })).toHaveCount(1);
});

test('"Previous" with the storage full brings the work back, and a reload keeps it', async ({ app, page, context }) => {
  await limitStorage(context);
  await app.open();
  await app.fill('action', 'ecr:TagResource');
  await app.saved();
  await fillStorage(page);
  await app.id('new-workspace').click();
  await expect(app.id('action')).toHaveValue('ecr:PutImage');
  await app.id('restore-previous').click();
  await expect(app.id('action')).toHaveValue('ecr:TagResource');
  await expect(app.id('notice-log-button')).toBeVisible();
  await page.reload();
  await expect(app.id('action')).toHaveValue('ecr:TagResource');
});
