// Long lists drawn in part. A policy can read tens of thousands of condition keys; drawing
// each as a row made the page lay out for tens of seconds, so a list shows its first
// items and a button that adds more, and says how many it holds in all.
import { useState, type ReactNode } from 'react';

/** How many of `total` items to draw: `first` at first, `step` more on each "Show more". For lists built only as far as they are shown. */
export function useLimit(total: number, first: number, step = first * 4): { limit: number; more: MoreProps } {
  const [limit, setLimit] = useState(first);
  return { limit, more: { hidden: Math.max(0, total - limit), step, onMore: () => setLimit(limit + step) } };
}

/** The first `first` items shown, and a way to show `step` more. */
export function useLimited<T>(items: readonly T[], first: number, step = first * 4): { shown: readonly T[]; more: MoreProps } {
  const { limit, more } = useLimit(items.length, first, step);
  return { shown: items.length > limit ? items.slice(0, limit) : items, more };
}

export interface MoreProps {
  hidden: number;
  step: number;
  onMore(): void;
}

/** "Show 200 more (of 65,000 hidden)": nothing when every item is shown. */
export function ShowMore({ hidden, step, onMore, className = '' }: MoreProps & { className?: string }) {
  if (hidden <= 0) return null;
  const next = Math.min(step, hidden);
  return (
    <button type="button" data-testid="show-more" className={`text-xs underline ${className}`} onClick={onMore}>
      Show {next.toLocaleString('en-US')} more{hidden > next ? ` (${hidden.toLocaleString('en-US')} not shown)` : ''}
    </button>
  );
}

/** Longer values are shown in short until asked for: laying out an input holding 1 MB took 150-300 ms. */
export const LONG_VALUE = 10_000;

/**
 * `editor(true)` for a value longer than LONG_VALUE once the person asks to edit it (the
 * editor should take the focus then); before that, its start, its length and an "Edit"
 * button. Shorter values get `editor(false)` at once.
 */
export function LongValue({ value, label, editor }: { value: string; label: string; editor: (asked: boolean) => ReactNode }) {
  const [asked, setAsked] = useState(false);
  if (value.length <= LONG_VALUE || asked) return editor(asked);
  return (
    <button
      type="button"
      data-testid="long-value"
      className="flex min-w-0 flex-1 flex-col items-start rounded border border-(--border) px-2 py-1 text-left text-xs"
      aria-label={`Edit ${label}: ${value.length.toLocaleString('en-US')} characters`}
      onClick={() => setAsked(true)}
    >
      <code className="w-full truncate">{value.slice(0, 80)}</code>
      <span className="text-(--muted)">{value.length.toLocaleString('en-US')} characters · Edit</span>
    </button>
  );
}

