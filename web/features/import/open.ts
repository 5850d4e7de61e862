// Whether the import dialog is open, and with what text. Module state, not the app
// store: it is the dialog's own, and the header, the request builder, paste and drop
// all open the same dialog.
import { useSyncExternalStore } from 'react';

export interface ImportDialogState {
  open: boolean;
  text: string;
  /** What opened it: the header (anything AWS prints) or the request builder (an access denied message). */
  intent: 'any' | 'denied';
  /** Where the text came from, for the dialog's first line ("from `stack.yaml`"). */
  origin: string | null;
  /** Counts openings, so the dialog starts fresh each time. */
  seq: number;
}

let state: ImportDialogState = { open: false, text: '', intent: 'any', origin: null, seq: 0 };
const listeners = new Set<() => void>();

function set(next: Partial<ImportDialogState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

/** Opens the dialog; with `text`, showing it (a paste, a dropped file), else with the text it had. */
export function openImport(o: { text?: string; intent?: 'any' | 'denied'; origin?: string } = {}): void {
  const intent = o.intent ?? 'any';
  // The access denied entry starts empty: a template left from before is not what it is for.
  const text = o.text ?? (intent === 'denied' ? '' : state.text);
  set({ open: true, text, intent, origin: o.origin ?? null, seq: state.seq + 1 });
}

export function closeImport(): void {
  set({ open: false });
}

/** Keeps the text typed in the dialog, so closing it by mistake loses nothing. */
export function keepImportText(text: string): void {
  state = { ...state, text };
}

export function importDialogState(): ImportDialogState {
  return state;
}

export function useImportDialog(): ImportDialogState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
