import { expect, test, App } from './pages';

const denyAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NothingToday', Effect: 'Deny', Action: 'ecr:*', Resource: '*' }] }, null, 2);

test('a share link restores the workspace in a fresh browser', async ({ app, browser, baseURL }) => {
  await app.open();
  await app.setPolicyText(denyAll);
  await app.fill('action', 'ecr:BatchGetImage');
  await app.expectDecision('ExplicitDeny');
  await app.view('tests');
  await app.id('save-test').click();
  const link = await app.shareLink();
  expect(link).toMatch(/#v1\.[A-Za-z0-9_-]+$/);
  expect(link.startsWith(baseURL ?? '')).toBe(true);

  const fresh = await browser.newContext();
  const page = await fresh.newPage();
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(baseURL ?? '').origin)) outside.push(r.url());
  });
  const other = new App(page);
  await page.goto(link);
  await other.expectDecision('ExplicitDeny');
  await expect(other.id('action')).toHaveValue('ecr:BatchGetImage');
  await expect(other.id('policy-tab')).toHaveCount(2);
  await other.view('tests');
  await expect(other.id('test-row')).toHaveCount(5);
  await expect(other.id('share-banner')).toHaveCount(0);
  // The link did its work: the address bar is clean and the workspace is saved.
  await expect.poll(() => page.url()).not.toContain('#');
  await page.reload();
  await other.expectDecision('ExplicitDeny');
  await other.screenshot('09-opened-share-link');
  expect(outside).toEqual([]);
  await fresh.close();
});

test('a share link never silently replaces your own work', async ({ app, page }) => {
  await app.open();
  await app.fill('action', 'ecr:ListImages');
  await app.expectDecision('ImplicitDeny');
  const link = await app.shareLink();

  // My own work moves on (and differs from the default example).
  await app.fill('action', 'ecr:BatchGetImage');
  await app.expectDecision('Allow');
  await app.saved();

  await page.goto(link);
  await page.reload();
  await expect(app.id('share-banner')).toBeVisible();
  await app.expectDecision('Allow');
  await app.screenshot('10-share-banner');
  await app.id('share-keep').click();
  await expect(app.id('share-banner')).toHaveCount(0);
  await expect(app.id('action')).toHaveValue('ecr:BatchGetImage');
  // The shared workspace is not lost either.
  await expect(app.id('notice')).toContainText('in the history');
  await app.id('notice-dismiss').click();

  // Opening it this time keeps mine as the previous workspace.
  await page.goto(link);
  await page.reload();
  await app.id('share-open').click();
  await expect(app.id('action')).toHaveValue('ecr:ListImages');
  await app.expectDecision('ImplicitDeny');
  await app.id('restore-previous').click();
  await expect(app.id('action')).toHaveValue('ecr:BatchGetImage');
  await app.expectDecision('Allow');
});

test('a damaged link shows a clear message and keeps the current work', async ({ app, page }) => {
  await app.open();
  await app.fill('action', 'ecr:DescribeImages');
  await app.saved();
  const link = await app.shareLink();
  const damaged = link.slice(0, link.length - 25);
  await page.goto(damaged);
  await page.reload();
  await expect(app.id('share-error')).toBeVisible();
  await expect(app.id('share-error')).toContainText(/damaged or incomplete/);
  await expect(app.id('action')).toHaveValue('ecr:DescribeImages');
  await app.screenshot('11-damaged-link');
  await app.id('share-error-dismiss').click();
  await expect(app.id('share-error')).toHaveCount(0);

  // A link pasted into an open page is read too.
  await page.evaluate(() => {
    location.hash = '#v1.not-a-real-link';
  });
  await expect(app.id('share-error')).toBeVisible();
  await expect(app.id('action')).toHaveValue('ecr:DescribeImages');
});
