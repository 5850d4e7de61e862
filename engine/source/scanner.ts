// Low-level scanning of strict JSON, shared by the fast parsers. It throws GIVE_UP
// on anything it does not expect; callers then fall back to the error-recovering
// parser, which explains the problem.

/** Thrown to abandon a fast parse. */
export const GIVE_UP: unique symbol = Symbol('give up');

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings: that is what this finds.
const CONTROL = /[\u0000-\u001f]/;

export class Scanner {
  /** The current offset. */
  i = 0;
  /** Offset at which each line starts, collected while skipping white space. */
  readonly lineStarts: number[] = [0];
  private nextBackslash: number;
  private readonly n: number;

  readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.n = text.length;
    this.nextBackslash = text.indexOf('\\');
  }

  /** Skips white space (newlines can only appear there in valid JSON). */
  skipSpace(): void {
    const text = this.text;
    let i = this.i;
    while (i < this.n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) i++;
      else if (c === 10) this.lineStarts.push(++i);
      else if (c === 13) {
        i++;
        if (text.charCodeAt(i) === 10) i++;
        this.lineStarts.push(i);
      } else break;
    }
    this.i = i;
  }

  /** The current character code (NaN at the end). */
  peek(): number {
    return this.text.charCodeAt(this.i);
  }

  atEnd(): boolean {
    return this.i >= this.n;
  }

  /** Consumes one expected character, then white space. */
  expect(code: number): void {
    if (this.text.charCodeAt(this.i) !== code) throw GIVE_UP;
    this.i++;
    this.skipSpace();
  }

  /** After a member or element: true for `,`, false for the closing `close`; white space skipped. */
  separator(close: number): boolean {
    this.skipSpace();
    const c = this.text.charCodeAt(this.i);
    if (c === 44) {
      this.i++;
      this.skipSpace();
      return true;
    }
    if (c === close) {
      this.i++;
      return false;
    }
    throw GIVE_UP;
  }

  /** Reads a string at the current offset; `start` is its opening quote. */
  string(): string {
    const text = this.text;
    const start = this.i;
    if (text.charCodeAt(start) !== 34) throw GIVE_UP;
    const close = text.indexOf('"', start + 1);
    if (close < 0) throw GIVE_UP;
    if (this.nextBackslash >= 0 && this.nextBackslash < start) this.nextBackslash = text.indexOf('\\', start);
    if (this.nextBackslash < 0 || this.nextBackslash > close) {
      const value = text.slice(start + 1, close);
      this.i = close + 1;
      if (CONTROL.test(value)) throw GIVE_UP;
      return value;
    }
    // Escapes: find the real closing quote, then let JSON.parse decode the literal.
    let j = start + 1;
    for (;;) {
      if (j >= this.n) throw GIVE_UP;
      const c = text.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 34) break;
      else j++;
    }
    this.i = j + 1;
    this.nextBackslash = text.indexOf('\\', this.i);
    const raw = text.slice(start, this.i);
    if (CONTROL.test(raw)) throw GIVE_UP;
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw GIVE_UP;
    }
  }

  /** Reads a number's source text at the current offset. */
  numberText(): string {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    if (!m) throw GIVE_UP;
    this.i += m[0].length;
    return m[0];
  }

  /** Consumes `word` (true, false, null) if it stands here. */
  word(word: string): boolean {
    if (!this.text.startsWith(word, this.i)) return false;
    this.i += word.length;
    return true;
  }
}
