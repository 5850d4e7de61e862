// Engine benchmarks (npm run bench). Figures, not pass/fail: speed is measured
// here, never in timed unit tests. Run alone on an idle machine for stable numbers.
import { compilePolicies, parsePolicy, simulate } from '../engine/index';
import type { SimulationRequest } from '../engine/index';
import { compileResourcePattern } from '../engine/match/arn';
import { compileWildcard } from '../engine/match/wildcard';

const validateModule = await import('../engine/index').then((m) => (m as Record<string, unknown>).validatePolicy as ((t: string, k: 'identity') => unknown[]) | undefined);

function time(fn: () => void, minMs = 300): { perCallMs: number; calls: number } {
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < minMs) {
    fn();
    calls++;
    now = performance.now();
  }
  return { perCallMs: (now - start) / calls, calls };
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function medianOf(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const rows: Array<[string, string, string]> = [];
const row = (what: string, figure: string, target: string) => {
  rows.push([what, figure, target]);
};
/** BENCH_ONLY=corpus,growth,... runs only the named sections (all when unset). */
const only = process.env.BENCH_ONLY?.split(',');
const want = (section: string) => !only || only.includes(section);

// A 10-statement identity policy with conditions, the kind the issue names.
const tenStatements = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Login', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    { Sid: 'Pull', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], Resource: 'arn:aws:ecr:us-east-1:123456789012:repository/*' },
    { Sid: 'PushTeam', Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'], Resource: 'arn:aws:ecr:us-east-1:123456789012:repository/team-a/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'team-a' } } },
    { Sid: 'Describe', Effect: 'Allow', Action: 'ecr:Describe*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    { Sid: 'TaggedRepos', Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { StringEquals: { 'ecr:ResourceTag/env': 'dev' } } },
    { Sid: 'RunTasks', Effect: 'Allow', Action: ['ecs:RunTask', 'ecs:StartTask'], Resource: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:*', Condition: { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:us-east-1:123456789012:cluster/staging' } } },
    { Sid: 'Services', Effect: 'Allow', Action: 'ecs:UpdateService', Resource: 'arn:aws:ecs:us-east-1:123456789012:service/staging/*' },
    { Sid: 'FromOffice', Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } } },
    { Sid: 'NoDelete', Effect: 'Deny', Action: ['ecr:DeleteRepository', 'ecr:DeleteRepositoryPolicy'], Resource: '*' },
    { Sid: 'Recent', Effect: 'Deny', Action: 'ecr:PutLifecyclePolicy', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } },
  ],
};
const requests: SimulationRequest[] = [
  { principal: 'arn:aws:sts::123456789012:assumed-role/ci/b1', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:123456789012:repository/team-a/api', context: { 'aws:PrincipalTag/team': 'team-a' } },
  { principal: 'arn:aws:sts::123456789012:assumed-role/ci/b1', action: 'ecr:DeleteRepository', resource: 'arn:aws:ecr:us-east-1:123456789012:repository/team-a/api' },
  { principal: 'arn:aws:iam::123456789012:user/dev', action: 'ecs:RunTask', resource: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3', context: { 'ecs:cluster': 'arn:aws:ecs:us-east-1:123456789012:cluster/staging' } },
  { principal: 'arn:aws:iam::123456789012:user/dev', action: 'ecs:DescribeServices', resource: '*', context: { 'aws:SourceIp': '198.51.100.7' } },
];

if (want('corpus')) await import('./engine-corpus.ts').then((m) => m.corpusRows(row));

if (want('decide')) {
  const set = compilePolicies({ identityPolicies: [tenStatements], now: '2026-11-23T12:00:00Z' });
  let i = 0;
  const batch = () => {
    for (let k = 0; k < 1000; k++) set.decide(requests[i++ & 3]);
  };
  for (let w = 0; w < 200; w++) batch(); // warm up
  const { perCallMs } = time(batch, 2000);
  const perSecond = 1000 / (perCallMs / 1000);
  row('compiled path: decide() on a 10-statement policy with conditions', `${(perSecond / 1e6).toFixed(2)} M evaluations/s`, '>= 1 M/s');
  const { perCallMs: fullMs } = time(() => set.simulate(requests[i++ & 3]), 1000);
  row('compiled path: simulate() with full trace', `${(1 / (fullMs / 1000) / 1e3).toFixed(0)} k evaluations/s`, '');
}

if (want('oneshot')) {
  // Distinct texts (the Sids differ), more of them than the engine remembers, so
  // nothing parsed is reused between runs;
  // compiled matchers for repeated action and ARN patterns are, as in real use.
  const variants = (statements: object[], n: number) =>
    Array.from({ length: n }, (_, v) =>
      JSON.stringify({ Version: '2012-10-17', Statement: statements.map((st, k) => ({ ...st, Sid: `S${k}v${v}` })) }, null, 2),
    );
  const hundredKb = Array.from({ length: 330 }, (_, k) => tenStatements.Statement[k % 10]);
  for (const [label, texts] of [
    ['10-statement policy', variants(tenStatements.Statement, 64)],
    ['100 KB policy', variants(hundredKb, 40)],
  ] as const) {
    let k = 0;
    const parse = () => JSON.parse(texts[k++ % texts.length]);
    const sim = () => simulate({ identityPolicies: [texts[k++ % texts.length]], request: requests[0] });
    // Warm both up (JIT), then time batches: per-call timers are too coarse for microseconds.
    time(parse, 300);
    time(sim, 300);
    const parseMs = time(parse, 1000).perCallMs;
    const simMs = time(sim, 1000).perCallMs;
    const size = (texts[0].length / 1024).toFixed(0);
    row(`one-shot simulate() from text, ${label} (${size} KB)`, `${(simMs * 1000).toFixed(0)} µs = ${(simMs / parseMs).toFixed(1)}x JSON.parse (${(parseMs * 1000).toFixed(0)} µs)`, '<= 3x');
  }
}

if (want('wildcard')) {
  const pattern = Array.from({ length: 2500 }, (_, k) => (k % 2 ? 'a' : '*')).join('') + 'b*'; // 5,002 chars, full of *
  const text = 'a'.repeat(5000);
  const glob = compileWildcard(pattern.slice(0, 5000));
  const resource = compileResourcePattern(pattern.slice(0, 5000));
  const g = medianOf(() => glob(text), 200);
  const r = medianOf(() => resource(text), 200);
  row('wildcard: 5,000-char pattern full of * vs 5,000-char non-match', `${(g * 1000).toFixed(1)} µs (glob), ${(r * 1000).toFixed(1)} µs (Resource rule)`, '< 1 ms');
}

if (want('parse')) {
  const statements = Array.from({ length: 6000 }, (_, k) => ({ Sid: `S${k}`, Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:BatchGetImage'], Resource: `arn:aws:ecr:us-east-1:111122223333:repository/team-${k}/*` }));
  const big = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  const ms = medianOf(() => parsePolicy(big, 'identity'), 7);
  row(`parsePolicy on a ${(big.length / 1e6).toFixed(2)} MB policy`, `${ms.toFixed(0)} ms`, 'no freeze');
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const d = medianOf(() => parsePolicy(deep, 'identity'), 7);
  row('parsePolicy on 100,000 levels of nesting', `${d.toFixed(1)} ms, error json-too-deep`, 'an error, no overflow');
}

if (validateModule && want('validate')) {
  const statements: object[] = [];
  let text = '';
  for (let k = 0; text.length < 10_240; k++) {
    statements.push({ ...tenStatements.Statement[k % 10], Sid: `S${k}` });
    text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  }
  for (let w = 0; w < 50; w++) validateModule(text, 'identity');
  const ms = medianOf(() => validateModule(text, 'identity'), 300);
  row(`validatePolicy on a ${(text.length / 1024).toFixed(1)} KB policy (median)`, `${ms.toFixed(2)} ms`, '< 2 ms');
}

if (want('whocan')) {
  // whoCan over a synthetic account (bench/account.ts): 5,000 principals × 500 repositories
  // × 4 access levels = 10 million decisions, on one thread. Timed from the input (parse and
  // compile included) to the last cell. Ratios: against the naive way with the public API
  // (compile each principal's and repository's policies, decide() each action), sampled in
  // this run; and against a floor, decide() alone on ready inputs, once per cell.
  const { syntheticAccount } = await import('./account.ts');
  const { whoCan, whoCanMatrix, whoCanRows, whoCanSimulation, DECISION_CODES } = await import('../engine/index');
  const { decide } = await import('../engine/evaluate/decide');
  const { cpus, loadavg } = await import('node:os');
  const load = loadavg()[0];
  const shape = { principals: 5000, repositories: 500 };
  const account = syntheticAccount(shape);
  whoCanMatrix(syntheticAccount({ principals: 300, repositories: 500, seed: 1 })); // warm up (JIT)
  const runs: { ms: number; cpuMs: number }[] = [];
  let matrix = whoCanMatrix({ ...account, principals: [] });
  for (let k = 0; k < 3; k++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    matrix = whoCanMatrix(account);
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    runs.push({ ms, cpuMs: (used.user + used.system) / 1000 });
  }
  runs.sort((a, b) => a.ms - b.ms);
  const { ms, cpuMs } = runs[1];
  const cells = matrix.decisions.length;
  const t1 = performance.now();
  whoCanRows(account, { batchSize: 50 }).next();
  const firstRows = performance.now() - t1;

  // The naive way, on a sample of (principal, repository) pairs spread over the account.
  const pairs = 200;
  const t2 = performance.now();
  for (let k = 0; k < pairs; k++) {
    const p = (k * 7919) % shape.principals;
    const r = (k * 104729) % shape.repositories;
    const sim = whoCanSimulation(account, p, r, 0);
    const set = compilePolicies(sim);
    for (const action of account.actions) set.decide({ ...sim.request, action });
  }
  const naiveMs = ((performance.now() - t2) / (pairs * account.actions.length)) * cells;

  // The floor: decide() on ready inputs, once per cell.
  const inputs = Array.from({ length: 64 }, (_, k) => ({
    principalKind: (['user', 'role', 'assumed-role', 'root'] as const)[k & 3],
    crossAccount: (k & 4) !== 0,
    explicitDeny: (k & 8) !== 0 && (k & 16) !== 0,
    scpAllows: k & 32 ? [true, true] : [true, (k & 1) === 0],
    resourceAllow: (['self', 'role', 'account', undefined] as const)[(k >> 2) & 3],
    trustPolicy: false,
    identityAllow: (k & 2) !== 0,
    boundaryPresent: (k & 16) !== 0,
    boundaryAllow: (k & 8) !== 0,
    sessionPresent: false,
    sessionAllow: false,
  }));
  let sink = 0;
  const t3 = performance.now();
  for (let k = 0; k < cells; k++) sink += decide(inputs[k & 63]).decision.length;
  const floorMs = performance.now() - t3;

  // Equal to simulate: a sample of cells.
  let equal = 0;
  const sample = 1000;
  for (let k = 0; k < sample; k++) {
    const cell = (k * 2654435761) % cells;
    const nA = account.actions.length;
    const p = Math.floor(cell / (shape.repositories * nA));
    const r = Math.floor(cell / nA) % shape.repositories;
    if (simulate(whoCanSimulation(account, p, r, cell % nA)).decision === DECISION_CODES[matrix.decisions[cell]]) equal++;
  }
  // The entries form (objects) on a tenth of the account.
  const tenth = { ...account, principals: account.principals.slice(0, shape.principals / 10) };
  const t4 = performance.now();
  const entries = whoCan(tenth).length;
  const entriesMs = performance.now() - t4;

  row(
    `whoCan: 5,000 principals × 500 repositories × 4 access levels (${(cells / 1e6).toFixed(0)} M decisions, one thread, whoCanMatrix)`,
    `${(ms / 1000).toFixed(2)} s (${(cpuMs / 1000).toFixed(2)} s CPU) = ${(cells / ms / 1000).toFixed(1)} M decisions/s; ${Math.round(naiveMs / ms)}x faster than compile + decide() per request; ${(ms / floorMs).toFixed(0)}x decide() alone (${floorMs.toFixed(0)} ms)`,
    '< 10 s',
  );
  row('whoCan: machine while measured', `load average ${load.toFixed(1)} on ${cpus().length} cores (one thread used); median of 3 runs`, '');
  row('whoCan: first 50 principals ready (whoCanRows, parse and compile included)', `${firstRows.toFixed(0)} ms`, '');
  row(`whoCan: entries as objects (whoCan, ${(entries / 1e6).toFixed(0)} M entries)`, `${(entries / entriesMs / 1000).toFixed(1)} M entries/s`, '');
  row('whoCan: sampled cells equal to simulate', `${equal} of ${sample}${sink < 0 ? '' : ''}`, `${sample} of ${sample}`);
}

const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length), 6));
console.log(`\nEngine benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
for (const r of [['what', 'measured', 'target'] as [string, string, string], ...rows]) {
  console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
}
