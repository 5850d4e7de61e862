// The top bar: name, data version, workspace commands, share, theme, help.
import { ENGINE_VERSION } from '../../engine';
import { dataVersionLabel } from '../engine-extras';
import { DEFAULT_WORKSPACE } from '../default-workspace';
import { useActions, useApp } from '../store';
import type { ThemePref } from '../store/types';
import { Help } from './help/Help';
import { ShareButton } from './share/ShareButton';
import { AccessButton } from './access/AccessButton';

const THEME_LABEL: Record<ThemePref, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };
const NEXT: Record<ThemePref, ThemePref> = { system: 'light', light: 'dark', dark: 'system' };

export function Header() {
  const theme = useApp((s) => s.theme);
  const hasPrevious = useApp((s) => s.hasPrevious);
  const actions = useActions();
  const data = dataVersionLabel();
  const btn = 'rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)';
  return (
    <header className="flex flex-wrap items-center gap-2 border-b border-(--border) bg-(--panel) px-3 py-2">
      <h1 className="text-base font-semibold">
        ECR &amp; ECS policy simulator
        <span className="ml-2 text-xs font-normal text-(--muted)" data-testid="versions">
          engine {ENGINE_VERSION}
          {data && ` · AWS data ${data}`} · runs in your browser
        </span>
      </h1>
      <div className="ml-auto flex items-center gap-2">
        <button type="button" className={btn} data-testid="new-workspace" onClick={() => actions.loadWorkspace(DEFAULT_WORKSPACE, 'reset')}>
          New
        </button>
        {hasPrevious && (
          <button type="button" className={btn} data-testid="restore-previous" onClick={actions.restorePrevious} title="Swap with the workspace you had before">
            Previous workspace
          </button>
        )}
        <AccessButton />
        <ShareButton />
        <button type="button" className={btn} data-testid="theme-toggle" data-theme={theme} onClick={() => actions.setTheme(NEXT[theme])} title="Alt+Shift+T">
          {THEME_LABEL[theme]}
        </button>
        <Help />
      </div>
    </header>
  );
}
