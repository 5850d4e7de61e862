// The workspace history: every workspace that was replaced, newest first; one click
// restores one, and the current work takes its place in the history.
import { useShallow } from 'zustand/react/shallow';
import { Popover } from '../../lib/Popover';
import { useActions, useApp } from '../../store';
import { HISTORY_LIMIT } from '../../store/history';

/** `14:05` today, `3 Nov, 14:05` before. */
export function when(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const t = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === now.toDateString() ? `today ${t}` : `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${t}`;
}

export function HistoryButton() {
  const { history, saved, dropped, open } = useApp(useShallow((s) => ({ history: s.history, saved: s.historySaved, dropped: s.historyDropped, open: s.historyOpen })));
  const actions = useActions();
  return (
    <Popover
      open={open}
      onOpenChange={actions.setHistoryOpen}
      label="Workspace history"
      buttonTestId="history"
      buttonTitle="Workspaces you replaced (examples, links, New): restore any of them"
      button={
        <>
          History {history.length > 0 && <span className="count">{history.length}</span>}
        </>
      }
      panelTestId="history-panel"
      panelClass="w-[min(32rem,94vw)]"
    >
      <h2 className="panel-title">Workspace history</h2>
      {history.length === 0 ? (
        <p className="text-sm text-(--muted)" data-testid="history-empty">
          Nothing yet. When an example, a link or New replaces your work, the work is kept here.
        </p>
      ) : (
        <ol className="flex max-h-[60vh] flex-col gap-1 overflow-auto" aria-label="Replaced workspaces, newest first">
          {history.map((e, i) => (
            <li key={e.id} data-testid="history-entry" data-history-id={e.id} data-saved={String(i < saved)} className="history-entry">
              <div className="min-w-0 flex-1">
                <div className="flex items-baseline gap-2">
                  <strong className="min-w-0 text-sm break-words" data-testid="history-name">
                    {e.name}
                  </strong>
                  <time dateTime={e.at} className="shrink-0 text-xs text-(--muted)">
                    {when(e.at)}
                  </time>
                </div>
                <div className="font-mono text-xs break-words" data-testid="history-summary">
                  {e.summary}
                </div>
                <div className="text-xs text-(--muted)">
                  {e.note}
                  {i >= saved && ' · kept until this page closes (browser storage is full)'}
                </div>
              </div>
              <div className="flex shrink-0 items-start gap-1">
                <button
                  type="button"
                  className="btn btn-sm btn-primary"
                  data-testid="history-restore"
                  aria-label={`Restore ${e.name}`}
                  onClick={() => {
                    actions.setHistoryOpen(false);
                    actions.restoreHistory(e.id);
                  }}
                >
                  Restore
                </button>
                <button type="button" className="btn btn-sm btn-icon" data-testid="history-remove" aria-label={`Delete ${e.name} from the history`} title="Delete from the history" onClick={() => actions.removeHistoryEntry(e.id)}>
                  ✕
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <p className="mt-2 text-xs text-(--muted)" data-testid="history-footer">
        Keeps the {HISTORY_LIMIT} most recent, in this browser only. Restoring one puts your current work here in its place.
        {dropped.length > 0 && ` Dropped this session to make room: ${dropped.map((d) => `“${d.name}”`).join(', ')}.`}
      </p>
    </Popover>
  );
}
