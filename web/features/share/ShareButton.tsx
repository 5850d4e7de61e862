// One click copies a link that restores the whole workspace. Nothing is uploaded:
// the workspace travels in the link's fragment, which browsers never send to a server.
import { useEffect, useRef, useState } from 'react';
import { copyShareLink } from './share';

export function ShareButton() {
  const [state, setState] = useState<{ link: string; copied: boolean } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!state) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setState(null);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [state]);

  return (
    <div className="relative" ref={box}>
      <button
        type="button"
        data-testid="share-button"
        title="Copy a link to this workspace (Alt+Shift+C)"
        onClick={async () => {
          const r = await copyShareLink();
          setState(r);
          requestAnimationFrame(() => input.current?.select());
        }}
        className="btn btn-primary"
      >
        Share
      </button>
      {state && (
        <div role="dialog" aria-label="Share link" className="popover w-[min(28rem,90vw)]">
          <p className="mb-1 text-sm" data-testid="share-status" role="status">
            {state.copied ? 'Link copied to the clipboard.' : 'Copy this link (the clipboard is not available here).'}
          </p>
          <input ref={input} readOnly data-testid="share-link" value={state.link} aria-label="Share link" className="w-full rounded border border-(--border) bg-(--bg) px-2 py-1 font-mono text-xs" />
          <p className="mt-1 text-xs text-(--muted)">The workspace is in the link itself ({Math.round(state.link.length / 1024)} KB); nothing is uploaded.</p>
        </div>
      )}
    </div>
  );
}
