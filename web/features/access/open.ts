// Whether the Access panel is open: the one piece of the feature in the page's first
// bundle (the header button reads it); everything else loads when the panel opens.
import { create } from 'zustand';

export const useAccessOpen = create<{ open: boolean; set(open: boolean): void }>()((set) => ({
  open: false,
  set: (open) => set({ open }),
}));
