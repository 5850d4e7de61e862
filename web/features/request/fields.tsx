// Small form pieces shared by the request builder.
import type { ReactNode } from 'react';

export const inputBase = 'min-w-0 rounded border border-(--border) bg-(--bg) px-2 py-1 text-sm font-mono';
export const inputClass = `${inputBase} w-full`;
export const selectClass = 'rounded border border-(--border) bg-(--bg) px-1 py-1 text-sm';
export const smallButton = 'rounded border border-(--border) px-2 py-0.5 text-xs hover:bg-(--hover) disabled:opacity-40';

export function Field({ label, children, className = '' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <label className={`flex min-w-0 flex-col gap-0.5 ${className}`}>
      <span className="text-xs text-(--muted)">{label}</span>
      {children}
    </label>
  );
}
