// Hostile-input figures: `npx tsx bench/hostile.ts`. For each repro of issue 13, the
// slowest of three runs of each engine function it reaches, in ms, and the input size.
// The target is 1000 ms for any input up to 2 MB.
import { deflateSync } from 'fflate';
import { compilePolicies, completeAt, decodeShareFragment, hoverAt, parsePolicy, simulate, validatePolicy } from '../engine/index.ts';
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
  const row: Record<string, string | number> = { repro: r.name, 'size KB': Math.round((r.fragment ?? r.text).length / 1000) };
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
      const set = compilePolicies({ identityPolicies: [r.text] });
      row.decide = Math.round(worst(() => set.decide(req)));
    }
  }
  rows.push(row);
}
console.table(rows);
const heap = process.memoryUsage();
console.log(`heap used ${Math.round(heap.heapUsed / 1e6)} MB, rss ${Math.round(heap.rss / 1e6)} MB after all repros`);
