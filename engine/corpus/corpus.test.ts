// Runs the decision corpus: every JSON file under engine/corpus/examples and
// engine/corpus/rules. Files are read strictly: an unknown field is an error, so a
// typo in a case cannot silently skip an assertion.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicies, simulate } from '../index.ts';
import type { SimulationInput, SimulationRequest } from '../index.ts';
import type { PolicyKind } from '../types.ts';

const HERE = new URL('.', import.meta.url).pathname;
const KINDS: PolicyKind[] = ['identity', 'resource', 'boundary', 'scp', 'rcp', 'session'];
const DECISIONS = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];

interface CorpusPolicy {
  kind: PolicyKind;
  name?: string;
  policy: object;
}
interface CorpusCase {
  name: string;
  request: SimulationRequest;
  expect: string;
  decisive?: string[];
  /** Whether AWS would accept the scenario's policies (default true); false names the refusing codes. */
  refused?: string[];
}
interface Scenario {
  name: string;
  policies: CorpusPolicy[];
  cases: CorpusCase[];
}

function only(obj: object, allowed: string[], where: string): void {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) throw new Error(`${where}: unknown field \`${key}\``);
}

function checkScenario(s: Scenario, where: string): void {
  only(s, ['id', 'title', 'description', 'source', 'url', 'version', 'name', 'policies', 'cases'], where);
  for (const p of s.policies) {
    only(p, ['kind', 'name', 'policy'], `${where} policy`);
    if (!KINDS.includes(p.kind)) throw new Error(`${where}: unknown policy kind ${p.kind}`);
  }
  if (s.cases.length === 0) throw new Error(`${where}: no cases`);
  // Where the document comes from: an AWS documentation address, with the version (or date) reproduced.
  const { url, version } = s as { url?: unknown; version?: unknown };
  if (url !== undefined && (typeof url !== 'string' || !/^https:\/\/docs\.aws\.amazon\.com\/\S+$/.test(url))) throw new Error(`${where}: url must be an https://docs.aws.amazon.com/ address`);
  if (url !== undefined && (typeof version !== 'string' || version.trim() === '')) throw new Error(`${where}: an example with a url says which version of the document it reproduces`);
  for (const c of s.cases) {
    only(c, ['name', 'request', 'expect', 'decisive', 'refused'], `${where} case ${c.name}`);
    only(c.request, ['principal', 'action', 'resource', 'context'], `${where} case ${c.name} request`);
    if (!DECISIONS.includes(c.expect)) throw new Error(`${where}: bad expect ${c.expect}`);
  }
}

function toInput(policies: CorpusPolicy[], request: SimulationRequest): SimulationInput {
  const of = (k: PolicyKind) => policies.filter((p) => p.kind === k).map((p) => p.policy);
  return {
    identityPolicies: of('identity'),
    resourcePolicy: of('resource')[0],
    permissionsBoundary: of('boundary')[0],
    sessionPolicy: of('session')[0],
    scps: of('scp'),
    rcps: of('rcp'),
    request,
    now: '2026-11-23T12:00:00Z',
  };
}

function runScenario(s: Scenario): void {
  const compiled = compilePolicies({ ...toInput(s.policies, { principal: '', action: '', resource: '' }), request: undefined } as never);
  for (const c of s.cases) {
    it(c.name, () => {
      const result = simulate(toInput(s.policies, c.request));
      const refusedCodes = [...new Set(result.refusals.map((r) => r.code))].sort();
      expect(refusedCodes, JSON.stringify(result.refusals)).toEqual([...(c.refused ?? [])].sort());
      expect(result.accepted).toBe(!c.refused?.length);
      if (!c.refused?.length) expect(result.errors, JSON.stringify(result.errors)).toEqual([]);
      expect(result.decision, result.message).toBe(c.expect);
      // The fast path agrees with the traced path.
      expect(compiled.decide(c.request)).toBe(result.decision);
      // The trace agrees with the decision: an ExplicitDeny shows an applying Deny statement.
      const applying = result.policies.flatMap((p) => p.statements).filter((t) => t.applies);
      if (c.expect === 'ExplicitDeny') expect(applying.some((t) => t.ref.effect === 'Deny')).toBe(true);
      if (c.expect === 'Allow') expect(result.decisiveStatements.length + (result.principalKind === 'root' ? 1 : 0)).toBeGreaterThan(0);
      if (c.decisive) {
        const sids = result.decisiveStatements.map((d) => d.sid).filter((s): s is string => !!s);
        expect([...new Set(sids)].sort()).toEqual([...c.decisive].sort());
      }
    });
  }
}

function files(dir: string): string[] {
  return readdirSync(join(HERE, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(HERE, dir, f));
}

for (const file of files('examples')) {
  const ex = JSON.parse(readFileSync(file, 'utf8')) as Scenario & { title: string; source: string };
  checkScenario(ex, file);
  describe(`${ex.title} — ${ex.source}`, () => runScenario(ex));
}

for (const file of files('rules')) {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { source: string; scenarios: Scenario[] };
  only(doc, ['source', 'scenarios'], file);
  describe(doc.source, () => {
    for (const s of doc.scenarios) {
      checkScenario(s, `${file}: ${s.name}`);
      describe(s.name, () => runScenario(s));
    }
  });
}
