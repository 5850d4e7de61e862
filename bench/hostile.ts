// Hostile-input figures: `npx tsx bench/hostile.ts`. For each repro of issue 13, the
// slowest of three runs of each engine function it reaches, in ms, and the input size
// (policy, request and fragment).
// The target is 1000 ms for any input up to 2 MB.
import { deflateSync } from 'fflate';
import { compareWorkspaces, compilePolicies, completeAt, coverage, decodeShareFragment, edgeCases, fullMatrix, hoverAt, parsePolicy, simulate, suggestFixes, validatePolicy, whoCanMatrix } from '../engine/index.ts';
import type { SimulationRequest } from '../engine/index.ts';

const principal = 'arn:aws:iam::123456789012:user/a';
const action = 'ecr:GetAuthorizationToken';
const doc = (st: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*', ...st }] });

interface Repro {
  name: string;
  text: string;
  request?: SimulationRequest;
  /** Where hover and completion look. */
  at?: number;
  fragment?: string;
}

function repros(): Repro[] {
  const out: Repro[] = [];
  const stars = doc({ Action: 'ecr:*********Z' });
  out.push({ name: 'ReDoS: ecr:*********Z', text: stars, at: stars.indexOf('ecr:*') + 3 });
  const lazy = doc({ Action: `ecr:${'*?'.repeat(14)}Z` });
  out.push({ name: 'ReDoS: ecr:(*?)x14Z', text: lazy, at: lazy.indexOf('ecr:*') + 3 });
  const pattern = `*${'a'.repeat(10_000)}?b*`;
  const value = 'a'.repeat(1_000_000);
  out.push({
    name: '? chunk: StringLike 10k vs 1 MB',
    text: doc({ Condition: { StringLike: { 'aws:PrincipalTag/x': pattern } } }),
    request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': value } },
  });
  out.push({ name: '? chunk: Resource 10k vs 1 MB', text: doc({ Resource: pattern }), request: { principal, action, resource: value } });
  // Near-misses: the `?` runs line up almost everywhere, so the matcher falls back to Shift-And,
  // whose partial matches run up to each 'b' 5,000 characters apart (the slowest shape found).
  const nearMiss = `*${'a??'.repeat(13_333)}q*`;
  const nearText = ('a'.repeat(4_999) + 'b').repeat(200);
  out.push({
    name: '? near-miss: StringLike 40k vs 1 MB',
    text: doc({ Condition: { StringLike: { 'aws:PrincipalTag/x': nearMiss } } }),
    request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': nearText } },
  });
  const keys: Record<string, string> = {};
  for (let i = 0; i < 65_000; i++) keys[`aws:PrincipalTag/k${i}`] = 'v';
  const many = doc({ Condition: { StringEquals: keys } });
  out.push({ name: '65k condition keys', text: many, at: many.length - 20, request: { principal, action, resource: '*' } });
  out.push({ name: '1 MB of ${ in Resource', text: doc({ Resource: '${'.repeat(500_000) }), request: { principal, action, resource: '*' } });
  const wild = Array.from({ length: 8000 }, (_, i) => `ecr:X${i}*`);
  out.push({ name: '8000 wildcard actions', text: doc({ Action: wild }), request: { principal, action, resource: '*' } });
  out.push({ name: '1 MB of "1,"', text: '1,'.repeat(500_000) });
  const deep = `{"Statement":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
  out.push({ name: '10k nested [', text: deep, at: 5_000 });
  // Products: many request values against many policy values, many patterns against one long value.
  const tags = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
  const ip = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`;
  out.push({
    name: 'StringEquals 100k values x 100k',
    text: doc({ Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalTag/x': tags(100_000, (i) => `v${i}`) } } }),
    request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': tags(100_000, (i) => `w${i}`) } },
  });
  out.push({
    name: 'IpAddress 50k values x 50k',
    text: doc({ Condition: { 'ForAnyValue:IpAddress': { 'aws:PrincipalTag/x': tags(50_000, ip) } } }),
    request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': tags(50_000, (i) => `11.0.${(i >> 8) & 255}.${i & 255}`) } },
  });
  out.push({
    name: 'ArnLike 40k values x 40k',
    text: doc({ Condition: { 'ForAnyValue:ArnLike': { 'aws:PrincipalTag/x': tags(40_000, (i) => `arn:aws:s3:::b${i}`) } } }),
    request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': tags(40_000, (i) => `arn:aws:s3:::c${i}`) } },
  });
  out.push({
    name: '50k *aN* patterns vs 1.5 MB',
    text: doc({ Condition: { StringLike: { 'aws:PrincipalTag/x': tags(50_000, (i) => `*a${i}*`) } } }),
    request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': 'b'.repeat(1_500_000) } },
  });
  const statements = tags(5_000, (i) => JSON.stringify({ Effect: 'Allow', Action: action, Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalTag/x': `v${i}` } } }));
  out.push({
    name: '5k statements x 100k values',
    text: `{"Version":"2012-10-17","Statement":[${statements.join(',')}]}`,
    request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': tags(100_000, (i) => `w${i}`) } },
  });
  out.push({
    name: '20k variables of 1.5 MB',
    text: doc({ Condition: { StringLike: { 'aws:PrincipalTag/x': '${aws:PrincipalTag/y}'.repeat(20_000) } } }),
    request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': 'b', 'aws:PrincipalTag/y': 'c'.repeat(1_500_000) } },
  });
  const bomb = deflateSync(new Uint8Array(1_000_000_000), { level: 9 });
  out.push({ name: 'DEFLATE bomb (1.3 MB -> 1 GB)', text: '', fragment: `#v1.${Buffer.from(new Uint8Array([...bomb, 0, 0, 0, 0])).toString('base64url')}` });
  return out;
}

function worst(fn: () => unknown): number {
  let max = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    fn();
    max = Math.max(max, performance.now() - start);
  }
  return max;
}

const rows: Record<string, string | number>[] = [];
for (const r of repros()) {
  const size = (r.fragment ?? r.text).length + (r.request ? JSON.stringify(r.request).length : 0);
  const row: Record<string, string | number> = { repro: r.name, 'input KB': Math.round(size / 1000) };
  if (r.fragment !== undefined) {
    row.decodeShareFragment = Math.round(worst(() => decodeShareFragment(r.fragment ?? '')));
  } else {
    row.parsePolicy = Math.round(worst(() => parsePolicy(r.text, 'identity')));
    row.validatePolicy = Math.round(worst(() => validatePolicy(r.text, 'identity')));
    if (r.at !== undefined) {
      row.hoverAt = Math.round(worst(() => hoverAt(r.text, r.at ?? 0, 'identity')));
      row.completeAt = Math.round(worst(() => completeAt(r.text, r.at ?? 0, 'identity')));
    }
    if (r.request) {
      const req = r.request;
      row.simulate = Math.round(worst(() => simulate({ identityPolicies: [r.text], request: req })));
      // Refused: the matching budget stopped it (an input error, ImplicitDeny), instead of running on.
      row.refused = simulate({ identityPolicies: [r.text], request: req }).errors.some((e) => e.code === 'too-costly') ? 'yes' : '';
      const set = compilePolicies({ identityPolicies: [r.text] });
      row.decide = Math.round(worst(() => set.decide(req)));
    }
  }
  rows.push(row);
}
console.table(rows);

// Reasoning over a workspace whose `?` pattern meets a long value that a StringEquals names,
// so the partition holds it: each run in ms, and whether it stopped at the matching budget.
const reasonRows: Record<string, string | number>[] = [];
for (const [name, pattern, value] of [
  ['? 900 chars vs 20 KB', `*${'a??'.repeat(300)}q*`, ('a'.repeat(4_999) + 'b').repeat(4)],
  ['? near-miss 40 KB vs 1 MB', `*${'a??'.repeat(13_333)}q*`, ('a'.repeat(4_999) + 'b').repeat(200)],
]) {
  const ws = (put: string) => ({
    policies: [
      {
        kind: 'identity' as const,
        name: 'p',
        text: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*', Condition: { StringLike: { 'aws:PrincipalTag/x': pattern } } },
            { Effect: 'Allow', Action: put, Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/x': value } } },
          ],
        }),
      },
    ],
    request: { principal, action: 'ecr:BatchGetImage', resource: 'arn:aws:ecr:us-east-1:123456789012:repository/a', context: { 'aws:PrincipalTag/x': value } },
    tests: [],
  });
  const a = ws('ecr:PutImage');
  const b = ws('ecr:Put*');
  const costly = (bounds: readonly { what: string }[]): string => (bounds.some((x) => x.what.includes('too costly')) ? 'yes' : '');
  const compared = compareWorkspaces(a, b);
  reasonRows.push({
    repro: name,
    compareWorkspaces: Math.round(worst(() => compareWorkspaces(a, b))),
    coverage: Math.round(worst(() => coverage(a))),
    fullMatrix: Math.round(worst(() => fullMatrix(a))),
    edgeCases: Math.round(worst(() => edgeCases(a))),
    suggestFixes: Math.round(worst(() => suggestFixes(a, a.request))),
    whoCanMatrix: Math.round(
      worst(() => whoCanMatrix({ principals: [{ arn: principal, policies: a.policies }], resources: [{ arn: a.request.resource }], actions: ['ecr:BatchGetImage', 'ecr:PutImage'], context: a.request.context })),
    ),
    verdict: compared.verdict,
    'compare stopped': costly(compared.scope.bounds),
  });
}
console.table(reasonRows);
const heap = process.memoryUsage();
console.log(`heap used ${Math.round(heap.heapUsed / 1e6)} MB, rss ${Math.round(heap.rss / 1e6)} MB after all repros`);
