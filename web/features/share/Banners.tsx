// Messages above the workspace that wait for a choice: a shared workspace, a damaged
// link. Short notices are at the bottom of the page (features/notices).
import { useShallow } from 'zustand/react/shallow';
import { useActions, useApp } from '../../store';

const bar = 'flex flex-wrap items-center gap-2 border-b border-(--border) px-3 py-1.5 text-sm';

export function Banners() {
  const { incoming, shareError, openingLink } = useApp(useShallow((s) => ({ incoming: s.incoming, shareError: s.shareError, openingLink: s.openingLink })));
  const actions = useActions();
  return (
    <div aria-live="polite">
      {openingLink && (
        <div role="status" data-testid="share-opening" className={`${bar} bg-(--accent-soft)`}>
          <span className="flex-1">Opening the shared workspace in this link…</span>
        </div>
      )}
      {incoming && (
        <div role="alert" data-testid="share-banner" className={`${bar} bg-(--accent-soft)`}>
          <span className="flex-1">
            This link holds a shared workspace ({incoming.policies.length} polic{incoming.policies.length === 1 ? 'y' : 'ies'}). You have your own work open: opening the shared one keeps
            yours in the history.
          </span>
          <button type="button" data-testid="share-open" className="btn btn-primary" onClick={actions.acceptIncoming}>
            Open shared workspace
          </button>
          <button type="button" data-testid="share-keep" className="btn" onClick={actions.dismissIncoming}>
            Keep mine
          </button>
        </div>
      )}
      {shareError && (
        <div role="alert" data-testid="share-error" className={`${bar} bg-(--deny-soft)`}>
          <span className="flex-1">
            <strong>The share link could not be opened.</strong> {shareError} Your current work is unchanged.
          </span>
          <button type="button" data-testid="share-error-dismiss" className="btn" onClick={() => actions.setShareError(null)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
