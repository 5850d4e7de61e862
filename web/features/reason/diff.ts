// A line diff for showing a fix: the longest common subsequence of lines, as kept, removed
// and added lines in order. Policies are short; past the cap the whole text is shown replaced.
export interface DiffLine {
  op: 'keep' | 'add' | 'remove';
  text: string;
}

const MAX_CELLS = 4_000_000;

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > MAX_CELLS) return [...a.map((text) => ({ op: 'remove' as const, text })), ...b.map((text) => ({ op: 'add' as const, text }))];
  // lcs[i][j]: the common subsequence length of a[i..] and b[j..].
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: 'keep', text: a[i] });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
      out.push({ op: 'add', text: b[j++] });
    } else {
      out.push({ op: 'remove', text: a[i++] });
    }
  }
  return out;
}

/** Only the changed lines and `context` lines around each change; `null` marks a gap. */
export function hunks(lines: DiffLine[], context = 2): (DiffLine | null)[] {
  const near = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, k) => {
    if (l.op === 'keep') return;
    for (let d = Math.max(0, k - context); d <= Math.min(lines.length - 1, k + context); d++) near[d] = true;
  });
  const out: (DiffLine | null)[] = [];
  lines.forEach((l, k) => {
    if (near[k]) out.push(l);
    else if (out.length && out[out.length - 1] !== null) out.push(null);
  });
  if (out[out.length - 1] === null) out.pop();
  return out;
}
