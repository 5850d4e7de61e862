// Page benchmark: the built site (dist/) in Chromium, as a person meets it.
//   1. cold load of a share link: navigation start -> the first frame painted with the
//      decision in it, against a blank Vite + React page (built here, at run time, and served
//      by the same server) measured the same way; median of 9 each, runs interleaved, each in a
//      fresh browser context so nothing is cached;
//   2. typing in a 100 KB policy: keystroke -> decision updated, p50/p95 over 50 keys;
//   3. bundle sizes: gzip of the JS loaded before the editor, and of everything in dist/.
// Usage: npm run build && node scripts/bench-page.mjs [--json] [--cold-only]
// "Painted" is measured from outside the app: an init script sees the decision element
// appear (a MutationObserver), marks it for Element Timing, and takes the render time of the
// frame that painted its text. The same script times the blank page's one element, so the
// ratio compares like with like.
// The app marks `policy-sim:decision` (performance.mark) after each evaluation reaches
// the page and counts them in `data-eval-seq` on [data-testid=decision].
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';
import { build as viteBuild } from 'vite';
import react from '@vitejs/plugin-react';
import { CHROMIUM_ARGS, systemChromium } from './chromium.mjs';
import { startStaticServer } from './serve-static.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4175);
const BASE = '/policy-sim/';
const URL_BASE = `http://127.0.0.1:${PORT}${BASE}`;
const BLANK_BASE = '/blank/';
const BLANK_URL = `http://127.0.0.1:${PORT}${BLANK_BASE}`;
const COLD_RUNS = 9;
// Sizes in kB of 1000 bytes: 1.5 MB is 1500 kB.
const BUDGET = { coldRatio: 1.5, typingP95Ms: 50, initialJsKb: 250, totalKb: 1500 };

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

/**
 * The floor: a Vite + React production build that renders one element like the decision
 * banner and nothing else. Built at run time with this repository's Vite and React.
 */
async function buildBlankPage() {
  const dir = 'node_modules/.cache/bench/blank';
  const src = join(dir, 'src');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  writeFileSync(
    join(src, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>blank</title></head><body><div id="root"></div><script type="module" src="./main.jsx"></script></body></html>\n',
  );
  writeFileSync(
    join(src, 'main.jsx'),
    [
      "import { StrictMode } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "createRoot(document.getElementById('root')).render(",
      '  <StrictMode><section data-testid="decision" data-decision="Allow"><strong>Allowed</strong></section></StrictMode>,',
      ');',
    ].join('\n'),
  );
  await viteBuild({ root: src, base: './', configFile: false, logLevel: 'warn', plugins: [react()], build: { outDir: join('..', 'out'), emptyOutDir: true, target: 'es2022' } });
  return join(dir, 'out');
}

/**
 * Runs in the page before its scripts. `window.__decisionPainted` resolves with the paint
 * time of the decision element: its Element Timing entry (the frame that painted its text),
 * or, where the browser has no Element Timing, the end of the first frame after it appeared.
 */
function watchDecisionPaint() {
  window.__decisionPainted = new Promise((resolve) => {
    const found = () => document.querySelector('[data-testid=decision][data-decision]');
    const observer = new MutationObserver(() => {
      const el = found();
      if (!el) return;
      observer.disconnect();
      // Element Timing reports text painted in elements that carry the attribute.
      for (const e of [el, ...el.querySelectorAll('*')]) e.setAttribute('elementtiming', 'decision');
      if (!PerformanceObserver.supportedEntryTypes?.includes('element')) {
        requestAnimationFrame(() => {
          // A message posted in a frame's rAF callback runs after that frame is painted.
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve(performance.now());
          ch.port2.postMessage(0);
        });
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
    if (PerformanceObserver.supportedEntryTypes?.includes('element')) {
      new PerformanceObserver((list, po) => {
        const e = list.getEntries().find((x) => x.identifier === 'decision');
        if (!e) return;
        po.disconnect();
        resolve(e.renderTime || e.startTime);
      }).observe({ type: 'element', buffered: true });
    }
  });
}

async function coldOnce(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(watchDecisionPaint);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const painted = await page.evaluate(() => window.__decisionPainted);
  // Paint entries are reported a little after the frame: wait for the buffered one.
  const fcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list, observer) => {
          const e = list.getEntriesByName('first-contentful-paint')[0];
          if (e) {
            observer.disconnect();
            resolve(e.startTime);
          }
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => resolve(NaN), 2000);
      }),
  );
  await context.close();
  return { painted, fcp };
}

/** Cold loads of the share link and of the blank page, taken in turn so that load on the machine hits both alike. */
async function coldLoad(browser, fragment, runs = COLD_RUNS) {
  const app = [];
  const blank = [];
  // One of each first, not counted: the browser's own first start.
  await coldOnce(browser, BLANK_URL);
  await coldOnce(browser, `${URL_BASE}#${fragment}`);
  for (let i = 0; i < runs; i++) {
    blank.push(await coldOnce(browser, BLANK_URL));
    app.push(await coldOnce(browser, `${URL_BASE}#${fragment}`));
  }
  const med = (xs, k) => percentile(xs.map((x) => x[k]), 50);
  const result = {
    app: { painted: med(app, 'painted'), fcp: med(app, 'fcp'), runs: app.map((x) => x.painted) },
    blank: { painted: med(blank, 'painted'), fcp: med(blank, 'fcp'), runs: blank.map((x) => x.painted) },
  };
  return { ...result, ratio: result.app.painted / result.blank.painted };
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

const blankRoot = await buildBlankPage();
const server = await startStaticServer({ root: 'dist', port: PORT, base: BASE, mounts: [{ root: blankRoot, base: BLANK_BASE }] });
const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
try {
  const small = encodeShareFragment({ ...workspace(bigPolicy(2_000)), tests: [{ name: 'push', request: REQUEST, expect: 'Allow' }] });
  const bigText = bigPolicy(100_000);
  const big = encodeShareFragment(workspace(bigText));

  const coldOnly = process.argv.includes('--cold-only');
  const cold = await coldLoad(browser, small);
  const type = coldOnly ? null : await typing(browser, big);
  const initial = initialJs();
  const initialKb = initial.reduce((n, f) => n + gz(join('dist', f)), 0) / 1000;
  const all = filesUnder('dist');
  const totalKb = all.reduce((n, f) => n + gz(f), 0) / 1000;

  const kb = (bigText.length / 1000).toFixed(0);
  const rows = [
    [`cold share link, first frame painted with the decision (median of ${COLD_RUNS})`, `${cold.app.painted.toFixed(0)} ms`, '', true],
    [`blank Vite + React page, first frame painted with its element (median of ${COLD_RUNS})`, `${cold.blank.painted.toFixed(0)} ms`, '', true],
    ['cold share link vs blank page, ratio of the medians', `${cold.ratio.toFixed(2)}x`, `<= ${BUDGET.coldRatio}x`, cold.ratio <= BUDGET.coldRatio],
    ...(type
      ? [
          [`typing in a ${kb} kB policy -> decision, p50`, `${type.p50.toFixed(1)} ms`, '', true],
          [`typing in a ${kb} kB policy -> decision, p95`, `${type.p95.toFixed(1)} ms`, `< ${BUDGET.typingP95Ms} ms`, type.p95 < BUDGET.typingP95Ms],
        ]
      : []),
    [`JS before the editor, gzip (${initial.length} file${initial.length > 1 ? 's' : ''})`, `${initialKb.toFixed(1)} kB`, `< ${BUDGET.initialJsKb} kB`, initialKb < BUDGET.initialJsKb],
    [`everything in dist/, gzip (${all.length} files)`, `${totalKb.toFixed(1)} kB`, `< ${BUDGET.totalKb} kB`, totalKb < BUDGET.totalKb],
  ];
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ cold, typing: type, initialJs: { files: initial, kb: initialKb }, totalKb }, null, 2));
  } else {
    const w = [Math.max(...rows.map((r) => r[0].length)), 10, 12];
    console.log(`\nPage benchmark (Chromium, dist/ served at ${URL_BASE}, blank page at ${BLANK_URL})\n`);
    console.log(`${'measure'.padEnd(w[0])}  ${'result'.padStart(w[1])}  ${'budget'.padStart(w[2])}`);
    console.log('-'.repeat(w[0] + w[1] + w[2] + 12));
    for (const [name, value, budget, ok] of rows) console.log(`${name.padEnd(w[0])}  ${value.padStart(w[1])}  ${budget.padStart(w[2])}  ${budget ? (ok ? 'ok' : 'OVER') : ''}`);
    const list = (xs) => xs.map((t) => t.toFixed(0)).join(', ');
    console.log(`\ncold share link runs: ${list(cold.app.runs)} ms (first contentful paint, median ${cold.app.fcp.toFixed(0)} ms)`);
    console.log(`blank page runs: ${list(cold.blank.runs)} ms (first contentful paint, median ${cold.blank.fcp.toFixed(0)} ms)`);
    if (type) console.log(`typing max ${type.max.toFixed(1)} ms`);
    console.log(`before the editor: ${initial.map((f) => relative('.', f)).join(', ')}`);
  }
} finally {
  await browser.close();
  server.close();
}
