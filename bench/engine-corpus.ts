// Engine figures on the generated corpus (bench/corpus.ts): every figure is a ratio
// against a floor measured in the same run, or a per-call time, each the median of rounds.
import { compilePolicies, parsePolicy, simulate, validatePolicy } from '../engine/index';
import type { SimulationResult } from '../engine/index';
import { listActions } from '../engine/catalog/catalog';
import { bigPolicy, corpus } from './corpus';
import { median, perCall, timed } from './timing';

type Row = (what: string, figure: string, target: string) => void;

let sink = 0;

/** Reads every part of the explanation, so a lazy result computes it all. */
function readAll(r: SimulationResult): number {
  let n = r.decision.length + r.message.length + r.steps.length + r.context.length + r.missingContextKeys.length + r.decisiveStatements.length + r.refusals.length + (r.accepted ? 1 : 0);
  for (const p of r.policies) n += p.statements.length;
  return n;
}

export function corpusRows(row: Row): void {
  const cases = corpus(4000);
  const decisionOnly = cases.map((c) => ({ ...c.text, trace: false }));
  const parseAll = () => {
    for (const c of cases) for (const t of c.texts) sink += (JSON.parse(t) as object) ? 1 : 0;
  };
  const variants: Record<string, () => void> = {
    full: () => {
      for (const c of cases) sink += readAll(simulate(c.text));
    },
    // The decision alone: `trace: false`, and only the decision read.
    decision: () => {
      for (const input of decisionOnly) sink += simulate(input).decision.length;
    },
    object: () => {
      for (const c of cases) sink += readAll(simulate(c.object));
    },
    parse: () => {
      for (const c of cases) for (const t of c.texts) sink += parsePolicy(t, 'identity').errors.length;
    },
  };
  const ratios: Record<string, number[]> = { full: [], decision: [], object: [], parse: [], objectVsText: [] };
  const floors: number[] = [];
  for (let round = 0; round < 6; round++) {
    const floor = timed(parseAll);
    const t: Record<string, number> = {};
    for (const [name, fn] of Object.entries(variants)) t[name] = timed(fn);
    if (round === 0) continue; // warm-up (JIT)
    floors.push(floor);
    for (const name of Object.keys(variants)) ratios[name].push(t[name] / floor);
    ratios.objectVsText.push(t.object / t.full);
  }
  const statements = cases.reduce((n, c) => n + c.statements, 0);
  const floor = median(floors);
  const what = `${cases.length} distinct corpus cases (${statements} statements)`;
  const x = (name: string) => `${median(ratios[name]).toFixed(2)}x JSON.parse of the same texts (${((median(ratios[name]) * floor * 1000) / cases.length).toFixed(1)} µs a case)`;
  row(`one-shot simulate() from text, every part of the result read, ${what}`, x('full'), '<= 2.5x');
  row(`one-shot simulate() from text with trace: false, decision read, ${what}`, x('decision'), '<= 1.5x');
  row(`one-shot simulate() from objects vs from the same policies as text, every part read`, `${median(ratios.objectVsText).toFixed(2)}x`, '<= 1x');
  row(`parsePolicy vs JSON.parse, every policy text of the corpus`, `${median(ratios.parse).toFixed(2)}x`, '<= 1.5x');

  // Growth: time per call at 100 and 5,000 statements; exponent 1 is linear.
  const request = cases[0].text.request;
  const sizes = [100, 1000, 5000];
  const docs = sizes.map((n) => JSON.stringify(bigPolicy(n), null, 2));
  const growth: Record<string, (text: string) => void> = {
    parsePolicy: (text) => (sink += parsePolicy(text, 'identity').errors.length),
    'compile (compilePolicies)': (text) => (sink += compilePolicies({ identityPolicies: [text] }).errors.length),
    'simulate (all read)': (text) => (sink += readAll(simulate({ identityPolicies: [text], request }))),
    validatePolicy: (text) => (sink += validatePolicy(text, 'identity').length),
  };
  for (const [name, fn] of Object.entries(growth)) {
    const per = docs.map((text, i) => {
      // Distinct text each call (a Sid changes), as when someone types.
      let k = 0;
      const edit = () => fn(text.replace('"S0"', `"S0e${k++}"`));
      perCall(edit, 100);
      return median([perCall(edit, 300), perCall(edit, 300), perCall(edit, 300)]) / sizes[i];
    });
    const exponent = 1 + Math.log(per[2] / per[0]) / Math.log(sizes[2] / sizes[0]);
    row(`growth of ${name}, 100 -> 5,000 statements`, `exponent ${exponent.toFixed(2)} (${per.map((p, i) => `${(p * 1000).toFixed(1)} µs/statement at ${sizes[i]}`).join(', ')})`, '<= 1.1');
  }

  // decide() on a compiled 1,000-statement policy, requests from the corpus.
  {
    const set = compilePolicies({ identityPolicies: [bigPolicy(1000)], now: '2026-11-23T12:00:00Z' });
    const requests = cases.slice(0, 256).map((c) => c.text.request);
    let i = 0;
    const batch = () => {
      for (let k = 0; k < 100; k++) sink += set.decide(requests[i++ & 255]).length;
    };
    perCall(batch, 300);
    const ms = median([perCall(batch, 500), perCall(batch, 500), perCall(batch, 500)]) / 100;
    row('compiled decide() on a 1,000-statement policy (corpus requests)', `${(ms * 1000).toFixed(1)} µs`, '< 20 µs');
  }

  // First decide() after compiling vs a warm one: many compiled sets, each asked its request twice.
  {
    const sample = cases.slice(0, 2000);
    const ratio: number[] = [];
    for (let round = 0; round < 4; round++) {
      const sets = sample.map((c) => compilePolicies(c.text));
      const first = timed(() => sets.forEach((s, k) => (sink += s.decide(sample[k].text.request).length)));
      const warm = timed(() => sets.forEach((s, k) => (sink += s.decide(sample[k].text.request).length)));
      if (round > 0) ratio.push(first / warm);
    }
    row('first decide() after compiling vs the next on the same set (2,000 corpus cases)', `${median(ratio).toFixed(2)}x`, '<= 2x');
  }

  // validatePolicy on a 400 KB policy, edited between calls.
  {
    let n = 1000;
    let text = JSON.stringify(bigPolicy(n), null, 2);
    while (text.length < 400 * 1024) text = JSON.stringify(bigPolicy((n = Math.ceil((n * 400 * 1024) / text.length) + 5)), null, 2);
    let k = 0;
    const edit = () => (sink += validatePolicy(text.replace('"S0"', `"S0e${k++}"`), 'identity').length);
    for (let w = 0; w < 5; w++) edit();
    const samples = Array.from({ length: 21 }, () => timed(edit));
    row(`validatePolicy on a ${(text.length / 1024).toFixed(0)} KB policy (${n} statements), edited between calls (median)`, `${median(samples).toFixed(1)} ms`, '< 10 ms');
  }

  // The matrix: every ECR and ECS action x 100 resource ARNs, on a 10-statement set.
  {
    const actions = [...listActions('ecr'), ...listActions('ecs')].map((a) => `${a.service}:${a.name}`);
    const c0 = cases[1];
    const arns = Array.from({ length: 100 }, (_, k) => (k % 2 ? `arn:aws:ecr:us-east-1:123456789012:repository/team-${k}/app` : `arn:aws:ecs:us-east-1:123456789012:service/staging/svc-${k}`));
    const policy = bigPolicy(10, 9);
    const once = () => {
      const set = compilePolicies({ identityPolicies: [policy], now: '2026-11-23T12:00:00Z' });
      for (const action of actions) for (const resource of arns) sink += set.decide({ principal: c0.text.request.principal, action, resource, context: c0.text.request.context }).length;
    };
    // The same cells by decideGrid, the matrix entry point: the caller, the context and each action and ARN read once.
    const grid = () => {
      const set = compilePolicies({ identityPolicies: [policy], now: '2026-11-23T12:00:00Z' });
      sink += set.decideGrid({ principal: c0.text.request.principal, context: c0.text.request.context }, actions, arns).length;
    };
    for (let w = 0; w < 5; w++) {
      once();
      grid();
    }
    const samples = Array.from({ length: 15 }, () => timed(once));
    const gridSamples = Array.from({ length: 15 }, () => timed(grid));
    row(`matrix: ${actions.length} actions x ${arns.length} ARNs on a 10-statement policy, decideGrid (compile included, median)`, `${median(gridSamples).toFixed(1)} ms`, '< 5 ms');
    row(`the same matrix by decide() per cell (compile included, median)`, `${median(samples).toFixed(1)} ms`, 'for comparison');
  }
  if (sink === -1) console.log(sink);
}
