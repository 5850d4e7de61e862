// The header's AWS CLI button. The dialog's content (and the engine's command builders)
// loads when it is first opened: nothing of it is needed to show a decision.
import { lazy, Suspense, useState } from 'react';
import { Modal } from '../import/Modal';

const AwsCommands = lazy(() => import('./AwsCommands'));

export function AwsCliButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        data-testid="aws-cli-button"
        className="rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)"
        title="The aws iam simulate-custom-policy and aws accessanalyzer validate-policy commands for this workspace"
        onClick={() => setOpen(true)}
      >
        AWS CLI
      </button>
      {open && (
        <Modal title="Check with the AWS CLI" titleId="aws-cli-title" testId="aws-cli-dialog" onClose={() => setOpen(false)} width="min(60rem, 96vw)">
          <Suspense fallback={<p className="text-sm text-(--muted)">Loading…</p>}>
            <AwsCommands />
          </Suspense>
        </Modal>
      )}
    </>
  );
}
