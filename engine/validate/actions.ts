// Actions: every Action/NotAction entry must name something AWS has. A
// misspelt action is accepted by IAM and then silently matches nothing.
import { getAction, loadedServicePrefixes, suggestActions } from '../catalog/index.ts';
import { actionShapeInvalid, globCached, listNames, type ActionRef, type FixDraft, type StatementInfo, type ValidationContext } from './context.ts';
import type { Located } from '../types.ts';
import { removalSpan } from './text.ts';

function replaceFix(ref: { item: Located<string> }, replacement: string): FixDraft {
  return { title: `Change to ${replacement}`, changes: [{ path: ref.item.path, value: replacement }] };
}

function reportInvalid(ctx: ValidationContext, item: Located<string>): void {
  const text = item.value;
  const guess = text.includes(':') ? undefined : guessPrefix(text);
  ctx.report(
    'action-invalid',
    item.span,
    guess ? `\`${text}\` has no service prefix; write \`${guess}\`.` : `\`${text}\` is not an action; write it as \`service:ActionName\`, e.g. \`ecr:PutImage\`.`,
    guess ? replaceFix({ item }, guess) : undefined,
  );
}

/** Malformed actions only, from the text alone: the part of the action checks that AWS refuses. */
export function checkActionSyntax(ctx: ValidationContext): void {
  for (const { st } of ctx.statements) {
    for (const item of st.action ?? []) if (actionShapeInvalid(item.value)) reportInvalid(ctx, item);
    for (const item of st.notAction ?? []) if (actionShapeInvalid(item.value)) reportInvalid(ctx, item);
  }
}

// Services people most often mean when they leave the prefix out.
const PREFIX_GUESS_ORDER = ['ecr', 'ecs'];

function guessPrefix(name: string): string | undefined {
  const prefixes = [...PREFIX_GUESS_ORDER, ...loadedServicePrefixes().filter((p) => !PREFIX_GUESS_ORDER.includes(p))];
  for (const p of prefixes) {
    const info = getAction(`${p}:${name}`);
    if (info) return `${info.service}:${info.name}`;
  }
  return undefined;
}

function checkEntry(ctx: ValidationContext, ref: ActionRef): void {
  const text = ref.item.value;
  switch (ref.status) {
    case 'variable':
      ctx.report('action-variable', ref.item.span, `\`${text}\` uses a policy variable, which \`Action\` does not support; write the action name out.`);
      return;
    case 'invalid':
      reportInvalid(ctx, ref.item);
      return;
    case 'unknown-service': {
      const [best] = ref.wildcard ? [] : suggestActions(text, 1, ctx.options.actionNames);
      ctx.report(
        'action-service-unknown',
        ref.item.span,
        best
          ? `No AWS service has the prefix \`${ref.service}\`; did you mean \`${best}\`?`
          : `No AWS service has the prefix \`${ref.service}\`; check the part before the colon.`,
        best ? replaceFix(ref, best) : undefined,
      );
      return;
    }
    case 'unknown': {
      const suggestions = suggestActions(text, 3, ctx.options.actionNames);
      const best = suggestions[0];
      ctx.report(
        'action-unknown',
        ref.item.span,
        best
          ? `\`${text}\` is not an action of \`${ref.service}\`, so it matches nothing; did you mean ${listNames(suggestions, 3, 'or')}?`
          : `\`${text}\` is not an action of \`${ref.service}\`, so it matches nothing; check its spelling.`,
        best ? replaceFix(ref, best) : undefined,
      );
      return;
    }
    case 'no-match':
      ctx.report(
        'action-wildcard-no-match',
        ref.item.span,
        `\`${text}\` matches no action of \`${ref.service}\`, so it grants or denies nothing; check the pattern.`,
      );
      return;
    default:
      return;
  }
}

/** A pattern of plain `*` wildcards covers `other` when it matches other's text (other's `*`s read as characters). */
function covers(pattern: string, other: string): boolean {
  if (pattern.includes('?')) return false;
  return globCached(pattern)(other);
}

/** Wildcard entries by the literal text before their first wildcard, as a trie on lower-case characters. */
interface PrefixNode {
  next: Map<number, PrefixNode>;
  here: ActionRef[];
}

function prefixTrie(wildcards: readonly ActionRef[]): PrefixNode {
  const root: PrefixNode = { next: new Map(), here: [] };
  for (const w of wildcards) {
    const lower = w.item.value.toLowerCase();
    let node = root;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      if (c === 42 || c === 63) break; // `*` or `?`
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), here: [] }));
      node = child;
    }
    node.here.push(w);
  }
  return root;
}

// Glob tests spent on redundancy per statement: the check is a suggestion, and hostile
// statements (thousands of overlapping wildcards) must not make it quadratic.
const REDUNDANCY_BUDGET = 20_000;

/** A wildcard entry whose literal prefix starts `lower` and that covers it, within the budget. */
function coverOf(trie: PrefixNode, ref: ActionRef, lower: string, budget: { left: number }): ActionRef | undefined {
  let node: PrefixNode | undefined = trie;
  for (let i = 0; node !== undefined; i++) {
    for (const w of node.here) {
      if (budget.left <= 0) return undefined;
      if (w === ref || w.item.value.toLowerCase() === lower) continue;
      budget.left--;
      if (covers(w.item.value, ref.item.value)) return w;
    }
    node = i < lower.length ? node.next.get(lower.charCodeAt(i)) : undefined;
  }
  return undefined;
}

function checkRepeats(ctx: ValidationContext, info: StatementInfo): void {
  const seen = new Map<string, ActionRef>();
  const trie = prefixTrie(info.actions.filter((a) => a.wildcard));
  const budget = { left: REDUNDANCY_BUDGET };
  for (const ref of info.actions) {
    const lower = ref.item.value.toLowerCase();
    // An array item is removed by its span: jsonc-parser's modify mis-measures an array's last element (see edit.ts).
    const removeFix = { title: `Remove ${ref.item.value}`, edits: [{ span: removalSpan(ctx.text, ref.item.span), text: '' }] };
    const first = seen.get(lower);
    if (first) {
      ctx.report('action-duplicate', ref.item.span, `\`${ref.item.value}\` is already listed in this statement; remove the repeat.`, removeFix);
      continue;
    }
    seen.set(lower, ref);
    if (ref.status === 'variable' || ref.status === 'invalid') continue;
    const cover = coverOf(trie, ref, lower, budget);
    if (cover) {
      ctx.report(
        'action-redundant',
        ref.item.span,
        `\`${cover.item.value}\` in this statement already matches \`${ref.item.value}\`; remove it.`,
        removeFix,
      );
    }
  }
}

function checkResourcePolicyActions(ctx: ValidationContext, info: StatementInfo): void {
  if (info.negated) return;
  for (const ref of info.actions) {
    if (ref.status !== 'known' || ref.wildcard) continue;
    if (ctx.flavor === 'trust' && ref.service !== 'sts') {
      ctx.report(
        'action-not-for-trust-policy',
        ref.item.span,
        `A role trust policy only controls \`sts:\` actions on its role, so \`${ref.item.value}\` has no effect here; grant it in an identity policy.`,
      );
    } else if (ctx.flavor === 'repository') {
      const [action] = ref.infos;
      const onRepository = action?.service === 'ecr' && action.resourceTypes.some((r) => r.name === 'repository');
      if (action && !onRepository) {
        ctx.report(
          'action-not-for-repository',
          ref.item.span,
          `\`${ref.item.value}\` does not act on a repository, so a repository policy never grants it; grant it in an identity policy.`,
        );
      }
    }
  }
}

export function checkActions(ctx: ValidationContext): void {
  for (const info of ctx.statements) {
    for (const ref of info.actions) checkEntry(ctx, ref);
    for (const ref of info.extraActions) checkEntry(ctx, ref);
    checkRepeats(ctx, info);
    if (ctx.kind === 'resource') checkResourcePolicyActions(ctx, info);
  }
}
