// "Who can reach a repository": the Access panel, against the built site.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, type App } from './pages';

const EXAMPLE = 'web/features/access/example';
const exampleFiles = ['authorization-details.json', 'describe-repositories.json', 'repository-policies.json', 'org-policies.json'].map((name) => ({
  name,
  mimeType: 'application/json',
  buffer: readFileSync(`${EXAMPLE}/${name}`),
}));

function cell(app: App, principal: string, repository: string, action: string) {
  return app.page.locator(`[data-testid=access-cell][data-principal="${principal}"][data-repository="${repository}"][data-action="${action}"]`);
}

async function openAccess(app: App): Promise<void> {
  await app.open();
  await app.id('access-button').click();
  await expect(app.id('access-welcome')).toBeVisible();
}

async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include('[data-testid=access-panel]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A generated account: roles with a few policies each (team repositories, tag conditions, a boundary), repositories with policies. */
function generatedAccount(roles: number, repos: number) {
  const A = '111111111111';
  const arn = (name: string) => `arn:aws:ecr:us-east-1:${A}:repository/${name}`;
  const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
  const RoleDetailList = Array.from({ length: roles }, (_, i) => ({
    RoleName: `svc-${String(i).padStart(3, '0')}`,
    Arn: `arn:aws:iam::${A}:role/svc-${String(i).padStart(3, '0')}`,
    Path: '/',
    AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    RolePolicyList: [
      { PolicyName: 'push', PolicyDocument: doc({ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:BatchGetImage'], Resource: arn(`team-${i % 10}/*`) }) },
      { PolicyName: 'tagged', PolicyDocument: doc({ Effect: 'Allow', Action: 'ecr:BatchDeleteImage', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:PrincipalTag/team}' } } }) },
    ],
    AttachedManagedPolicies: i % 3 === 0 ? [{ PolicyName: 'read', PolicyArn: `arn:aws:iam::${A}:policy/read` }] : [],
    Tags: [{ Key: 'team', Value: `team-${i % 10}` }],
  }));
  const Policies = [{ PolicyName: 'read', Arn: `arn:aws:iam::${A}:policy/read`, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' }) }] }];
  const names = Array.from({ length: repos }, (_, i) => `team-${i % 10}/app-${i}`);
  const policies = Object.fromEntries(
    names.filter((_, i) => i % 4 === 0).map((n) => [n, doc({ Sid: 'NoPushFromOdd', Effect: 'Deny', Principal: '*', Action: 'ecr:PutImage', Condition: { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/svc-??1` } } })]),
  );
  return [
    { name: 'details.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ RoleDetailList, UserDetailList: [], GroupDetailList: [], Policies })) },
    { name: 'repos.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ repositories: names.map((n) => ({ repositoryArn: arn(n) })) })) },
    { name: 'policies.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(policies)) },
  ];
}

test('load an account from files, read its cells, and open one in the workspace', async ({ app, page }) => {
  await openAccess(app);
  await app.fill('access-region', 'us-east-1');
  await app.fill('access-org-id', 'o-a1b2c3d4e5');
  await app.id('access-file-input').setInputFiles(exampleFiles);
  await expect(app.id('access-done')).toBeVisible();
  await expect(app.id('access-summary-principals')).toHaveText('5 roles, 2 users');
  await expect(app.id('access-summary-resources')).toHaveText('5 repositories (4 with a repository policy)');
  await expect(app.id('access-summary-org')).toHaveText('1 SCP, 1 RCP');
  await expect(app.id('access-warnings')).toHaveCount(0);

  // A role allowed to push to its team's repository, denied (implicitly) on another team's,
  // and denied explicitly by a prod repository's policy.
  await app.fill('access-filter-principal', 'ci-*');
  await expect(app.id('access-count')).toHaveAttribute('data-matches', '5');
  await expect(cell(app, 'ci-deployer', 'team-a/api', 'ecr:PutImage')).toHaveAttribute('data-decision', 'Allow');
  await expect(cell(app, 'ci-deployer', 'team-a/api', 'ecr:PutImage')).toContainText('Allow');
  await expect(cell(app, 'ci-deployer', 'team-b/worker', 'ecr:PutImage')).toHaveAttribute('data-decision', 'ImplicitDeny');
  await expect(cell(app, 'ci-deployer', 'team-b/worker', 'ecr:PutImage')).toContainText('Implicit deny');
  const prod = cell(app, 'ci-deployer', 'prod/api', 'ecr:PutImage');
  await expect(prod).toHaveAttribute('data-decision', 'ExplicitDeny');
  await expect(prod).toContainText('Explicit deny');

  await prod.click();
  const why = app.id('access-explanation');
  await expect(why).toHaveAttribute('data-decision', 'ExplicitDeny');
  await expect(app.id('access-explanation-message')).toContainText('with an explicit deny in a resource-based policy');
  await expect(app.id('access-deciding-statement')).toHaveCount(1);
  await expect(app.id('access-deciding-statement')).toContainText('prod/api repository policy › ReleaseOnlyWrites');
  await expect(page.locator('[data-testid=access-eval-step][data-stage=explicit-deny]')).toHaveAttribute('data-outcome', 'deny');
  await app.screenshot('access-explanation');

  // The same request in the main workspace: its policies as tabs, the same decision.
  await app.id('access-open-workspace').click();
  await expect(app.id('access-panel')).toHaveCount(0);
  await app.expectDecision('ExplicitDeny');
  await expect(app.id('resource-arn')).toHaveValue('arn:aws:ecr:us-east-1:111111111111:repository/prod/api');
  await expect(app.id('policy-tab')).toHaveCount(5);
  await expect(app.page.locator('[data-testid=policy-tab][data-kind=resource]')).toContainText('prod/api repository policy');
  await expect(app.id('notice')).toContainText('Access table');
  await app.screenshot('access-in-workspace');
});

test('ask who can push to prod/*, filter, and export the answer as CSV', async ({ app, page }) => {
  await openAccess(app);
  await app.screenshot('access-welcome');
  await app.id('access-example').click();
  await expect(app.id('access-done')).toBeVisible();
  await app.screenshot('access-example');

  await app.fill('access-query', 'Who can push to prod/*?');
  await page.keyboard.press('Enter');
  await expect(app.id('access-count')).toHaveAttribute('data-matches', '2');
  await expect(app.id('access-group-by')).toHaveValue('repository');
  await expect(app.id('access-filter-repository')).toHaveValue('prod/*');
  await expect(app.id('access-filter-decision')).toHaveValue('Allow');
  await expect(app.page.locator('[data-testid=access-group]')).toHaveText([/prod\/api/, /prod\/web/]);
  await expect(app.page.locator('[data-testid=access-cell][data-action="ecr:PutImage"][data-decision=Allow]')).toHaveCount(2);
  await expect(cell(app, 'release', 'prod/api', 'ecr:PutImage')).toHaveAttribute('data-decision', 'Allow');
  await app.id('access-syntax-toggle').click();
  await app.screenshot('access-who-can-push');
  await app.id('access-syntax-toggle').click();

  const [download] = await Promise.all([page.waitForEvent('download'), app.id('access-export').click()]);
  expect(download.suggestedFilename()).toBe('ecr-access.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toBe(
    [
      'principal,repository,action,decision,stage',
      'arn:aws:iam::111111111111:role/service/release,arn:aws:ecr:us-east-1:111111111111:repository/prod/api,ecr:PutImage,Allow,identity',
      'arn:aws:iam::111111111111:role/service/release,arn:aws:ecr:us-east-1:111111111111:repository/prod/web,ecr:PutImage,Allow,identity',
      '',
    ].join('\r\n'),
  );

  // Denied pushes: the prod repository policy's Deny, by principal.
  await app.fill('access-query', 'who can push to prod/* decision:explicit');
  await page.keyboard.press('Enter');
  await app.id('access-group-by').selectOption('principal');
  // Every principal but the release role: the Deny names everyone else.
  await expect(app.id('access-count')).toHaveAttribute('data-matches', '12');
  await expect(app.page.locator('[data-testid=access-group]')).toHaveCount(6);
  await expect(app.page.locator('[data-testid=access-group][data-group=release]')).toHaveCount(0);

  // What one role can do, with an action from the catalog added as a column.
  await app.fill('access-add-action', 'ecr:describeimages');
  await app.id('access-add-action-button').click();
  await expect(app.page.locator('[data-testid=access-extra-action]')).toHaveAttribute('data-action', 'ecr:DescribeImages');
  await app.fill('access-query', 'what can ci-deployer do in ECR?');
  await page.keyboard.press('Enter');
  await expect(app.id('access-done')).toBeVisible();
  await expect(app.page.locator('[data-testid=access-group]')).toHaveText([/ci-deployer/]);
  // Where it is allowed anything: its team's repository and prod (pull only: prod's policy denies its pushes).
  await expect(app.id('access-count')).toHaveAttribute('data-matches', '3');
  await expect(app.page.locator('[data-testid=access-row]')).toHaveText([/prod\/api/, /prod\/web/, /team-a\/api/]);
  await expect(cell(app, 'ci-deployer', 'prod/api', 'ecr:BatchGetImage')).toHaveAttribute('data-decision', 'Allow');
  await expect(cell(app, 'ci-deployer', 'prod/api', 'ecr:PutImage')).toHaveAttribute('data-decision', 'ExplicitDeny');
  await expect(cell(app, 'ci-deployer', 'team-a/api', 'ecr:DescribeImages')).toHaveAttribute('data-decision', 'ImplicitDeny');
  await app.screenshot('access-what-can');

  await app.id('access-syntax-toggle').click();
  await expect(app.id('access-syntax')).toContainText('who can <level>');
  await app.id('access-syntax-toggle').click();

  // A query the grammar does not read says what it expected.
  await app.fill('access-query', 'who may push');
  await page.keyboard.press('Enter');
  await expect(app.id('access-query-error')).toContainText('who can');
});

test('cells are reachable by keyboard, and axe finds nothing serious in light and dark', async ({ app, page }) => {
  await openAccess(app);
  await app.id('access-example').click();
  await expect(app.id('access-done')).toBeVisible();
  await expectNoSeriousViolations(page, 'light');

  // Into the grid: the first cell takes focus; arrows move; Enter explains.
  await page.locator('[data-testid=access-table] [tabindex="0"]').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('data-testid', 'access-cell');
  await expect(focused).toHaveAttribute('data-action', 'ecr:PutImage');
  await page.keyboard.press('Enter');
  await expect(app.id('access-explanation')).toHaveAttribute('data-decision', /.+/);
  // A group row closes with ← on its first cell.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowLeft');
  await expect(app.page.locator('[data-testid=access-group]').first()).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(app.page.locator('[data-testid=access-group]').first()).toHaveAttribute('aria-expanded', 'true');

  await app.id('access-theme').click();
  await app.id('access-theme').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expectNoSeriousViolations(page, 'dark');
  await app.screenshot('access-dark');
  await page.keyboard.press('Escape');
  await expect(app.id('access-explanation')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(app.id('access-panel')).toHaveCount(0);
  await expect(app.id('access-button')).toBeFocused();
});

test('a generated larger account: the progress bar appears and completes, the page stays usable', async ({ app, page }) => {
  await openAccess(app);
  await app.fill('access-region', 'us-east-1');
  // Record what the progress bar showed, however quickly it goes.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid=access-progress]');
      if (bar) seen.push(Number(bar.getAttribute('aria-valuenow')));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  const started = Date.now();
  await app.id('access-file-input').setInputFiles(generatedAccount(300, 100));
  await expect(app.id('access-done')).toBeVisible({ timeout: 20_000 });
  const wall = Date.now() - started;
  await expect(app.id('access-progress')).toHaveCount(0);
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  expect(seen.length).toBeGreaterThan(0);
  expect(Math.min(...seen)).toBeLessThan(300);
  await expect(app.id('access-summary-principals')).toHaveText('300 roles, 0 users');
  const ms = Number(await app.id('access-done').getAttribute('data-ms'));
  console.log(`300 principals × 100 repositories × 4 actions: worker ${ms} ms; files to table ${wall} ms`);

  // Collapsed by principal (30,000 pairs): one row per principal, virtualized.
  await expect(app.id('access-count')).toHaveAttribute('data-matches', '30000');
  await expect(app.page.locator('[data-testid=access-group]').first()).toHaveAttribute('aria-expanded', 'false');
  await app.id('access-expand').click();
  const rendered = await app.page.locator('[data-testid=access-table] [role=row]').count();
  expect(rendered).toBeLessThan(80);
  await app.id('access-table').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(app.page.locator('[data-testid=access-row]').last()).toContainText('team-9/app-99');
  // The group of the top row stays in sight.
  await expect(app.page.locator('.access-pinned')).toContainText('svc-299');
  await expect(app.id('access-warnings')).toHaveCount(0);
  await app.screenshot('access-generated');

  // Another column: the table is computed again.
  await app.fill('access-add-action', 'ecr:DescribeImages');
  await app.id('access-add-action-button').click();
  await expect(app.id('access-done')).toBeVisible({ timeout: 20_000 });
  expect(await app.page.locator('[data-testid=access-table] [role=columnheader]').count()).toBe(6);
});

test('a computation can be cancelled, and a new load replaces the one running', async ({ app, page }) => {
  await openAccess(app);
  await app.fill('access-region', 'us-east-1');
  for (const action of ['ecr:DescribeImages', 'ecr:ListImages']) {
    await app.fill('access-add-action', action);
    await app.id('access-add-action-button').click();
  }
  // 5,000 roles × 500 repositories × 6 actions: 15 million decisions, long enough to stop half-way.
  await app.id('access-file-input').setInputFiles(generatedAccount(5000, 500));
  // Cancel in the first frame that shows rows coming in: Playwright's own click waits for the
  // button to hold still over frames, which on a loaded 2-core machine can outlast the run.
  await page.waitForFunction(
    () => {
      const cancel = document.querySelector<HTMLButtonElement>('[data-testid=access-cancel]');
      const done = Number(document.querySelector('[data-testid=access-progress]')?.getAttribute('aria-valuenow'));
      if (cancel && done > 0) cancel.click();
      return !!cancel && done > 0;
    },
    null,
    { polling: 'raf', timeout: 20_000 },
  );
  await expect(app.id('access-cancelled')).toBeVisible();
  await expect(app.id('access-progress')).toHaveCount(0);
  const stopped = await app.id('access-cancelled').textContent();
  expect(stopped).toMatch(/Stopped after [\d,]+ of 5,000 principals/);
  // The last role is computed last: its cells are not there yet.
  await app.fill('access-filter-principal', 'svc-4999');
  await expect(app.page.locator('[data-testid=access-cell][data-decision=pending]').first()).toBeVisible();

  // Go on; the page answers meanwhile; then load another account before the first ends:
  // only the new account's table shows.
  await app.id('access-resume').click();
  await expect(app.id('access-progress')).toBeVisible();
  await app.fill('access-filter-principal', '');
  await expect(app.id('access-filter-principal')).toHaveValue('');
  await app.id('access-example').click();
  await expect(app.id('access-done')).toBeVisible({ timeout: 20_000 });
  await expect(app.id('access-summary-principals')).toHaveText('5 roles, 2 users');
  await expect(app.id('access-count')).toHaveAttribute('data-matches', '35');
  await expect(app.page.locator('[data-testid=access-cell][data-decision=pending]')).toHaveCount(0);
});

test('works offline once visited', async ({ app, page, context }) => {
  await openAccess(app);
  await app.id('access-example').click();
  await expect(app.id('access-done')).toBeVisible();
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const keys = (await (await caches.open('policy-sim-v1')).keys()).map((r) => r.url);
          return [/\/assets\/AccessPanel-[^/]+\.js$/, /\/assets\/AccessPanel-[^/]+\.css$/, /\/assets\/access\.worker-[^/]+\.js$/].filter((re) => keys.some((k) => re.test(k))).length;
        }),
      { timeout: 15_000 },
    )
    .toBe(3);
  await context.setOffline(true);
  await page.reload();
  await app.expectDecision('Allow');
  await app.id('access-button').click();
  await app.id('access-example').click();
  await expect(app.id('access-done')).toBeVisible();
  await expect(app.page.locator('[data-testid=access-cell]').first()).toHaveAttribute('data-decision', /Allow|Deny/);
  await context.setOffline(false);
});
