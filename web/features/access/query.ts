// The one-line query: a small grammar, case-insensitive, read into table filters.
//
//   query    := who | what | filters
//   who      := "who" "can" level [("to" | "on" | "in" | "from")] [glob] filters
//   what     := "what" "can" glob "do" ["in" "ecr"] filters
//   level    := "pull" | "push" | "delete" | "manage" | action
//   action   := "ecr:PutImage" | "PutImage" (ECR assumed) | any "service:Action"
//   filters  := { key ":" value }
//   key      := "principal" | "repo" | "repository" | "action" | "decision"
//   decision := "allow" | "deny" (either deny) | "explicit" | "implicit" | "any"
//
// `who can ...` lists those allowed (unless a `decision:` filter says otherwise), grouped
// by repository; `what can ...` lists what a principal (name, path/name or ARN glob) is
// allowed, grouped by principal. Globs: `*` and `?`; a glob may be quoted with `"`, `'` or
// backticks. A `?` that ends a question (`who can push to prod/*?`) is punctuation, not a
// wildcard; quote the glob to end it with one.
import { LEVELS, type DecisionFilter } from './levels';

export interface AccessFilter {
  principal: string;
  repository: string;
  /** An action of the table, or '' for any. */
  action: string;
  decision: DecisionFilter;
}

export const OPEN_FILTER: AccessFilter = { principal: '', repository: '', action: '', decision: 'any' };

export type QueryResult =
  | { ok: true; filter: AccessFilter; groupBy?: 'principal' | 'repository'; summary: string }
  | { ok: false; error: string };

export const QUERY_EXAMPLES: readonly string[] = [
  'who can push to prod/*',
  'who can pull from team-a/*',
  'who can manage on *',
  'who can ecr:DescribeImages on prod/api',
  'what can ci-deployer do in ecr',
  'what can arn:aws:iam::111111111111:user/* do',
  'repo:prod/* decision:explicit',
];

const DECISIONS: Record<string, DecisionFilter> = {
  allow: 'Allow',
  allowed: 'Allow',
  deny: 'Deny',
  denied: 'Deny',
  explicit: 'ExplicitDeny',
  'explicit-deny': 'ExplicitDeny',
  explicitdeny: 'ExplicitDeny',
  implicit: 'ImplicitDeny',
  'implicit-deny': 'ImplicitDeny',
  implicitdeny: 'ImplicitDeny',
  any: 'any',
  all: 'any',
};

const FILTER_KEYS = new Set(['principal', 'repo', 'repository', 'action', 'decision']);

/** Splits on blanks, keeping quoted runs (their quotes dropped) as one word. */
export function words(text: string): { words: string[]; error?: string } {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    let word = '';
    while (i < text.length && !/\s/.test(text[i])) {
      const q = text[i];
      if (q === '"' || q === "'" || q === '`') {
        const end = text.indexOf(q, i + 1);
        if (end < 0) return { words: out, error: `A quote (${q}) is not closed.` };
        word += text.slice(i + 1, end);
        i = end + 1;
      } else word += text[i++];
    }
    out.push(word);
  }
  return { words: out };
}

/** Gives an action name its catalog spelling (`ecr:putimage` -> `ecr:PutImage`); undefined when unknown. */
export type ActionResolver = (action: string) => string | undefined;

/**
 * An action from a level word or an action name (`ecr:PutImage`, or `PutImage` for ECR);
 * undefined when it is neither. Known actions get the resolver's spelling.
 */
export function actionOf(word: string, resolve?: ActionResolver): string | undefined {
  const w = word.trim();
  const level = LEVELS.find((l) => l.verb === w.toLowerCase());
  if (level) return level.action;
  const full = /^[a-z0-9-]+:[a-z0-9]+$/i.test(w) ? w.replace(/^[^:]+/, (s) => s.toLowerCase()) : /^[a-z][a-z0-9]+$/i.test(w) ? `ecr:${w}` : undefined;
  if (!full) return undefined;
  const known = resolve?.(full);
  if (known) return known;
  // Without the catalog's word, only a name in AWS casing reads as an action.
  return /:[A-Z]/.test(full) ? full : undefined;
}

const ACTION_HELP = '`pull`, `push`, `delete`, `manage` or an action such as `ecr:DescribeImages`';

/** Reads a query into filters. Never throws; an error says what was expected. */
export function parseQuery(input: string, resolve?: ActionResolver): QueryResult {
  let text = String(input ?? '').trim();
  if (text === '') return { ok: true, filter: { ...OPEN_FILTER }, summary: 'Everything' };
  const lower = text.toLowerCase();
  const question = /^(who|what)\b/.test(lower);
  // A question mark that ends a question is punctuation.
  if (question && text.endsWith('?')) text = text.slice(0, -1).trimEnd();
  const split = words(text);
  if (split.error) return { ok: false, error: split.error };
  const w = split.words;
  const filter: AccessFilter = { ...OPEN_FILTER };
  let groupBy: 'principal' | 'repository' | undefined;
  let summary = '';
  let rest: string[];
  const is = (i: number, ...options: string[]) => i < w.length && options.includes(w[i].toLowerCase());

  if (is(0, 'who')) {
    if (!is(1, 'can')) return { ok: false, error: 'Write `who can <pull|push|delete|manage|action> [to] <repository glob>`.' };
    if (w.length < 3 || isFilter(w[2])) return { ok: false, error: `After \`who can\`, name what they can do: ${ACTION_HELP}.` };
    const action = actionOf(w[2], resolve);
    if (!action) return { ok: false, error: `\`${w[2]}\` is not an access level or an action; use ${ACTION_HELP}.` };
    filter.action = action;
    filter.decision = 'Allow';
    let i = 3;
    if (is(i, 'to', 'on', 'in', 'from', 'at')) i++;
    if (i < w.length && !isFilter(w[i])) filter.repository = w[i++];
    rest = w.slice(i);
    groupBy = 'repository';
    summary = `Who can ${action} on ${filter.repository ? `\`${filter.repository}\`` : 'any repository'}`;
  } else if (is(0, 'what')) {
    if (!is(1, 'can') || w.length < 3 || isFilter(w[2]) || (w.length === 3 && is(2, 'do'))) return { ok: false, error: 'Write `what can <principal name or ARN glob> do [in ecr]`.' };
    filter.principal = w[2];
    filter.decision = 'Allow';
    let i = 3;
    if (!is(i, 'do')) return { ok: false, error: `Write \`what can ${w[2]} do\`; a name with blanks goes in quotes.` };
    i++;
    if (is(i, 'in')) {
      if (!is(i + 1, 'ecr')) return { ok: false, error: 'Only ECR can be asked about: write `in ecr`, or leave it out.' };
      i += 2;
    }
    rest = w.slice(i);
    groupBy = 'principal';
    summary = `What \`${filter.principal}\` can do`;
  } else rest = w;

  for (const word of rest) {
    const m = /^([a-z]+):(.*)$/i.exec(word);
    if (!m || !FILTER_KEYS.has(m[1].toLowerCase())) {
      return { ok: false, error: `\`${word}\` is not understood; start with \`who can\` or \`what can\`, or filter with \`principal:\`, \`repo:\`, \`action:\` or \`decision:\`.` };
    }
    const key = m[1].toLowerCase();
    const value = m[2];
    if (value === '') return { ok: false, error: `\`${key}:\` needs a value.` };
    if (key === 'principal') filter.principal = value;
    else if (key === 'repo' || key === 'repository') filter.repository = value;
    else if (key === 'action') {
      const action = actionOf(value, resolve);
      if (!action) return { ok: false, error: `\`${value}\` is not an access level or an action; use ${ACTION_HELP}.` };
      filter.action = action;
    } else {
      const d = DECISIONS[value.toLowerCase()];
      if (!d) return { ok: false, error: `\`${value}\` is not a decision; use \`allow\`, \`deny\`, \`explicit\`, \`implicit\` or \`any\`.` };
      filter.decision = d;
    }
  }
  if (!summary) summary = 'Filtered';
  return { ok: true, filter, groupBy, summary };
}

function isFilter(word: string): boolean {
  const m = /^([a-z]+):/i.exec(word);
  return !!m && FILTER_KEYS.has(m[1].toLowerCase());
}

/** The query that shows a filter (the reverse of parseQuery, for filters set by hand). */
export function queryOf(filter: AccessFilter): string {
  const quote = (s: string) => (/[\s"'`]/.test(s) || s.endsWith('?') ? `"${s.replace(/"/g, '')}"` : s);
  const parts: string[] = [];
  if (filter.principal) parts.push(`principal:${quote(filter.principal)}`);
  if (filter.repository) parts.push(`repo:${quote(filter.repository)}`);
  if (filter.action) parts.push(`action:${filter.action}`);
  if (filter.decision !== 'any') parts.push(`decision:${DECISION_WORD[filter.decision]}`);
  return parts.join(' ');
}

const DECISION_WORD: Record<Exclude<DecisionFilter, 'any'>, string> = { Allow: 'allow', Deny: 'deny', ExplicitDeny: 'explicit', ImplicitDeny: 'implicit' };
