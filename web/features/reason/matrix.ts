// The full matrix as rows a person can filter, and as CSV (RFC 4180, as the Access view writes it).
import type { AccessLevel, Decision, FullMatrix, MatrixCell } from '../../../engine';
import { csvLine } from '../access/csv';

export interface MatrixFilter {
  level: AccessLevel | '';
  decision: Decision | '' | 'conflict';
  text: string;
}

export const OPEN_MATRIX_FILTER: MatrixFilter = { level: '', decision: '', text: '' };

export function cellMatches(m: FullMatrix, c: MatrixCell, f: MatrixFilter): boolean {
  const a = m.actions[c.action];
  if (f.level && a.accessLevel !== f.level) return false;
  if (f.decision === 'conflict') {
    if (!c.conflictingTests?.length) return false;
  } else if (f.decision && c.decision !== f.decision) return false;
  const t = f.text.trim().toLowerCase();
  if (!t) return true;
  const r = m.resources[c.resource];
  const p = m.principals[c.principal];
  return [a.action, r.arn, r.label, p.arn, p.label, c.reason].some((s) => s.toLowerCase().includes(t));
}

export function filterCells(m: FullMatrix, f: MatrixFilter): MatrixCell[] {
  return m.cells.filter((c) => cellMatches(m, c, f));
}

export const MATRIX_CSV_HEADER = ['action', 'access level', 'resource', 'principal', 'decision', 'reason', 'tests expecting otherwise'] as const;

export function matrixCsv(m: FullMatrix, cells: readonly MatrixCell[]): string {
  let out = csvLine(MATRIX_CSV_HEADER);
  for (const c of cells) {
    const a = m.actions[c.action];
    out += csvLine([a.action, a.accessLevel, m.resources[c.resource].arn, m.principals[c.principal].arn, c.decision, c.reason, (c.conflictingTests ?? []).join('; ')]);
  }
  return out;
}
