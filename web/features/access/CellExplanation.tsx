// Why one cell says what it says: simulate's answer for exactly that request (the
// decision, AWS's message, the deciding statements with their text, the evaluation
// flow), and a way to open the same policies and request in the main workspace.
import type { SimulationResult, StatementRef, Workspace } from '../../../engine';
import { Inline } from '../../lib/Inline';
import { ShowMore, useLimited } from '../../lib/Limited';
import { columnLabel, DECISION_LOOK } from './levels';
import type { AccessState } from './store';
import type { AccessData } from './view';

function statementText(ws: Workspace, ref: StatementRef): string | undefined {
  const policy = ws.policies.filter((p) => p.kind === ref.policy.kind)[ref.policy.index];
  return policy?.text.slice(ref.span.start, ref.span.end);
}

/** A statement's text as if it stood alone: the indentation of its closing brace taken off every line. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const last = lines[lines.length - 1];
  const indent = last.length - last.trimStart().length;
  if (lines.length < 2 || indent === 0) return text;
  const pad = ' '.repeat(indent);
  return lines.map((l, i) => (i > 0 && l.startsWith(pad) ? l.slice(indent) : l)).join('\n');
}

const OUTCOME: Record<SimulationResult['steps'][number]['outcome'], string> = {
  allow: 'allows',
  deny: 'denies',
  'no-allow': 'no allow',
  'not-applicable': 'n/a',
  pass: 'passes',
};

interface Props {
  data: AccessData;
  state: Pick<AccessState, 'selected' | 'explained'>;
  onClose(): void;
  onOpenWorkspace(ws: Workspace): void;
}

export function CellExplanation({ data, state, onClose, onOpenWorkspace }: Props) {
  const { selected, explained } = state;
  if (!selected) return null;
  const principal = data.principals[selected.principal];
  const resource = data.resources[selected.resource];
  const action = data.actions[selected.action];
  return (
    <aside aria-labelledby="access-why-heading" data-testid="access-explanation" data-decision={explained?.ok ? explained.result.decision : undefined} className="access-side flex min-h-0 w-[26rem] shrink-0 flex-col border-l border-(--border) bg-(--panel)">
      <div className="flex items-start gap-2 border-b border-(--border) px-3 py-2">
        <h2 id="access-why-heading" className="min-w-0 flex-1 text-sm font-semibold">
          <span className="block truncate" title={principal?.arn}>
            {principal?.pathName}
          </span>
          <span className="block truncate font-normal">
            {columnLabel(action)} <code className="text-xs">{action}</code> on <code title={resource?.arn}>{resource?.name}</code>
          </span>
        </h2>
        <button type="button" data-testid="access-explanation-close" aria-label="Close the explanation" className="rounded border border-(--border) px-2 py-0.5 text-sm hover:bg-(--hover)" onClick={onClose}>
          ✕
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-2 text-sm">
        {!explained && (
          <p className="text-(--muted)" role="status">
            Evaluating…
          </p>
        )}
        {explained && !explained.ok && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {explained.error}
          </p>
        )}
        {explained?.ok && <Why result={explained.result} workspace={explained.workspace} onOpenWorkspace={onOpenWorkspace} />}
      </div>
    </aside>
  );
}

function LackedKeys({ keys }: { keys: readonly string[] }) {
  const limited = useLimited(keys, 60);
  return (
    <>
      <p className="mt-1 flex flex-wrap gap-1">
        {limited.shown.map((k) => (
          <code key={k} className="rounded bg-(--bg) px-1">
            {k}
          </code>
        ))}
      </p>
      <ShowMore {...limited.more} className="mt-1" />
    </>
  );
}

function Why({ result, workspace, onOpenWorkspace }: { result: SimulationResult; workspace: Workspace; onOpenWorkspace(ws: Workspace): void }) {
  const look = DECISION_LOOK[result.decision];
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center gap-2">
        <span data-testid="access-explanation-decision" className={`access-pill ${look.tone}`}>
          <span aria-hidden="true">{look.icon}</span> {look.text}
        </span>
        <button type="button" data-testid="access-open-workspace" className="ml-auto rounded border border-(--border) bg-(--bg) px-2 py-1 text-xs hover:bg-(--hover)" onClick={() => onOpenWorkspace(workspace)}>
          Open in the workspace
        </button>
      </div>
      <p className="rounded bg-(--bg) p-2 font-mono text-xs break-words" data-testid="access-explanation-message">
        {result.message}
      </p>
      {!result.accepted && (
        <p className="rounded border border-amber-500 p-2 text-xs">
          AWS would refuse a policy as written ({result.refusals.length} finding{result.refusals.length === 1 ? '' : 's'}); the decision is what AWS would decide if it accepted it.
        </p>
      )}
      <section aria-labelledby="access-deciding">
        <h3 id="access-deciding" className="mb-1 text-xs font-semibold tracking-wide text-(--muted) uppercase">
          Deciding statements
        </h3>
        {result.decisiveStatements.length === 0 ? (
          <p className="text-xs text-(--muted)">None: no statement allows this request, so it is denied implicitly.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {result.decisiveStatements.map((s) => {
              const text = statementText(workspace, s);
              return (
                <li key={`${s.policy.kind}:${s.policy.index}:${s.statementIndex}`} data-testid="access-deciding-statement" data-effect={s.effect} className={`rounded border-l-4 bg-(--bg) p-2 ${s.effect === 'Deny' ? 'border-red-600' : 'border-green-600'}`}>
                  <div className="text-xs">
                    <span className="font-semibold">{s.effect}</span> · {s.policy.name} › <code>{s.sid ?? `statement ${s.statementIndex + 1}`}</code>
                  </div>
                  {text && <pre tabIndex={0} aria-label={`Statement ${s.sid ?? s.statementIndex + 1}`} className="mt-1 max-h-48 overflow-auto font-mono text-[11px] leading-snug whitespace-pre">{dedent(text)}</pre>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {result.missingContextKeys.length > 0 && (
        <section aria-labelledby="access-missing" className="rounded border border-amber-500 p-2 text-xs">
          <h3 id="access-missing" className="font-semibold">
            Keys the request lacks
          </h3>
          <p className="text-(--muted)">Conditions read them; give them under Request context to answer with them.</p>
          <LackedKeys keys={result.missingContextKeys} />
        </section>
      )}
      <section aria-labelledby="access-steps">
        <h3 id="access-steps" className="mb-1 text-xs font-semibold tracking-wide text-(--muted) uppercase">
          Evaluation
        </h3>
        <ol className="flex flex-col gap-1 text-xs">
          {result.steps.map((s) => (
            <li key={s.stage} data-testid="access-eval-step" data-stage={s.stage} data-outcome={s.outcome} className={`flex gap-2 ${s.outcome === 'not-applicable' ? 'text-(--muted)' : ''}`}>
              <span className={`step-${s.outcome} w-16 shrink-0 font-medium`}>{OUTCOME[s.outcome]}</span>
              <span className="min-w-0">
                <Inline text={s.summary} />
              </span>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="access-policies">
        <h3 id="access-policies" className="mb-1 text-xs font-semibold tracking-wide text-(--muted) uppercase">
          Policies evaluated
        </h3>
        <ul className="flex flex-col gap-0.5 text-xs">
          {result.policies.map((p) => {
            const applying = p.statements.filter((st) => st.applies).length;
            return (
              <li key={`${p.ref.kind}:${p.ref.index}`} className="flex gap-2">
                <span className={`kind-badge kind-${p.ref.kind} shrink-0`}>{p.ref.kind}</span>
                <span className="min-w-0 flex-1 truncate">{p.ref.name}</span>
                <span className="shrink-0 text-(--muted)">{p.notApplicable ? 'does not apply' : `${applying} of ${p.statements.length} apply`}</span>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
