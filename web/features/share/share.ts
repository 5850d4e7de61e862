// The share link of the current workspace: this page's address without its fragment, plus the workspace.
import { encodeShareFragment } from '../../engine-extras';
import { appStore } from '../../store';
import { toWorkspace } from '../../store/workspace';

export function shareLink(location: Pick<Location, 'href'> = window.location): string {
  const base = location.href.split('#')[0];
  return `${base}#${encodeShareFragment(toWorkspace(appStore().getState()))}`;
}

/** Copies the link; resolves to false where the clipboard is not available. */
export async function copyShareLink(): Promise<{ link: string; copied: boolean }> {
  const link = shareLink();
  try {
    await navigator.clipboard.writeText(link);
    return { link, copied: true };
  } catch {
    return { link, copied: false };
  }
}
