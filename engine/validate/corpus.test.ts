// Runs the diagnostic corpus (engine/corpus/diagnostics/*.json, read
// strictly) and checks that every example policy of the gallery
// (engine/corpus/examples/*.json) validates without a false error.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import actionNames from '../catalog/data/action-names.json' with { type: 'json' };
import { actionNamesFrom } from '../catalog/index.ts';
import type { PolicyKind } from '../types.ts';
import { isDiagnosticCode } from './codes.ts';
import { at } from './testing.ts';
import { validatePolicy } from './validate.ts';

const options = { actionNames: actionNamesFrom(actionNames) };

const KINDS: readonly PolicyKind[] = ['identity', 'resource', 'boundary', 'scp', 'rcp', 'session'];

interface Expectation {
  code: string;
  at: string;
}
interface CorpusPolicy {
  name: string;
  kind: PolicyKind;
  source: string;
  text: string;
  expect: Expectation[];
}

function strictKeys(value: unknown, keys: readonly string[], where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: not an object`);
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) if (!keys.includes(k)) throw new Error(`${where}: unknown field ${k}`);
  for (const k of keys) if (!(k in record)) throw new Error(`${where}: missing field ${k}`);
  return record;
}

function readCorpus(file: string): { source: string; policies: CorpusPolicy[] } {
  const raw = strictKeys(JSON.parse(readFileSync(file, 'utf8')), ['source', 'description', 'policies'], file);
  const policies = (raw.policies as unknown[]).map((p, i) => {
    const r = strictKeys(p, ['name', 'kind', 'source', 'text', 'expect'], `${file} policy ${i}`);
    if (!KINDS.includes(r.kind as PolicyKind)) throw new Error(`${file} policy ${i}: bad kind`);
    const expectations = (r.expect as unknown[]).map((e, j) => {
      const x = strictKeys(e, ['code', 'at'], `${file} policy ${i} expect ${j}`);
      if (!isDiagnosticCode(String(x.code))) throw new Error(`${file}: unknown code ${String(x.code)}`);
      return { code: String(x.code), at: String(x.at) };
    });
    return { name: String(r.name), kind: r.kind as PolicyKind, source: String(r.source), text: String(r.text), expect: expectations };
  });
  return { source: String(raw.source), policies };
}

const corpusDir = new URL('../corpus/diagnostics/', import.meta.url);
const corpusFiles = readdirSync(corpusDir).filter((f) => f.endsWith('.json'));

describe('diagnostic corpus', () => {
  it('has files', () => expect(corpusFiles.length).toBeGreaterThan(0));
  for (const file of corpusFiles) {
    const corpus = readCorpus(new URL(file, corpusDir).pathname);
    for (const p of corpus.policies) {
      it(`${file}: ${p.name}`, () => {
        const found = validatePolicy(p.text, p.kind, options);
        for (const e of p.expect) {
          expect(found.some((d) => d.code === e.code && at(p.text, d) === e.at), `${e.code} at ${e.at}`).toBe(true);
        }
        const unexpected = found.filter((d) => d.severity === 'error' && !p.expect.some((e) => e.code === d.code));
        expect(unexpected.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      });
    }
  }
});

describe('gallery examples validate without false errors', () => {
  const dir = new URL('../corpus/examples/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const example = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { policies: { kind: PolicyKind; name: string; policy: unknown }[] };
    for (const p of example.policies) {
      it(`${file}: ${p.name}`, () => {
        const text = JSON.stringify(p.policy, null, 2);
        const errors = validatePolicy(text, p.kind, options).filter((d) => d.severity === 'error');
        if (file === 'ecr-policy-structure.json') {
          // The guide's own `arn:aws:ecs:...:repository/*` names the wrong service on purpose.
          expect(errors.map((d) => [d.code, at(text, d)])).toEqual([
            ['resource-type-mismatch', '"arn:aws:ecs:us-east-1:123456789012:repository/*"'],
          ]);
        } else {
          expect(errors.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
        }
      });
    }
  }
});
