// What the reasoning features show in the editor, chosen by the person; kept apart from
// the app's store, which holds the workspace and its results.
import { create } from 'zustand';

export interface ReasonSettings {
  /** Inline explain: each statement and condition of the active policy says whether it matched the request. */
  explain: boolean;
  setExplain(on: boolean): void;
}

export const useReasonSettings = create<ReasonSettings>()((set) => ({
  explain: true,
  setExplain: (explain) => set({ explain }),
}));
