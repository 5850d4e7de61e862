// CSV export of an answer: one line per cell that answers the filter, RFC 4180 quoting
// (fields with a quote, comma, CR or LF in double quotes, quotes doubled; CRLF lines).
import { DECISION_CODES, STAGE_CODES } from '../../../engine';
import { decisionKeeps } from './levels';
import { forEachMatch, type AccessData, type ViewOptions } from './view';

export const CSV_HEADER = ['principal', 'repository', 'action', 'decision', 'stage'] as const;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/**
 * The answer as CSV, in chunks (an account's answer can run to millions of lines): the
 * header, then every cell of a matching pair whose action and decision the filter keeps,
 * principal and repository as ARNs, in the table's order. Cells not yet computed are left out.
 */
export function* csvChunks(data: AccessData, o: Omit<ViewOptions, 'expandAll' | 'toggled'>, linesPerChunk = 10_000): Generator<string> {
  const R = data.resources.length;
  const A = data.actions.length;
  const only = o.filter.action ? data.actions.findIndex((x) => x.toLowerCase() === o.filter.action.toLowerCase()) : -1;
  const cols = only >= 0 ? [only] : o.filter.action ? [] : data.actions.map((_, a) => a);
  let chunk = csvLine(CSV_HEADER);
  let lines = 0;
  const out: string[] = [];
  forEachMatch(data, o, (p, r) => {
    if (p >= data.done) return;
    const base = (p * R + r) * A;
    for (const a of cols) {
      const decision = DECISION_CODES[data.decisions[base + a]];
      if (!decisionKeeps(o.filter.decision, decision)) continue;
      chunk += csvLine([data.principals[p].arn, data.resources[r].arn, data.actions[a], decision, STAGE_CODES[data.stages[base + a]]]);
      if (++lines >= linesPerChunk) {
        out.push(chunk);
        chunk = '';
        lines = 0;
      }
    }
  });
  // forEachMatch is synchronous: the chunks are yielded once the walk is done.
  yield* out;
  if (chunk) yield chunk;
}

/** The whole answer as one string (small answers, tests). */
export function toCsv(data: AccessData, o: Omit<ViewOptions, 'expandAll' | 'toggled'>): string {
  let s = '';
  for (const c of csvChunks(data, o)) s += c;
  return s;
}
