import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { parseJsonFast } from './fastjson.ts';

/** The parts of a node both parsers must agree on. */
function shape(n: Node | undefined): unknown {
  if (!n) return undefined;
  return { type: n.type, offset: n.offset, length: n.length, value: n.type === 'object' || n.type === 'array' || n.type === 'property' ? undefined : n.value, children: n.children?.map(shape) };
}

describe('the fast JSON parser builds the same tree as jsonc-parser', () => {
  it('on arbitrary JSON printed in several styles', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(0, 2, '\t', '\r\n'), (value, indent) => {
        let text = JSON.stringify(value, null, indent === '\r\n' ? 2 : indent);
        if (indent === '\r\n') text = text.replace(/\n/g, '\r\n');
        const fast = parseJsonFast(text, 64);
        expect(fast).toBeDefined();
        expect(shape(fast!.root)).toEqual(shape(parseTree(text)));
      }),
      { numRuns: 300 },
    );
  });

  it('collects line starts as the line index would', () => {
    const text = '{\n  "a": [1,\r\n 2],\r  "b": "x"\n}';
    expect(parseJsonFast(text, 64)!.lineStarts).toEqual([0, 2, 14, 19, 30]);
  });

  it('gives up (for the error-reporting parser) on anything that is not plain valid JSON', () => {
    for (const text of ['{"a": 1,}', '{"a": 1 // c\n}', '{"a" 1}', '[1, 2', '"\u0001"', '{"a": tru}', '01', '[1] x', '', '   ']) {
      expect(parseJsonFast(text, 64), text).toBeUndefined();
    }
    expect(parseJsonFast('[[[[1]]]]', 3)).toBeUndefined();
  });

  it('decodes escapes in strings', () => {
    const fast = parseJsonFast('{"k\\u0041": "a\\"b\\\\c\\n"}', 64)!;
    const prop = fast.root.children![0];
    expect(prop.children![0].value).toBe('kA');
    expect(prop.children![1].value).toBe('a"b\\c\n');
  });
});
