// Messages above the workspace: a shared workspace waiting for a choice, a damaged
// link, and short notices with an undo.
import { useShallow } from 'zustand/react/shallow';
import { useActions, useApp } from '../../store';

const bar = 'flex flex-wrap items-center gap-2 border-b px-3 py-2 text-sm';
const btn = 'rounded border px-2 py-0.5 text-sm';

export function Banners() {
  const { incoming, shareError, notices } = useApp(useShallow((s) => ({ incoming: s.incoming, shareError: s.shareError, notices: s.notices })));
  const actions = useActions();
  return (
    <div aria-live="polite">
      {incoming && (
        <div role="alert" data-testid="share-banner" className={`${bar} border-sky-300 bg-sky-50 text-sky-950 dark:bg-sky-950 dark:text-sky-50`}>
          <span className="flex-1">
            This link holds a shared workspace ({incoming.policies.length} polic{incoming.policies.length === 1 ? 'y' : 'ies'}). You have your own work open: opening the shared one keeps
            yours as the previous workspace.
          </span>
          <button type="button" data-testid="share-open" className={`${btn} border-sky-600 bg-sky-600 text-white`} onClick={actions.acceptIncoming}>
            Open shared workspace
          </button>
          <button type="button" data-testid="share-keep" className={`${btn} border-sky-600`} onClick={actions.dismissIncoming}>
            Keep mine
          </button>
        </div>
      )}
      {shareError && (
        <div role="alert" data-testid="share-error" className={`${bar} border-red-300 bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-50`}>
          <span className="flex-1">
            <strong>The share link could not be opened.</strong> {shareError} Your current work is unchanged.
          </span>
          <button type="button" data-testid="share-error-dismiss" className={`${btn} border-red-600`} onClick={() => actions.setShareError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {notices.map((n) => (
        <div key={n.id} data-testid="notice" className={`${bar} ${n.tone === 'error' ? 'border-red-300 bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-50' : 'border-(--border) bg-(--panel)'}`}>
          <span className="flex-1">{n.text}</span>
          {n.action && (
            <button
              type="button"
              data-testid="notice-action"
              className={`${btn} border-(--border)`}
              onClick={() => {
                const run = n.action?.run;
                actions.dismissNotice(n.id);
                if (run === 'restore-previous') actions.restorePrevious();
                if (run === 'restore-removed') actions.restoreRemoved();
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" data-testid="notice-dismiss" aria-label="Dismiss" className={`${btn} border-(--border)`} onClick={() => actions.dismissNotice(n.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
