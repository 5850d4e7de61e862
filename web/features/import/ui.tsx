// Small pieces the import and AWS CLI dialogs share.
import type { ReactNode } from 'react';

export const inputClass = 'min-w-0 rounded border border-(--border) bg-(--bg) px-2 py-1 text-sm font-mono';
// The app's own button styles (web/styles.css), whose colours meet WCAG AA in both themes.
export const buttonClass = 'btn disabled:cursor-not-allowed disabled:opacity-50';
export const primaryClass = 'btn btn-primary disabled:cursor-not-allowed disabled:opacity-50';

export function Callout({ tone, title, testId, children }: { tone: 'info' | 'error' | 'warning' | 'ok'; title?: ReactNode; testId?: string; children: ReactNode }) {
  const styles = {
    info: 'border-(--border) bg-(--panel)',
    ok: 'border-green-700 bg-green-50 text-green-950 dark:border-green-500 dark:bg-green-950 dark:text-green-50',
    warning: 'border-amber-700 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50',
    error: 'border-red-700 bg-red-50 text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50',
  }[tone];
  const icon = { info: 'ℹ', ok: '✓', warning: '⚠', error: '✖' }[tone];
  return (
    <div className={`rounded border-l-4 border-y border-r px-3 py-2 text-sm ${styles}`} data-testid={testId} role={tone === 'error' ? 'alert' : undefined}>
      {title && (
        <div className="mb-0.5 font-semibold">
          <span aria-hidden="true">{icon}</span> {title}
        </div>
      )}
      <div className="break-words">{children}</div>
    </div>
  );
}

export function Section({ title, id, children, testId, count: n }: { title: string; id: string; children: ReactNode; testId?: string; count?: number }) {
  return (
    <section aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="mb-1 text-xs font-semibold tracking-wide text-(--muted) uppercase">
        {title}
        {n !== undefined && <span className="ml-1 font-normal">({n})</span>}
      </h3>
      {children}
    </section>
  );
}

