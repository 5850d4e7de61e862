// The main states of the page in both themes: axe-core finds no serious or critical
// violation in any of them, and a screenshot of each is kept in e2e-artifacts/.
// LOOK_PREFIX=before records the findings (e2e-artifacts/axe-before.json) without failing.
import AxeBuilder from '@axe-core/playwright';
import { writeFileSync, mkdirSync } from 'node:fs';
import { ARTIFACTS, expect, test, type App } from './pages';

const PREFIX = process.env.LOOK_PREFIX ?? 'after';
const RECORD_ONLY = PREFIX !== 'after';
const found: Record<string, { id: string; impact: string | null | undefined; nodes: number; help: string; targets: string[] }[]> = {};

const withPrincipal = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'Push', Effect: 'Allow', Principal: '*', Action: 'ecr:PutImage', Resource: '*' }] },
  null,
  2,
);

async function check(app: App, name: string): Promise<void> {
  await app.screenshot(`${PREFIX}-${name}`);
  const r = await new AxeBuilder({ page: app.page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  found[name] = r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  if (!RECORD_ONLY) {
    expect(
      bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`),
      `${name}: serious or critical axe violations`,
    ).toEqual([]);
  }
}

test.afterAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}/axe-${PREFIX}.json`, JSON.stringify(found, null, 2));
});

test.describe.configure({ timeout: 120_000 });

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((t) => {
        // Only on the first load: later reloads keep what the test did.
        if (!sessionStorage.getItem('look-seeded')) {
          sessionStorage.setItem('look-seeded', '1');
          localStorage.setItem('policy-sim:prefs', JSON.stringify({ theme: t, view: 'explain' }));
        }
      }, theme);
    });

    // One page per theme, state after state: page loads are the slow part on a busy machine.
    test('narrow screen, default workspace, every view, share dialog, history, a refused policy', async ({ app, page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await app.open();
      await app.waitForEditor();
      await check(app, `${theme}-narrow`);
      await page.setViewportSize({ width: 1280, height: 720 });
      await check(app, `${theme}-default`);
      for (const v of ['batch', 'tests', 'examples', 'problems'] as const) {
        await app.view(v);
        await expect(app.id(v === 'examples' ? 'gallery' : v)).toBeVisible();
        await check(app, `${theme}-view-${v}`);
      }
      await app.view('explain');
      await app.id('share-button').click();
      await expect(app.id('share-link')).toBeVisible();
      await check(app, `${theme}-share`);
      await page.keyboard.press('Escape');
      if (!RECORD_ONLY) {
        // A replaced workspace in the history, and its panel open.
        await app.fill('action', 'ecr:ListImages');
        await app.id('new-workspace').click();
        await app.id('history').click();
        await expect(app.id('history-entry')).toHaveCount(1);
        await check(app, `${theme}-history`);
        await page.keyboard.press('Escape');
      }
      await app.setPolicyText(withPrincipal);
      await expect(app.decision).toHaveAttribute('data-accepted', 'false');
      await check(app, `${theme}-refused`);
    });
  });
}
