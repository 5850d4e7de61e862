// A strict JSON parser for the common case: text that is valid JSON. It builds the
// same node shape as jsonc-parser's parseTree (offsets, lengths, children, parent)
// several times faster, and collects line starts on the way. On anything unusual
// (a syntax error, a comment, a trailing comma, deep nesting, control characters
// in strings) it gives up, and the caller falls back to jsonc-parser, whose error
// recovery and messages the editor needs.
import type { Node } from 'jsonc-parser';

export interface FastParse {
  root: Node;
  /** Offset at which each line starts. */
  lineStarts: number[];
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const CONTROL = /[\u0000-\u001f]/;

/** jsonc-parser's Node, writable while we build it. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class GiveUp {}
const GIVE_UP = new GiveUp();

/** Parses valid JSON fast; undefined when the text needs the full, error-recovering parser. */
export function parseJsonFast(text: string, maxDepth: number): FastParse | undefined {
  const n = text.length;
  const lineStarts = [0];
  let i = 0;
  let depth = 0;
  let nextBackslash = text.indexOf('\\');

  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) i++;
      else if (c === 10) lineStarts.push(++i);
      else if (c === 13) {
        i++;
        if (text.charCodeAt(i) === 10) i++;
        lineStarts.push(i);
      } else break;
    }
  };

  const string = (parent: Node | undefined): Node => {
    const start = i;
    const close = text.indexOf('"', i + 1);
    if (close < 0) throw GIVE_UP;
    if (nextBackslash >= 0 && nextBackslash < start) nextBackslash = text.indexOf('\\', start);
    let value: string;
    if (nextBackslash < 0 || nextBackslash > close) {
      value = text.slice(start + 1, close);
      i = close + 1;
      if (CONTROL.test(value)) throw GIVE_UP;
    } else {
      // Escapes: find the real closing quote, then let JSON.parse decode the literal.
      let j = start + 1;
      for (;;) {
        const c = text.charCodeAt(j);
        if (j >= n) throw GIVE_UP;
        if (c === 92) j += 2;
        else if (c === 34) break;
        else j++;
      }
      i = j + 1;
      nextBackslash = text.indexOf('\\', i);
      const raw = text.slice(start, i);
      if (CONTROL.test(raw)) throw GIVE_UP;
      try {
        value = JSON.parse(raw) as string;
      } catch {
        throw GIVE_UP;
      }
    }
    return { type: 'string', offset: start, length: i - start, value, parent };
  };

  const value = (parent: Node | undefined): Node => {
    const c = text.charCodeAt(i);
    if (c === 34) return string(parent);
    if (c === 123) return object(parent);
    if (c === 91) return array(parent);
    if (c === 116 && text.startsWith('true', i)) return literal(parent, 'boolean', true, 4);
    if (c === 102 && text.startsWith('false', i)) return literal(parent, 'boolean', false, 5);
    if (c === 110 && text.startsWith('null', i)) return literal(parent, 'null', null, 4);
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) throw GIVE_UP;
    const start = i;
    i += m[0].length;
    return { type: 'number', offset: start, length: m[0].length, value: Number(m[0]), parent };
  };

  const literal = (parent: Node | undefined, type: 'boolean' | 'null', v: boolean | null, len: number): Node => {
    const node: Node = { type, offset: i, length: len, value: v, parent };
    i += len;
    return node;
  };

  const object = (parent: Node | undefined): Node => {
    if (++depth > maxDepth) throw GIVE_UP;
    const node: Mutable<Node> = { type: 'object', offset: i, length: 0, children: [], parent };
    i++;
    skipSpace();
    if (text.charCodeAt(i) === 125) {
      i++;
    } else {
      for (;;) {
        if (text.charCodeAt(i) !== 34) throw GIVE_UP;
        const prop: Mutable<Node> = { type: 'property', offset: i, length: 0, children: [], parent: node };
        const key = string(prop);
        skipSpace();
        if (text.charCodeAt(i) !== 58) throw GIVE_UP;
        prop.colonOffset = i;
        i++;
        skipSpace();
        const v = value(prop);
        prop.children!.push(key, v);
        prop.length = v.offset + v.length - prop.offset;
        node.children!.push(prop);
        skipSpace();
        const c = text.charCodeAt(i);
        if (c === 44) {
          i++;
          skipSpace();
          continue;
        }
        if (c === 125) {
          i++;
          break;
        }
        throw GIVE_UP;
      }
    }
    node.length = i - node.offset;
    depth--;
    return node;
  };

  const array = (parent: Node | undefined): Node => {
    if (++depth > maxDepth) throw GIVE_UP;
    const node: Mutable<Node> = { type: 'array', offset: i, length: 0, children: [], parent };
    i++;
    skipSpace();
    if (text.charCodeAt(i) === 93) {
      i++;
    } else {
      for (;;) {
        node.children!.push(value(node));
        skipSpace();
        const c = text.charCodeAt(i);
        if (c === 44) {
          i++;
          skipSpace();
          continue;
        }
        if (c === 93) {
          i++;
          break;
        }
        throw GIVE_UP;
      }
    }
    node.length = i - node.offset;
    depth--;
    return node;
  };

  try {
    skipSpace();
    if (i >= n) return undefined;
    const root = value(undefined);
    skipSpace();
    if (i !== n) return undefined;
    return { root, lineStarts };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
