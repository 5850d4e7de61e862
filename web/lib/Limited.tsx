// Long lists drawn in part. A policy can read tens of thousands of condition keys; drawing
// each as a row made the page lay out for tens of seconds, so a list shows its first
// items and a button that adds more, and says how many it holds in all.
import { useState } from 'react';

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
