// A real modal dialog: the native <dialog> in the top layer (the page behind is inert),
// labelled by its title, Tab kept inside, Escape closes, focus goes back where it was.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface ModalProps {
  title: ReactNode;
  /** The id of the title element (the dialog's accessible name). */
  titleId: string;
  onClose(): void;
  testId: string;
  children: ReactNode;
  /** Extra controls in the title bar, before the close button. */
  headerExtra?: ReactNode;
  /** CSS width, e.g. `min(72rem, 96vw)`. */
  width?: string;
  /** A selector inside the dialog to focus first; else the first focusable element. */
  initialFocus?: string;
}

export function Modal({ title, titleId, onClose, testId, children, headerExtra, width = 'min(48rem, 96vw)', initialFocus }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // The dimming comes after the first frame: set with showModal() or in that frame, Chromium (headless at least) leaves it unpainted.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => dialog.setAttribute('data-shown', 'true'));
    });
    const first = (initialFocus && dialog.querySelector<HTMLElement>(initialFocus)) || dialog.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => {
      cancelAnimationFrame(frame);
      if (dialog.open) dialog.close();
      // INVARIANT: focus returns to what opened the dialog, when it is still on the page.
      if (opener?.isConnected) opener.focus();
    };
    // Opened once per mount; the focus target is read then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        // Escape: the dialog closes through React, so its state and the page agree.
        e.preventDefault();
        close.current();
      }}
      style={{ width }}
      className="modal m-auto max-h-[92vh] flex-col overflow-hidden rounded-md border border-(--border) bg-(--bg) p-0 text-(--fg) shadow-2xl backdrop:bg-transparent data-[shown=true]:backdrop:bg-[rgba(15,20,30,0.55)] open:flex"
    >
      <div className="flex items-center gap-2 border-b border-(--border) bg-(--panel) px-4 py-2">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <div className="ml-auto flex items-center gap-2">
          {headerExtra}
          <button type="button" data-testid={`${testId}-close`} aria-label="Close" onClick={() => close.current()} className="rounded border border-(--border) px-2 py-0.5 text-sm hover:bg-(--hover)">
            ✕
          </button>
        </div>
      </div>
      {children}
    </dialog>
  );
}
