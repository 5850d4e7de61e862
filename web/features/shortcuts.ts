// Page-wide keyboard shortcuts (listed in the help popover).
import { useEffect } from 'react';
import { appStore } from '../store';
import type { ThemePref, View } from '../store/types';
import { editorBridge } from './editor/bridge';
import { copyShareLink } from './share/share';

const VIEWS: Record<string, View> = { Digit1: 'explain', Digit2: 'batch', Digit3: 'tests', Digit4: 'examples', Digit5: 'problems', Digit6: 'reason' };
const NEXT_THEME: Record<ThemePref, ThemePref> = { system: 'light', light: 'dark', dark: 'system' };

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const { actions, theme } = appStore().getState();
      let handled = true;
      if (e.shiftKey) {
        if (e.code === 'KeyC') void copyShareLink().then((r) => actions.notify({ tone: 'info', text: r.copied ? 'Share link copied.' : 'The clipboard is not available: use the Share button.' }));
        else if (e.code === 'KeyT') actions.setTheme(NEXT_THEME[theme]);
        else handled = false;
      } else if (VIEWS[e.code]) actions.setView(VIEWS[e.code]);
      else if (e.code === 'BracketRight') actions.cycleActive(1);
      else if (e.code === 'BracketLeft') actions.cycleActive(-1);
      else if (e.code === 'KeyE') (editorBridge.focus ?? (() => document.querySelector<HTMLElement>('[data-testid=editor] textarea, [data-testid=editor-fallback]')?.focus()))();
      else if (e.code === 'KeyR') document.querySelector<HTMLInputElement>('[data-testid=principal-arn]')?.focus();
      else if (e.code === 'Slash') actions.setHelpOpen(!appStore().getState().helpOpen);
      else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
