// Light and dark themes: the person's choice, or the system's (prefers-color-scheme).
import { useEffect, useSyncExternalStore } from 'react';
import { useApp } from '../../store';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

function systemDark(): boolean {
  return window.matchMedia(QUERY).matches;
}

export function useResolvedTheme(): 'light' | 'dark' {
  const pref = useApp((s) => s.theme);
  const dark = useSyncExternalStore(subscribe, systemDark, () => false);
  return pref === 'system' ? (dark ? 'dark' : 'light') : pref;
}

/** Puts the theme on <html> so CSS (and the page before React) follows it. */
export function useApplyTheme(): void {
  const theme = useResolvedTheme();
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('dark', theme === 'dark');
    root.style.colorScheme = theme;
  }, [theme]);
}
