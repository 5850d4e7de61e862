// "AWS out": the AWS CLI commands that check this workspace against AWS itself, as the
// engine builds them, with what AWS's tools cannot check. Read-only, copyable.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { simulateCustomPolicyCommand, validatePolicyCommand, type CommandResult } from '../../../engine';
import { Inline } from '../../lib/Inline';
import { useApp } from '../../store';
import { CopyBox } from './CopyBox';

function Notes({ notes, testId }: { notes: string[]; testId: string }) {
  if (notes.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1 text-sm" data-testid={testId}>
      {notes.map((n, i) => (
        <li key={i} className="flex gap-2" data-testid="aws-cli-note">
          <span aria-hidden="true" className="text-(--muted)">
            ⚠
          </span>
          <span className="sr-only">Note: </span>
          <span className="min-w-0 break-words">
            <Inline text={n} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Both commands for the workspace as it is now. */
export default function AwsCommands() {
  const { policies, request, activeId } = useApp(useShallow((s) => ({ policies: s.policies, request: s.request, activeId: s.activeId })));
  const { simulate, validate, activeName } = useMemo(() => {
    const taking = policies.filter((p) => p.enabled !== false).map((p) => ({ kind: p.kind, name: p.name, text: p.text }));
    const active = policies.find((p) => p.id === activeId);
    const v: CommandResult | null = active ? validatePolicyCommand({ kind: active.kind, text: active.text, name: active.name }) : null;
    return { simulate: simulateCustomPolicyCommand({ policies: taking, request }), validate: v, activeName: active?.name };
  }, [policies, request, activeId]);
  return (
    <div className="flex flex-col gap-4 overflow-y-auto p-4" data-testid="aws-cli">
      <p className="text-sm text-(--muted)">
        Run these where your AWS credentials are to check the simulator against AWS. They carry the policies' text; nothing is sent from this page.
      </p>
      <section className="flex flex-col gap-2" aria-label="Simulate the request">
        <CopyBox label="aws iam simulate-custom-policy" testId="aws-cli-simulate" text={simulate.command} rows={10} />
        {simulate.notes.length > 0 && <p className="text-xs font-semibold tracking-wide text-(--muted) uppercase">What AWS's simulator does not check</p>}
        <Notes notes={simulate.notes} testId="aws-cli-simulate-notes" />
      </section>
      <section className="flex flex-col gap-2" aria-label="Validate the open policy">
        {validate ? (
          <>
            <CopyBox label={`aws accessanalyzer validate-policy (${activeName})`} testId="aws-cli-validate" text={validate.command} rows={6} />
            <Notes notes={validate.notes} testId="aws-cli-validate-notes" />
          </>
        ) : (
          <p className="text-sm text-(--muted)">Open a policy tab to get its `validate-policy` command.</p>
        )}
      </section>
    </div>
  );
}

/** The header's "AWS CLI" button and its dialog. */
