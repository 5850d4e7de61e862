// The header's entry to "Who can reach a repository": a button that opens the Access
// panel, a full-window view loaded on first use (its code and its worker stay out of
// the page's first bundle).
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useAccessOpen } from './open';

const AccessPanel = lazy(() => import('./AccessPanel'));

const close = () => useAccessOpen.getState().set(false);

export function AccessButton() {
  const { open, set } = useAccessOpen();
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // Back to the button once the panel is gone (the page behind is inert until then).
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <>
      <button
        ref={button}
        type="button"
        data-testid="access-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Who can pull, push, delete or manage each repository of an account"
        onClick={() => set(true)}
        className="rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)"
      >
        Access
      </button>
      {open && (
        <Suspense fallback={null}>
          <AccessPanel onClose={close} />
        </Suspense>
      )}
    </>
  );
}
