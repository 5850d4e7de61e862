// No confident answer from a workspace AWS would refuse, and none from half-typed JSON.
import { expect, test } from './pages';

const statements = [
  { Sid: 'AllEcr', Effect: 'Allow', Action: 'ecr:*', Resource: '*' },
  { Sid: 'NoPush', Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*' },
];
const policy = (st: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: st }, null, 2);

test('half-typed JSON keeps the last decision, out of date, and never shows a decision from a partial parse', async ({ app }) => {
  await app.open();
  await app.setPolicyText(policy(statements));
  await app.expectDecision('ExplicitDeny');
  await expect(app.decision).toHaveAttribute('data-stale', 'false');
  await expect(app.decision).toHaveAttribute('data-accepted', 'true');

  // A syntax error in the statement before the Deny: a partial parse could lose the Deny and allow.
  const broken = policy(statements).replace('"Resource": "*"\n    },', '"Resource": "*"\n    }');
  await app.setPolicyText(broken);
  await expect(app.decision).toHaveAttribute('data-stale', 'true');
  await app.expectDecision('ExplicitDeny');
  await expect(app.id('decision-title')).not.toContainText('Allowed');
  await expect(app.id('decision-stale')).toContainText(/line \d+, column \d+/);
  await app.screenshot('acceptance-stale');

  // Fixed: the decision is current again.
  await app.setPolicyText(policy(statements));
  await expect(app.decision).toHaveAttribute('data-stale', 'false');
  await app.expectDecision('ExplicitDeny');
});

test('a policy AWS would refuse gets no plain decision; the banner names it and the line, and a click goes there', async ({ app, page }) => {
  await app.open();
  const withPrincipal = policy([{ Sid: 'Push', Effect: 'Allow', Principal: '*', Action: 'ecr:PutImage', Resource: '*' }]);
  await app.setPolicyText(withPrincipal);
  await expect(app.decision).toHaveAttribute('data-accepted', 'false');
  await expect(app.decision).toHaveAttribute('data-stale', 'false');
  await expect(app.id('decision-title')).toContainText('AWS would refuse');
  await expect(app.id('decision-refusal')).toContainText('line 7');
  await expect(app.id('decision-refusal')).toContainText('Principal');
  await expect(app.id('decision-if-accepted')).toContainText('If AWS accepted it');
  await app.screenshot('acceptance-refused');
  await app.id('decision-refusal').click();
  // The editor shows the refused element selected.
  await expect(page.locator('.monaco-editor .selected-text').first()).toBeVisible();

  // Both fixed: the normal decision returns.
  await app.setPolicyText(policy([{ Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' }]));
  await expect(app.decision).toHaveAttribute('data-accepted', 'true');
  await app.expectDecision('Allow');
  await expect(app.id('decision-title')).toHaveText('Allowed');
});
