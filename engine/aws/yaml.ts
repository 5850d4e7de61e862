// YAML input (CloudFormation templates, `--output yaml` of the AWS CLI) read
// with the `yaml` package. CloudFormation's short-form tags (`!Sub`, `!Ref`,
// ...) become their long forms (`{"Fn::Sub": ...}`), as the CloudFormation
// user guide defines them, so one resolver handles JSON and YAML templates.
import { parseDocument, type CollectionTag, type ScalarTag, type Tags } from 'yaml';
import { LineIndex } from '../source/lines.ts';
import type { Json, Parsed } from './text.ts';

/** Short form to long form. `!GetAtt A.B` is the scalar form of `Fn::GetAtt: [A, B]`. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!ImportValue': 'Fn::ImportValue',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

function cfnTags(): Tags {
  const tags: Tags = [];
  for (const [tag, long] of Object.entries(SHORT_FORMS)) {
    const scalar: ScalarTag = {
      tag,
      identify: () => false,
      resolve: (value: string) => ({ [long]: long === 'Fn::GetAtt' ? splitGetAtt(value) : value }),
    };
    tags.push(scalar);
    for (const collection of ['seq', 'map'] as const) {
      const c: CollectionTag = { tag, collection, identify: () => false, resolve: (value) => ({ [long]: value.toJSON() as unknown }) };
      tags.push(c);
    }
  }
  return tags;
}

function splitGetAtt(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

/**
 * Parses YAML into JSON values. Numbers stay as written (strings), so an
 * account id such as `012345678901` keeps its leading zero; policies read
 * numbers and strings alike.
 */
export function parseYaml(text: string): Parsed<Json> {
  try {
    const doc = parseDocument(text, {
      schema: 'core',
      customTags: (tags) => [...tags.filter((t) => (typeof t === 'string' ? !/^(int|float)/.test(t) : !NUMBER_TAGS.has(t.tag))), ...cfnTags()],
      uniqueKeys: false,
      prettyErrors: false,
    });
    const error = doc.errors[0];
    if (error) {
      const at = new LineIndex(text).position(error.pos[0]);
      const why = error.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '').replace(/[.:]$/, '');
      return { ok: false, error: `The YAML is not valid at line ${at.line}, column ${at.column}: ${why}.` };
    }
    return { ok: true, value: (doc.toJS({ maxAliasCount: 1000 }) ?? null) as Json };
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : 'it could not be read';
    return { ok: false, error: `The YAML could not be read: ${why.replace(/[.:]$/, '')}.` };
  }
}
