// Commands the lazy-loaded editor offers to the rest of the page, without the page
// importing Monaco. Set while an editor is mounted.
export const editorBridge: {
  format?: () => void;
  focus?: () => void;
} = {};
