// A strict JSON parser for the common case: text that is valid JSON. It builds the
// same node shape as jsonc-parser's parseTree (offsets, lengths, children, parent)
// several times faster, and collects line starts on the way. On anything unusual
// (a syntax error, a comment, a trailing comma, deep nesting, control characters
// in strings) it gives up, and the caller falls back to jsonc-parser, whose error
// recovery and messages the editor needs.
import type { Node } from 'jsonc-parser';
import { GIVE_UP, Scanner } from './scanner.ts';

export interface FastParse {
  root: Node;
  /** Offset at which each line starts. */
  lineStarts: number[];
}

/** jsonc-parser's Node, writable while we build it. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Parses valid JSON fast; undefined when the text needs the full, error-recovering parser. */
export function parseJsonFast(text: string, maxDepth: number): FastParse | undefined {
  const s = new Scanner(text);
  let depth = 0;

  const string = (parent: Node | undefined): Node => {
    const offset = s.i;
    const value = s.string();
    return { type: 'string', offset, length: s.i - offset, value, parent };
  };

  const value = (parent: Node | undefined): Node => {
    const c = s.peek();
    const offset = s.i;
    if (c === 34) return string(parent);
    if (c === 123) return object(parent);
    if (c === 91) return array(parent);
    if (s.word('true')) return { type: 'boolean', offset, length: 4, value: true, parent };
    if (s.word('false')) return { type: 'boolean', offset, length: 5, value: false, parent };
    if (s.word('null')) return { type: 'null', offset, length: 4, value: null, parent };
    const num = s.numberText();
    return { type: 'number', offset, length: num.length, value: Number(num), parent };
  };

  const object = (parent: Node | undefined): Node => {
    if (++depth > maxDepth) throw GIVE_UP;
    const node: Mutable<Node> = { type: 'object', offset: s.i, length: 0, children: [], parent };
    s.expect(123);
    if (s.peek() === 125) s.i++;
    else {
      do {
        const prop: Mutable<Node> = { type: 'property', offset: s.i, length: 0, children: [], parent: node };
        const key = string(prop);
        s.skipSpace();
        prop.colonOffset = s.i;
        s.expect(58);
        const v = value(prop);
        prop.children!.push(key, v);
        prop.length = v.offset + v.length - prop.offset;
        node.children!.push(prop);
      } while (s.separator(125));
    }
    node.length = s.i - node.offset;
    depth--;
    return node;
  };

  const array = (parent: Node | undefined): Node => {
    if (++depth > maxDepth) throw GIVE_UP;
    const node: Mutable<Node> = { type: 'array', offset: s.i, length: 0, children: [], parent };
    s.expect(91);
    if (s.peek() === 93) s.i++;
    else {
      do node.children!.push(value(node));
      while (s.separator(93));
    }
    node.length = s.i - node.offset;
    depth--;
    return node;
  };

  try {
    s.skipSpace();
    if (s.atEnd()) return undefined;
    const root = value(undefined);
    s.skipSpace();
    if (!s.atEnd()) return undefined;
    return { root, lineStarts: s.lineStarts };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
