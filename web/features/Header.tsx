// The top bar: name, data version, workspace commands (New, history), notices, share, theme, help.
import { ENGINE_VERSION } from '../../engine';
import { dataVersionLabel } from '../engine-extras';
import { DEFAULT_WORKSPACE } from '../default-workspace';
import { useActions, useApp } from '../store';
import type { ThemePref } from '../store/types';
import { AwsCliButton } from './aws-out/AwsCliButton';
import { Help } from './help/Help';
import { HistoryButton } from './history/History';
import { NoticeLog } from './notices/Notices';
import { ImportButton } from './import/ImportButton';
import { ShareButton } from './share/ShareButton';
import { WorkspaceFileButtons } from './files/WorkspaceFiles';
import { AccessButton } from './access/AccessButton';

const THEME_LABEL: Record<ThemePref, string> = { system: 'Auto', light: 'Light', dark: 'Dark' };
const NEXT: Record<ThemePref, ThemePref> = { system: 'light', light: 'dark', dark: 'system' };

export function Header() {
  const theme = useApp((s) => s.theme);
  const hasPrevious = useApp((s) => s.hasPrevious);
  const name = useApp((s) => s.workspaceName);
  const actions = useActions();
  const data = dataVersionLabel();
  return (
    <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-(--border) bg-(--panel) px-3 py-1.5">
      <h1 className="flex min-w-0 items-baseline gap-2 text-[15px] font-semibold">
        <span className="whitespace-nowrap">ECR &amp; ECS policy simulator</span>
        <span className="hidden truncate text-xs font-normal text-(--muted) md:inline" data-testid="versions" title={`engine ${ENGINE_VERSION} · AWS data ${data} · everything runs in your browser`}>
          engine {ENGINE_VERSION}
          {data && ` · AWS data ${data.replace(/ \(.*\)$/, '')}`} · runs in your browser
        </span>
      </h1>
      <span className="hidden max-w-52 truncate text-xs text-(--muted) xl:inline" data-testid="workspace-name" title={`The open workspace: ${name}`}>
        {name}
      </span>
      <div className="ml-auto flex flex-wrap items-center gap-1.5">
        <ImportButton />
        <AwsCliButton />
        <button type="button" className="btn" data-testid="new-workspace" title="Start again from the default example (your work goes into the history)" onClick={() => actions.replaceWorkspace(DEFAULT_WORKSPACE, 'reset')}>
          New
        </button>
        <HistoryButton />
        {hasPrevious && (
          <button type="button" className="btn" data-testid="restore-previous" onClick={actions.restorePrevious} title="Swap with the newest workspace in the history">
            ↶ Previous
          </button>
        )}
        <NoticeLog />
        <WorkspaceFileButtons />
        <AccessButton />
        <ShareButton />
        <button
          type="button"
          className="btn"
          data-testid="theme-toggle"
          data-theme={theme}
          aria-label={`Theme: ${THEME_LABEL[theme].toLowerCase()}`}
          onClick={() => actions.setTheme(NEXT[theme])}
          title={`Theme: ${THEME_LABEL[theme].toLowerCase()} (Alt+Shift+T)`}
        >
          <span aria-hidden>{theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}</span>
          <span aria-hidden className="hidden sm:inline">
            {THEME_LABEL[theme]}
          </span>
        </button>
        <Help />
      </div>
    </header>
  );
}
