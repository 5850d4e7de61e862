// A command in a read-only monospace box with a Copy button. Where the clipboard is
// not available, the text is selected instead, for Ctrl+C.
import { useRef, useState } from 'react';

/** Copies the text; resolves to false where the clipboard is refused (then selects it in `box`). */
export async function copyText(text: string, box: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    box?.focus();
    box?.select();
    return false;
  }
}

export function CopyBox({ label, text, testId, rows = 6 }: { label: string; text: string; testId: string; rows?: number }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<'copied' | 'selected' | null>(null);
  const lines = text.split('\n').length;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex items-center gap-2">
        <span className="text-sm font-medium">{label}</span>
        <button
          type="button"
          data-testid={`${testId}-copy`}
          className="ml-auto rounded border border-(--border) px-2 py-0.5 text-xs hover:bg-(--hover)"
          aria-label={`Copy ${label}`}
          onClick={async () => setStatus((await copyText(text, box.current)) ? 'copied' : 'selected')}
        >
          Copy
        </button>
        <span role="status" className="text-xs text-(--muted)" data-testid={`${testId}-status`}>
          {status === 'copied' ? '✓ Copied' : status === 'selected' ? 'Selected: press Ctrl+C (⌘C) to copy' : ''}
        </span>
      </div>
      <textarea
        ref={box}
        readOnly
        data-testid={testId}
        aria-label={label}
        value={text}
        rows={Math.min(Math.max(lines, 2), rows)}
        spellCheck={false}
        wrap="off"
        className="w-full resize-y rounded border border-(--border) bg-(--panel) px-2 py-1 font-mono text-xs leading-5"
      />
    </div>
  );
}
