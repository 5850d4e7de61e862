// A button that opens a panel below it: focus moves into the panel, Escape or a click
// outside closes it and focus returns to the button.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The panel's accessible name. */
  label: string;
  button: ReactNode;
  buttonTestId: string;
  buttonClass?: string;
  buttonTitle?: string;
  panelTestId: string;
  panelClass?: string;
  children: ReactNode;
}

export function Popover({ open, onOpenChange, label, button, buttonTestId, buttonClass = 'btn', buttonTitle, panelTestId, panelClass = '', children }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      onOpenChange(false);
      trigger.current?.focus();
    };
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) onOpenChange(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open, onOpenChange]);

  return (
    <div className="relative" ref={box}>
      <button ref={trigger} type="button" data-testid={buttonTestId} aria-expanded={open} aria-haspopup="dialog" title={buttonTitle} className={buttonClass} onClick={() => onOpenChange(!open)}>
        {button}
      </button>
      {open && (
        <div ref={panel} role="dialog" aria-label={label} tabIndex={-1} data-testid={panelTestId} className={`popover ${panelClass}`}>
          {children}
        </div>
      )}
    </div>
  );
}
