import type { Position, Range, Span } from '../types.ts';

/**
 * Converts UTF-16 offsets to 1-based line/column positions and back.
 * The engine stores offsets everywhere and converts here, in one place.
 */
export class LineIndex {
  /** Offset at which each line starts. */
  private readonly starts: number[];

  /** `lineStarts`, when the caller already knows them (the JSON parser collects them). */
  private readonly text: string;

  constructor(text: string, lineStarts?: number[]) {
    this.text = text;
    this.starts = lineStarts ?? LineIndex.scan(text);
  }

  private static scan(text: string): number[] {
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // The common case: jump from newline to newline.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      return starts;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return starts;
  }

  /** 1-based position of an offset (clamped to the text). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1 };
  }

  /** Offset of a 1-based position (clamped to the line and the text). */
  offset(position: Position): number {
    const line = Math.max(1, Math.min(position.line, this.starts.length));
    const start = this.starts[line - 1];
    const next = line < this.starts.length ? this.starts[line] : this.text.length;
    return Math.min(start + Math.max(0, position.column - 1), next);
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
}
