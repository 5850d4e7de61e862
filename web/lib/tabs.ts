// The WAI-ARIA tabs pattern, for any tab list: one tab in the Tab order (the selected one),
// ←/→ to the previous or next tab (wrapping), Home and End to the first and last; a tab
// is selected as it gets the focus.
import { useRef, type KeyboardEvent } from 'react';

export interface TabProps {
  ref: (el: HTMLElement | null) => void;
  tabIndex: number;
  onKeyDown: (e: KeyboardEvent) => void;
}

/** The key a tab list moves to on a key press, or undefined when the key is not one of the pattern's. */
export function nextTab<K>(keys: readonly K[], current: K, key: string): K | undefined {
  if (keys.length === 0) return undefined;
  const i = Math.max(0, keys.indexOf(current));
  switch (key) {
    case 'ArrowRight':
      return keys[(i + 1) % keys.length];
    case 'ArrowLeft':
      return keys[(i - 1 + keys.length) % keys.length];
    case 'Home':
      return keys[0];
    case 'End':
      return keys[keys.length - 1];
    default:
      return undefined;
  }
}

/**
 * `tabProps(key)` for each tab. `extraKey` sees a key press first (rename, move, ...) and
 * returns true when it handled it.
 */
export function useRovingTabs<K extends string>(keys: readonly K[], active: K, activate: (k: K) => void, extraKey?: (e: KeyboardEvent, k: K) => boolean) {
  const refs = useRef(new Map<K, HTMLElement>());
  const focusable = keys.includes(active) ? active : keys[0];
  return {
    tabProps(k: K): TabProps {
      return {
        ref: (el) => {
          if (el) refs.current.set(k, el);
          else refs.current.delete(k);
        },
        tabIndex: k === focusable ? 0 : -1,
        onKeyDown: (e) => {
          if (extraKey?.(e, k)) return;
          if (e.altKey || e.ctrlKey || e.metaKey) return;
          const next = nextTab(keys, k, e.key);
          if (next === undefined) return;
          e.preventDefault();
          activate(next);
          const el = refs.current.get(next);
          el?.focus();
          el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        },
      };
    },
  };
}
