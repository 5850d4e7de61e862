// Page benchmark of the Access panel: a generated account of 5,000 principals and 500
// repositories (4 access levels: 10 million decisions) loaded into the built site in
// Chromium, as files a person drops. Reports: files -> table filled; the longest task
// the page's main thread ran meanwhile; a query's answer on screen; frames while
// scrolling the whole table.
// Usage: npm run build && node scripts/bench-access-page.mjs [principals] [repositories]
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS, systemChromium } from './chromium.mjs';
import { startStaticServer } from './serve-static.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4576);
const P = Number(process.argv[2] ?? 5000);
const R = Number(process.argv[3] ?? 500);
const A = '111111111111';
if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

function account() {
  const doc = (...Statement) => ({ Version: '2012-10-17', Statement });
  const repo = (n) => `arn:aws:ecr:us-east-1:${A}:repository/${n}`;
  const managed = Array.from({ length: 20 }, (_, t) => ({
    PolicyName: `team-${t}`,
    Arn: `arn:aws:iam::${A}:policy/team-${t}`,
    DefaultVersionId: 'v1',
    PolicyVersionList: [
      {
        VersionId: 'v1',
        IsDefaultVersion: true,
        Document: doc(
          { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:PutImage'], Resource: repo(`team-${t}/*`) },
          { Effect: 'Allow', Action: 'ecr:BatchDeleteImage', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
        ),
      },
    ],
  }));
  const RoleDetailList = Array.from({ length: P }, (_, i) => ({
    RoleName: `svc-${i}`,
    Arn: `arn:aws:iam::${A}:role/svc-${i}`,
    Path: '/',
    AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    RolePolicyList: i % 5 === 0 ? [{ PolicyName: 'own', PolicyDocument: doc({ Effect: 'Allow', Action: 'ecr:SetRepositoryPolicy', Resource: repo(`team-${i % 20}/app-${i % R}`) }) }] : [],
    AttachedManagedPolicies: [{ PolicyName: `team-${i % 20}`, PolicyArn: `arn:aws:iam::${A}:policy/team-${i % 20}` }],
    Tags: [{ Key: 'team', Value: `team-${i % 20}` }],
  }));
  const names = Array.from({ length: R }, (_, i) => `team-${i % 20}/app-${i}`);
  const policies = Object.fromEntries(
    names.filter((_, i) => i % 5 === 0).map((n) => [n, doc({ Sid: 'ProdOnly', Effect: 'Deny', Principal: '*', Action: 'ecr:PutImage', Condition: { StringNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/svc-1*` } } })]),
  );
  const file = (name, value) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) });
  return [file('details.json', { RoleDetailList, UserDetailList: [], GroupDetailList: [], Policies: managed }), file('repos.json', { repositories: names.map((n) => ({ repositoryArn: repo(n) })) }), file('policies.json', policies)];
}

const server = await startStaticServer({ port: PORT, base: '/policy-sim/' });
const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(`http://127.0.0.1:${PORT}/policy-sim/`);
  await page.getByTestId('decision').waitFor();
  await page.getByTestId('access-button').click();
  await page.getByTestId('access-welcome').waitFor();
  await page.getByTestId('access-region').fill('us-east-1');
  await page.evaluate(() => {
    const w = window;
    w.longest = 0;
    w.tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.longest = Math.max(w.longest, e.duration);
        w.tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
      }
    }).observe({ type: 'longtask', buffered: false });
  });
  const files = account();
  const t0 = Date.now();
  const p0 = await page.evaluate(() => performance.now());
  await page.getByTestId('access-file-input').setInputFiles(files);
  await page.getByTestId('access-progress').waitFor({ timeout: 120_000 });
  const firstProgress = Date.now() - t0;
  await page.getByTestId('access-done').waitFor({ timeout: 300_000 });
  const filled = Date.now() - t0;
  const workerMs = Number(await page.getByTestId('access-done').getAttribute('data-ms'));
  const longest = await page.evaluate(() => window.longest);
  if (process.env.BENCH_TASKS) console.log('long tasks [start ms after files, duration]:', JSON.stringify(await page.evaluate((p0) => window.tasks.map(([s, d]) => [s - Math.round(p0), d]), p0)));

  // A query: Enter -> the answer's count on screen.
  const q = page.getByTestId('access-query');
  await q.fill('who can push to team-3/*');
  const t1 = Date.now();
  await q.press('Enter');
  await page.locator('[data-testid=access-count][data-matches]').filter({ hasNotText: /^0 of/ }).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=access-filter-repository]')?.value === 'team-3/*');
  const queryMs = Date.now() - t1;

  // Everything expanded, scrolled top to bottom: frame intervals.
  await page.getByTestId('access-clear').click();
  await page.getByTestId('access-expand').click();
  // Two ways of scrolling: 120 jumps across the whole table (every row new each frame), and
  // a wheel's pace, 4 rows a frame for 240 frames.
  const scroll = (mode) =>
    page.evaluate(
      (mode) =>
        new Promise((done) => {
          const el = document.querySelector('[data-testid=access-table]');
          const gaps = [];
          let last = performance.now();
          let step = 0;
          const steps = mode === 'jump' ? 120 : 240;
          const tick = (now) => {
            gaps.push(now - last);
            last = now;
            if (mode === 'jump') el.scrollTop = (el.scrollHeight * step) / steps;
            else el.scrollTop += 120;
            if (++step <= steps) requestAnimationFrame(tick);
            else done({ gaps: gaps.slice(1), rows: Number(el.getAttribute('data-rows')), dom: el.querySelectorAll('[role=row]').length });
          };
          requestAnimationFrame(tick);
        }),
      mode,
    );
  const pct = (list, q) => list.slice().sort((a, b) => a - b)[Math.floor(list.length * q)].toFixed(1);
  const frames = await scroll('jump');
  const wheel = await scroll('wheel');
  console.log(`Access panel, ${P.toLocaleString('en-US')} principals × ${R.toLocaleString('en-US')} repositories × 4 actions (${(P * R * 4).toLocaleString('en-US')} decisions):`);
  console.log(`  files -> progress bar: ${firstProgress} ms; files -> table filled: ${filled} ms (worker: ${workerMs} ms)`);
  console.log(`  longest main-thread task meanwhile: ${Math.round(longest)} ms`);
  console.log(`  query "who can push to team-3/*" -> answer: ${queryMs} ms`);
  console.log(`  ${frames.rows.toLocaleString('en-US')} rows, ${frames.dom} in the DOM; frames jumping through all of them: p50 ${pct(frames.gaps, 0.5)} ms, p95 ${pct(frames.gaps, 0.95)} ms; at a wheel's pace: p50 ${pct(wheel.gaps, 0.5)} ms, p95 ${pct(wheel.gaps, 0.95)} ms`);
} finally {
  await browser.close();
  server.close();
}
