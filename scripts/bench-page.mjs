// Page benchmark: the built site (dist/) in Chromium, as a person meets it.
//   1. cold load of a share link: navigation start -> decision on screen (median of 5,
//      each in a fresh browser context, so nothing is cached);
//   2. typing in a 100 KB policy: keystroke -> decision updated, p50/p95 over 50 keys;
//   3. bundle sizes: gzip of the JS loaded before the editor, and of everything in dist/.
// Usage: npm run build && node scripts/bench-page.mjs [--json]
// The app marks `policy-sim:decision` (performance.mark) after each evaluation reaches
// the page and counts them in `data-eval-seq` on [data-testid=decision].
import { chromium } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM_ARGS, systemChromium } from './chromium.mjs';
import { startStaticServer } from './serve-static.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4175);
const BASE = '/policy-sim/';
const URL_BASE = `http://127.0.0.1:${PORT}${BASE}`;
// Sizes in kB of 1000 bytes: 1.5 MB is 1500 kB.
const BUDGET = { coldMs: 1000, typingP95Ms: 50, initialJsKb: 250, totalKb: 1500 };

if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const { encodeShareFragment } = await tsImport('../engine/share/index.ts', import.meta.url);

const REQUEST = {
  principal: 'arn:aws:sts::111122223333:assumed-role/ci-deployer/build-42',
  action: 'ecr:PutImage',
  resource: 'arn:aws:ecr:us-east-1:111122223333:repository/web',
  context: { 'aws:PrincipalTag/team': 'web', 'aws:ResourceTag/team': 'web' },
};

function statement(i) {
  return {
    Sid: `S${i}`,
    Effect: i % 7 === 3 ? 'Deny' : 'Allow',
    Action: [`ecr:Describe${i}*`, `ecs:List${i}*`, 'ecr:GetLifecyclePolicy'],
    Resource: `arn:aws:ecr:us-east-1:111122223333:repository/team-${i}/*`,
    Condition: { StringEquals: { 'aws:ResourceTag/team': `team-${i}` }, Bool: { 'aws:SecureTransport': 'true' } },
  };
}

/** An identity policy of about `bytes` characters, pretty-printed as people write them. */
function bigPolicy(bytes) {
  const statements = [{ Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' }];
  let text = '';
  for (let i = 0; text.length < bytes; i += 25) {
    for (let j = i; j < i + 25; j++) statements.push(statement(j));
    text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  }
  return text;
}

function workspace(policyText) {
  return {
    policies: [
      { kind: 'identity', name: 'big', text: policyText },
      {
        kind: 'resource',
        name: 'web repository policy',
        text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoDelete', Effect: 'Deny', Principal: '*', Action: 'ecr:BatchDeleteImage' }] }, null, 2),
      },
    ],
    request: REQUEST,
  };
}

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

async function coldLoad(browser, fragment, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${URL_BASE}#${fragment}`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid=decision][data-decision]');
    // The mark's time is measured from navigation start (the page's time origin).
    const ms = await page.evaluate(() => performance.getEntriesByName('policy-sim:decision')[0]?.startTime ?? NaN);
    times.push(ms);
    await context.close();
  }
  return { median: percentile(times, 50), runs: times };
}

async function typing(browser, fragment, keys = 50) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => {
    window.addEventListener('keydown', (e) => (window.__benchKeydown = e.timeStamp), true);
  });
  const page = await context.newPage();
  await page.goto(`${URL_BASE}#${fragment}`);
  await page.waitForSelector('[data-testid=monaco-host][data-ready=true]', { timeout: 30_000 });
  // Type inside the second statement's Sid: every key changes the policy text.
  await page.locator('.monaco-editor .view-line', { hasText: '"Sid": "S0"' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const latencies = [];
  for (let i = 0; i < keys + 5; i++) {
    const seq = await page.getAttribute('[data-testid=decision]', 'data-eval-seq');
    await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
    await page.waitForFunction((s) => document.querySelector('[data-testid=decision]')?.getAttribute('data-eval-seq') !== s, seq);
    const ms = await page.evaluate(() => {
      const marks = performance.getEntriesByName('policy-sim:decision');
      return marks[marks.length - 1].startTime - window.__benchKeydown;
    });
    if (i >= 5) latencies.push(ms); // the first keys warm up the JIT
  }
  const engineMs = await page.evaluate(() => document.querySelector('[data-testid=decision] .text-xs')?.textContent ?? '');
  await context.close();
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies), lastEngine: engineMs };
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The entry script and the modules index.html preloads: what runs before the editor chunk. */
function initialJs() {
  const html = readFileSync('dist/index.html', 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const code = readFileSync(join('dist', rel), 'utf8');
    // Static imports between chunks ("./x.js" from assets/) load before the entry runs.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) visit(join('assets', m[1].slice(2)));
  };
  refs.forEach(visit);
  return [...seen];
}

const server = await startStaticServer({ root: 'dist', port: PORT, base: BASE });
const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
try {
  const small = encodeShareFragment({ ...workspace(bigPolicy(2_000)), tests: [{ name: 'push', request: REQUEST, expect: 'Allow' }] });
  const bigText = bigPolicy(100_000);
  const big = encodeShareFragment(workspace(bigText));

  const cold = await coldLoad(browser, small);
  const type = await typing(browser, big);
  const initial = initialJs();
  const initialKb = initial.reduce((n, f) => n + gz(join('dist', f)), 0) / 1000;
  const all = filesUnder('dist');
  const totalKb = all.reduce((n, f) => n + gz(f), 0) / 1000;

  const rows = [
    ['cold load of a share link -> decision (median of 5)', `${cold.median.toFixed(0)} ms`, `< ${BUDGET.coldMs} ms`, cold.median < BUDGET.coldMs],
    [`typing in a ${(bigText.length / 1000).toFixed(0)} kB policy -> decision, p50`, `${type.p50.toFixed(1)} ms`, '', true],
    [`typing in a ${(bigText.length / 1000).toFixed(0)} kB policy -> decision, p95`, `${type.p95.toFixed(1)} ms`, `< ${BUDGET.typingP95Ms} ms`, type.p95 < BUDGET.typingP95Ms],
    [`JS before the editor, gzip (${initial.length} file${initial.length > 1 ? 's' : ''})`, `${initialKb.toFixed(1)} kB`, `< ${BUDGET.initialJsKb} kB`, initialKb < BUDGET.initialJsKb],
    [`everything in dist/, gzip (${all.length} files)`, `${totalKb.toFixed(1)} kB`, `< ${BUDGET.totalKb} kB`, totalKb < BUDGET.totalKb],
  ];
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ cold, typing: type, initialJs: { files: initial, kb: initialKb }, totalKb }, null, 2));
  } else {
    const w = [Math.max(...rows.map((r) => r[0].length)), 10, 12];
    console.log(`\nPage benchmark (Chromium, dist/ served at ${URL_BASE})\n`);
    console.log(`${'measure'.padEnd(w[0])}  ${'result'.padStart(w[1])}  ${'budget'.padStart(w[2])}`);
    console.log('-'.repeat(w[0] + w[1] + w[2] + 12));
    for (const [name, value, budget, ok] of rows) console.log(`${name.padEnd(w[0])}  ${value.padStart(w[1])}  ${budget.padStart(w[2])}  ${budget ? (ok ? 'ok' : 'OVER') : ''}`);
    console.log(`\ncold load runs: ${cold.runs.map((t) => t.toFixed(0)).join(', ')} ms; typing max ${type.max.toFixed(1)} ms`);
    console.log(`before the editor: ${initial.map((f) => relative('.', f)).join(', ')}`);
  }
} finally {
  await browser.close();
  server.close();
}
