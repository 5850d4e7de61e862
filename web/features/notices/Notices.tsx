// Notices: one at a time, at the bottom of the page so nothing moves under the pointer.
// A notice that needs no decision goes away after a few seconds (not while the pointer or
// the focus is on it); every notice, its Undo or Restore included, stays in the list the
// header's Notices button opens.
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useActions, useApp } from '../../store';
import type { Actions, Notice, NoticeAction } from '../../store/types';
import { Popover } from '../../lib/Popover';
import { downloadWorkspace } from '../files/WorkspaceFiles';

/** How long a notice that needs no decision stays; one with an Undo or Restore a little longer. */
export const NOTICE_MS = 6000;
export const NOTICE_WITH_ACTION_MS = 10_000;

export function runNoticeAction(actions: Actions, a: NoticeAction): void {
  switch (a.run) {
    case 'restore-previous':
      return actions.restorePrevious();
    case 'restore-removed':
      return actions.restoreRemoved();
    case 'restore-history':
      return a.arg ? actions.restoreHistory(a.arg) : actions.restorePrevious();
    case 'unremove-history':
      if (a.arg) actions.unremoveHistoryEntry(a.arg);
      return;
    case 'restore-test':
      if (a.arg) actions.restoreTest(a.arg);
      return;
    case 'download-workspace':
      return downloadWorkspace();
  }
}

const toneClass = (n: Notice) => (n.tone === 'error' ? 'notice-error' : 'notice-info');

/** The newest notice not yet dismissed; a new notice starts its own clock. */
export function NoticeToast() {
  const notice = useApp((s) => s.notices.find((n) => !n.done));
  return (
    <div className="notice-region" aria-live="polite">
      {notice && <Toast key={notice.id} notice={notice} />}
    </div>
  );
}

function Toast({ notice }: { notice: Notice }) {
  const actions = useActions();
  const [paused, setPaused] = useState(false);
  const left = useRef(notice.action ? NOTICE_WITH_ACTION_MS : NOTICE_MS);

  useEffect(() => {
    if (!notice.expires || paused) return;
    const started = Date.now();
    const timer = setTimeout(() => actions.dismissNotice(notice.id), left.current);
    return () => {
      clearTimeout(timer);
      left.current = Math.max(1000, left.current - (Date.now() - started));
    };
  }, [notice, paused, actions]);

  return (
    <div
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-testid="notice"
      data-notice-id={notice.id}
      data-expires={String(notice.expires)}
      className={`notice ${toneClass(notice)}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setPaused(false);
      }}
    >
      <span className="min-w-0 flex-1">{notice.text}</span>
      {notice.action && (
        <button
          type="button"
          data-testid="notice-action"
          className="btn btn-sm"
          onClick={() => {
            const a = notice.action!;
            actions.dismissNotice(notice.id);
            runNoticeAction(actions, a);
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button type="button" data-testid="notice-dismiss" aria-label="Dismiss" title="Dismiss" className="btn btn-sm btn-icon" onClick={() => actions.dismissNotice(notice.id)}>
        ✕
      </button>
    </div>
  );
}

let clock: Intl.DateTimeFormat | undefined;
/** One formatter for every notice: building one per call cost milliseconds each render. */
function time(at: number): string {
  clock ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return clock.format(at);
}

/** The header's button: every notice of this visit, newest first, actions still usable. */
export function NoticeLog() {
  const { notices, open } = useApp(useShallow((s) => ({ notices: s.notices, open: s.noticesOpen })));
  const actions = useActions();
  if (notices.length === 0) return null;
  return (
    <Popover
      open={open}
      onOpenChange={actions.setNoticesOpen}
      label="Notices"
      buttonTestId="notice-log-button"
      buttonClass="btn"
      button={
        <>
          Notices <span className="count">{notices.length}</span>
        </>
      }
      panelTestId="notice-log"
      panelClass="w-[min(30rem,94vw)]"
    >
      <h2 className="panel-title">Notices</h2>
      <ul className="flex max-h-[60vh] flex-col gap-1 overflow-auto">
        {notices.map((n) => (
          <li key={n.id} data-testid="notice-log-item" data-done={String(!!n.done)} className={`rounded border px-2 py-1 text-sm ${n.tone === 'error' ? 'border-(--deny-border)' : 'border-(--border)'}`}>
            <div className="flex items-start gap-2">
              <span className="min-w-0 flex-1">{n.text}</span>
              <time className="shrink-0 text-xs text-(--muted)">{time(n.at)}</time>
            </div>
            {n.action && (
              <button
                type="button"
                data-testid="notice-log-action"
                className="btn btn-sm mt-1"
                onClick={() => {
                  actions.dismissNotice(n.id);
                  actions.setNoticesOpen(false);
                  runNoticeAction(actions, n.action!);
                }}
              >
                {n.action.label}
              </button>
            )}
          </li>
        ))}
      </ul>
    </Popover>
  );
}
