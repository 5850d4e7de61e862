// The full matrix: every ECR and ECS action x resources x principals, filters, CSV, test conflicts.
import { encodeShareFragment, type Workspace } from '../engine/index.ts';
import { expect, test } from './pages';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const request = { principal: 'arn:aws:iam::111111111111:role/ci', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web' };
const ws: Workspace = {
  policies: [{ kind: 'identity', name: 'ci', text: doc([{ Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web' }]) }],
  request,
  tests: [{ name: 'push is denied (wrong on purpose)', request, expect: 'ImplicitDeny' }],
};

test('the matrix lists every action with a decision and reason, filters, exports CSV and marks a test that disagrees', async ({ app, page }) => {
  await app.open(encodeShareFragment(ws));
  await app.view('reason');
  await app.id('reason-tab-matrix').click();
  const count = app.id('matrix-count');
  await expect(count).toBeVisible({ timeout: 20_000 });
  expect(Number(await count.getAttribute('data-rows'))).toBeGreaterThan(141);
  await expect(count).not.toHaveAttribute('data-conflicts', '0');
  await app.id('matrix-decision').selectOption('Allow');
  const rows = app.id('matrix-row');
  await expect(rows.first()).toHaveAttribute('data-action', 'ecr:PutImage');
  for (const r of await rows.all()) await expect(r).toHaveAttribute('data-decision', 'Allow');
  await app.id('matrix-decision').selectOption('conflict');
  await expect(rows.first()).toHaveAttribute('data-conflict', 'true');
  await app.id('matrix-decision').selectOption('');
  await app.id('matrix-text').fill('DescribeClusters');
  await expect(rows.first()).toHaveAttribute('data-action', 'ecs:DescribeClusters');
  const download = page.waitForEvent('download');
  await app.id('matrix-export').click();
  const csv = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(csv, 'utf8');
  expect(text.split('\r\n')[0]).toBe('action,access level,resource,principal,decision,reason,tests expecting otherwise');
  expect(text).toContain('ecs:DescribeClusters');
  await app.screenshot('matrix-panel');
});
