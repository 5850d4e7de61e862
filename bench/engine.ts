// Engine benchmarks (npm run bench). Figures, not pass/fail: speed is measured
// here, never in timed unit tests. Run alone on an idle machine for stable numbers.
import { compilePolicies, parsePolicy, simulate } from '../engine/index';
import { compileSources } from '../engine/evaluate/simulate';
import type { SimulationRequest } from '../engine/index';
import { compileResourcePattern } from '../engine/match/arn';
import { compileWildcard } from '../engine/match/wildcard';
import { median, medianOf, perCall } from './timing';

const validateModule = await import('../engine/index').then((m) => (m as Record<string, unknown>).validatePolicy as ((t: string, k: 'identity') => unknown[]) | undefined);

const rows: Array<[string, string, string]> = [];
const row = (what: string, figure: string, target: string) => {
  rows.push([what, figure, target]);
  // Progress as rows come, on stderr: the table itself is printed at the end.
  console.error(`  ${what}: ${figure}`);
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
  const perCallMs = perCall(batch, 2000);
  const perSecond = 1000 / (perCallMs / 1000);
  row('compiled path: decide() on a 10-statement policy with conditions', `${(perSecond / 1e6).toFixed(2)} M evaluations/s`, '>= 1 M/s');
  const fullMs = perCall(() => set.simulate(requests[i++ & 3]), 1000);
  row('compiled path: simulate() with full trace', `${(1 / (fullMs / 1000) / 1e3).toFixed(0)} k evaluations/s`, '');
}

// Statement-indexing figures (issue 12): a large realistic identity policy, actions
// spread over ECR and ECS, some wildcard actions and NotAction, one resource per statement.
const ACTIONS = [
  'ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability', 'ecr:PutImage',
  'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:DescribeRepositories', 'ecr:DescribeImages',
  'ecr:ListImages', 'ecr:CreateRepository', 'ecr:DeleteRepository', 'ecr:SetRepositoryPolicy', 'ecr:GetRepositoryPolicy',
  'ecr:PutLifecyclePolicy', 'ecr:TagResource', 'ecr:UntagResource', 'ecr:StartImageScan', 'ecr:BatchDeleteImage',
  'ecs:RunTask', 'ecs:StartTask', 'ecs:StopTask', 'ecs:UpdateService', 'ecs:CreateService', 'ecs:DeleteService',
  'ecs:DescribeServices', 'ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:ListServices', 'ecs:RegisterTaskDefinition',
  'ecs:DeregisterTaskDefinition', 'ecs:DescribeClusters', 'ecs:TagResource', 'ecs:ExecuteCommand', 'ecs:UpdateCluster',
];
const WILDCARDS = ['ecr:Describe*', 'ecr:List*', 'ecs:Describe*', 'ecs:List*', 'ecr:Get*', 'ecs:*Task', 'ecr:Batch*'];
function largePolicy(n: number, salt = 0): { Version: string; Statement: object[] } {
  let seed = 12345 + salt;
  const rand = (m: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % m);
  const Statement = Array.from({ length: n }, (_, k) => {
    const service = k % 3 === 0 ? 'ecs' : 'ecr';
    const resource = service === 'ecr' ? `arn:aws:ecr:us-east-1:123456789012:repository/team-${k}/*` : `arn:aws:ecs:us-east-1:123456789012:service/cluster-${k}/*`;
    const effect = k % 17 === 0 ? 'Deny' : 'Allow';
    const actions = k % 11 === 0 ? [WILDCARDS[rand(WILDCARDS.length)]] : Array.from({ length: 1 + rand(3) }, () => ACTIONS[rand(ACTIONS.length)]);
    const st: Record<string, unknown> = { Sid: `S${k}s${salt}`, Effect: effect, Resource: resource };
    if (k % 97 === 5) st.NotAction = actions;
    else st.Action = actions;
    if (k % 5 === 0) st.Condition = { StringEquals: { 'aws:PrincipalTag/team': `team-${k % 7}` } };
    return st;
  });
  return { Version: '2012-10-17', Statement };
}
const largeRequests: SimulationRequest[] = [
  { principal: 'arn:aws:iam::123456789012:user/dev', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:123456789012:repository/team-40/api', context: { 'aws:PrincipalTag/team': 'team-5' } },
  { principal: 'arn:aws:iam::123456789012:user/dev', action: 'ecs:UpdateService', resource: 'arn:aws:ecs:us-east-1:123456789012:service/cluster-300/web' },
  { principal: 'arn:aws:iam::123456789012:user/dev', action: 'ecr:DescribeImages', resource: 'arn:aws:ecr:us-east-1:123456789012:repository/team-999/x' },
  { principal: 'arn:aws:iam::123456789012:user/dev', action: 'ecs:RunTask', resource: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3' },
];

{
  const set = compilePolicies({ identityPolicies: [largePolicy(1000)], now: '2026-11-23T12:00:00Z' });
  let i = 0;
  const batch = () => {
    for (let k = 0; k < 100; k++) set.decide(largeRequests[i++ & 3]);
  };
  for (let w = 0; w < 50; w++) batch();
  const samples = Array.from({ length: 7 }, () => perCall(batch, 200) / 100);
  row('compiled path: decide() on a 1,000-statement policy (4 requests in turn, median of 7)', `${(median(samples) * 1000).toFixed(1)} µs`, '< 20 µs');
}

{
  // First decide() on a freshly compiled set vs a warm one: distinct texts each time, so
  // nothing of the policy is remembered; the same request, the same action.
  const texts = Array.from({ length: 200 }, (_, v) => JSON.stringify(largePolicy(100, v + 1)));
  const sets = texts.map((t) => compilePolicies({ identityPolicies: [t], now: '2026-11-23T12:00:00Z' }));
  const first: number[] = [];
  const second: number[] = [];
  const warm: number[] = [];
  for (const set of sets) {
    const t0 = performance.now();
    set.decide(largeRequests[0]);
    first.push(performance.now() - t0);
  }
  // The second call has nothing left to work out, but 199 other sets ran since its first:
  // what separates it from a warm call is the processor's caches, not the engine.
  for (const set of sets) {
    const t0 = performance.now();
    set.decide(largeRequests[0]);
    second.push(performance.now() - t0);
  }
  for (const set of sets) {
    const t0 = performance.now();
    for (let k = 0; k < 20; k++) set.decide(largeRequests[0]);
    warm.push((performance.now() - t0) / 20);
  }
  const f = median(first);
  const w = median(warm);
  const c = median(second);
  row(
    'compiled path: first decide() after compiling vs a warm one (100 statements, median of 200 sets; the second call, cache-cold, for the floor)',
    `${(f * 1000).toFixed(1)} µs vs ${(w * 1000).toFixed(1)} µs = ${(f / w).toFixed(1)}x (second call ${(c * 1000).toFixed(1)} µs = ${(c / w).toFixed(1)}x)`,
    '<= 2x',
  );
}

{
  // Growth from 100 to 5,000 statements: exponent of time per call (1 = linear).
  const sizes = [100, 5000];
  const texts = sizes.map((n) => JSON.stringify(largePolicy(n, 7), null, 2));
  const measure = (name: string, fn: (k: number) => void) =>
    sizes.map((n, k) => {
      fn(k);
      const t = medianOf(() => fn(k), k === 0 ? 101 : 5);
      console.error(`    ${name}, ${n} statements: ${t.toFixed(2)} ms`);
      return { n, t };
    });
  const exponent = ([a, b]: Array<{ n: number; t: number }>) => Math.log(b.t / a.t) / Math.log(b.n / a.n);
  const parsed = texts.map((t) => parsePolicy(t, 'identity'));
  const figures: Array<[string, Array<{ n: number; t: number }>]> = [
    ['parsePolicy', measure('parsePolicy', (k) => parsePolicy(texts[k], 'identity'))],
    ['compile (parsed)', measure('compile', (k) => compileSources([{ ref: { kind: 'identity', index: 0, name: 'p', id: 'identity:0' }, parsed: parsed[k] }]))],
    ['simulate', measure('simulate', (k) => simulate({ identityPolicies: [texts[k]], request: largeRequests[k & 1] }))],
  ];
  if (validateModule) figures.push(['validatePolicy', measure('validatePolicy', (k) => validateModule(texts[k], 'identity'))]);
  row(
    'growth 100 -> 5,000 statements, exponent of time (1 = linear)',
    figures.map(([name, [a, b]]) => `${name} ${exponent([a, b]).toFixed(2)} (${(a.t * 1000).toFixed(0)} µs -> ${b.t.toFixed(1)} ms at ${b.n})`).join('; '),
    '<= 1.1 each',
  );
}

{
  // One-shot simulate on several thousand distinct generated cases (more than any cache
  // holds), vs JSON.parse of the same texts, in the same run.
  const cases = Array.from({ length: 3000 }, (_, v) => ({ text: JSON.stringify(largePolicy(3 + (v % 12), 1000 + v), null, 2), request: largeRequests[v & 3] }));
  let k = 0;
  const parse = () => JSON.parse(cases[k++ % cases.length].text);
  const sim = () => {
    const c = cases[k++ % cases.length];
    simulate({ identityPolicies: [c.text], request: c.request });
  };
  perCall(parse, 300);
  perCall(sim, 300);
  const ratios: number[] = [];
  const simTimes: number[] = [];
  for (let r = 0; r < 5; r++) {
    const p = perCall(parse, 300);
    const s = perCall(sim, 300);
    ratios.push(s / p);
    simTimes.push(s);
  }
  row('one-shot simulate() on 3,000 distinct generated cases (3-14 statements), vs JSON.parse of the same texts (median of 5)', `${(median(simTimes) * 1000).toFixed(0)} µs = ${median(ratios).toFixed(1)}x JSON.parse`, '<= 2.5x');
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
    perCall(parse, 300);
    perCall(sim, 300);
    const parseMs = perCall(parse, 1000);
    const simMs = perCall(sim, 1000);
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

if (want('whocan') && !process.argv.includes('--quick')) {
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
