// The header's "Import from AWS", the dialog it opens, and the page-wide ways in:
// pasting AWS output outside the editors and dropping a file on the page.
import { lazy, Suspense, useEffect } from 'react';
import { useActions } from '../../store';
import { acceptsFile, isWorkspaceEnvelope, MAX_IMPORT_BYTES } from './files';
import { importDialogState, openImport, useImportDialog } from './open';

// The importer (YAML, CloudFormation, Terraform, ...) arrives when first used, not with the page.
const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

/** Where a paste belongs to the element that has it: fields, editors, other dialogs. */
const OWN_PASTE = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor, dialog';

function usePasteAndDrop(): void {
  const actions = useActions();
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (importDialogState().open || e.defaultPrevented) return;
      const target = e.target instanceof Element ? e.target : null;
      const active = document.activeElement;
      if (target?.closest(OWN_PASTE) || (active instanceof Element && active !== document.body && active.closest(OWN_PASTE))) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (text.trim() === '') return;
      // Outside fields and editors a paste does nothing by itself, so the importer may load first.
      void import('./analyze').then(({ handlesPaste }) => {
        if (handlesPaste(text) && !importDialogState().open) openImport({ text, origin: 'the clipboard' });
      });
    };
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (e: DragEvent) => {
      // Without this the browser opens a dropped file in place of the page.
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      if (!acceptsFile(file.name) || importDialogState().open) return;
      if (file.size > MAX_IMPORT_BYTES) {
        actions.notify({ tone: 'error', text: `“${file.name}” is too large to import (${Math.round(file.size / 1024 / 1024)} MB; up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB).` });
        return;
      }
      void file.text().then((text) => {
        // INVARIANT: a workspace file is the Open feature's; the importer leaves it alone.
        if (isWorkspaceEnvelope(text)) return;
        openImport({ text, origin: file.name });
      });
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('drop', onDrop);
    };
  }, [actions]);
}

export function ImportButton() {
  usePasteAndDrop();
  const { open } = useImportDialog();
  return (
    <>
      <button
        type="button"
        data-testid="import-button"
        className="rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)"
        title="Paste or drop what AWS printed: CLI output, CloudFormation, Terraform, a policy, an AccessDenied"
        onClick={() => openImport()}
      >
        Import from AWS
      </button>
      {open && (
        <Suspense fallback={null}>
          <ImportDialog />
        </Suspense>
      )}
    </>
  );
}

/** The request builder's way in: a message AWS printed becomes the request. */
export function AccessDeniedButton() {
  return (
    <button
      type="button"
      data-testid="access-denied-button"
      className="rounded border border-(--border) px-2 py-0.5 text-xs hover:bg-(--hover)"
      title="Build the request from an AccessDenied message and compare the workspace's decision with AWS's"
      onClick={() => openImport({ intent: 'denied' })}
    >
      Paste an AccessDenied…
    </button>
  );
}
