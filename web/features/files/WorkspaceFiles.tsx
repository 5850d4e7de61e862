// Workspace files: Save downloads the workspace as `<name>.json` (the share link's
// envelope as JSON, docs/workspace-file.md), Open reads one back, and dropping one on
// the page opens it too. A file carries what a link carries; opening one keeps the
// current work in the history. Dropped text that is not a workspace file is left to
// the AWS import.
import { useEffect, useRef } from 'react';
import { encodeWorkspaceFile, readWorkspaceFile } from '../../engine-extras';
import { appStore } from '../../store';
import { toWorkspace } from '../../store/workspace';
import { looksLikeWorkspaceFile } from './detect';

/** A file name from a workspace name: letters, digits, dots, dashes and underscores. */
export function fileNameFor(name: string): string {
  const base = name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `${base || 'workspace'}.json`;
}


/** Saves text as a file the browser downloads. */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads the current workspace as `<name>.json` and says so. */
export function downloadWorkspace(): void {
  const s = appStore().getState();
  download(fileNameFor(s.workspaceName), encodeWorkspaceFile(toWorkspace(s)));
  s.actions.notify({ tone: 'info', text: `Saved the workspace as \`${fileNameFor(s.workspaceName)}\`.` });
}

/** Opens a workspace file's text: the workspace replaces the current one (kept in the history), or a notice says what is wrong and where. */
export function openWorkspaceText(fileName: string, text: string): void {
  const { actions } = appStore().getState();
  const r = readWorkspaceFile(text);
  if (!r.ok) {
    const where = r.line ? ` (line ${r.line}${r.column ? `, column ${r.column}` : ''})` : '';
    actions.notify({ tone: 'error', text: `\`${fileName}\` is not a workspace file this simulator can open${where}: ${r.error}` });
    return;
  }
  actions.replaceWorkspace(r.workspace, 'file', { name: fileName.replace(/\.json$/i, '') });
}

export function WorkspaceFileButtons() {
  const input = useRef<HTMLInputElement>(null);
  useDropWorkspaceFiles();
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="save-workspace"
        title="Download this workspace as a file (the same content as a share link)"
        onClick={downloadWorkspace}
      >
        Save
      </button>
      <button type="button" className="btn" data-testid="open-workspace" title="Open a workspace file (your work goes into the history)" onClick={() => input.current?.click()}>
        Open
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="hidden"
        data-testid="open-workspace-input"
        aria-label="Workspace file to open"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) openWorkspaceText(file.name, await file.text());
        }}
      />
    </>
  );
}

/** A workspace file dropped anywhere on the page opens; other files are left to other handlers. */
function useDropWorkspaceFiles(): void {
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = async (e: DragEvent) => {
      const file = e.dataTransfer?.files?.[0];
      if (!file || !/\.json$/i.test(file.name)) return;
      const text = await file.text();
      if (!looksLikeWorkspaceFile(text)) return;
      e.preventDefault();
      openWorkspaceText(file.name, text);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
}
