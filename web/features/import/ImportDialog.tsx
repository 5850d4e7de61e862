// "Import from AWS": paste (or open, or drop) what AWS printed; the dialog says what the
// engine found and what applying it will do, then replaces the workspace or adds to it.
// An access denied message in the same box becomes a request, beside what the workspace decides.
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ImportFormat, ImportOptions, ImportSuccess, PolicyKind } from '../../../engine';
import { Inline } from '../../lib/Inline';
import { ShowMore, useLimited } from '../../lib/Limited';
import { useActions, useApp } from '../../store';
import { kindLabel } from '../../store/slices';
import { toWorkspace } from '../../store/workspace';
import { KIND_SHORT } from '../editor/PolicyTabs';
import { IMPORT_EXTENSIONS, MAX_IMPORT_BYTES, type InputAnalysis } from './analyze';
import { OFF_THREAD_IMPORT_CHARS, useInputAnalysis } from './useInputAnalysis';
import { DeniedFooter, DeniedPanel, EncodedPanel, useDenied } from './DeniedPanel';
import { Modal } from './Modal';
import { closeImport, keepImportText, useImportDialog } from './open';
import { buttonClass, Callout, inputClass, primaryClass, Section } from './ui';
import { addedRequest, defaultPrincipal, newTests, planImport, principalName, principalType, replacedWorkspace, requestChanges, type ImportPlan } from './plan';

const FORMAT_LABEL: Record<ImportFormat, string> = {
  'policy-document': 'policy document',
  'ecr-repository-policy': 'aws ecr get-repository-policy',
  'ecr-registry-policy': 'aws ecr get-registry-policy',
  'iam-role': 'aws iam get-role',
  'iam-inline-policy': 'aws iam get-…-policy',
  'iam-policy-version': 'aws iam get-policy-version',
  'iam-account-details': 'aws iam get-account-authorization-details',
  'organizations-policy': 'aws organizations describe-policy',
  cloudformation: 'CloudFormation',
  'terraform-plan': 'terraform show -json (plan)',
  'terraform-state': 'terraform show -json (state)',
  'ecs-task-definition': 'aws ecs describe-task-definition',
};

/** The options that change what each format gives. */
const OPTIONS_FOR: Partial<Record<ImportFormat, ReadonlyArray<'region' | 'accountId' | 'partition' | 'stackName'>>> = {
  'ecr-repository-policy': ['region', 'partition'],
  cloudformation: ['region', 'accountId', 'partition', 'stackName'],
  'terraform-plan': ['region', 'accountId', 'partition'],
  'terraform-state': ['region', 'accountId', 'partition'],
};

const ACCEPTS: [string, string][] = [
  ['aws ecr get-repository-policy, get-registry-policy', 'the repository policy, and the repository as the request’s resource'],
  ['aws iam get-role, get-role-policy, get-user-policy, get-policy-version', 'the role as principal, its trust policy, an inline or managed policy'],
  ['aws iam get-account-authorization-details', 'pick a role or user: its policies, boundary and trust policy'],
  ['aws ecs describe-task-definition', 'the image pulls and secret reads as policy tests'],
  ['CloudFormation (JSON or YAML), terraform show -json', 'roles, policies and repository policies, with placeholders you can fill in'],
  ['a policy document', 'as JSON, a JSON string or URL-encoded'],
  ['an AccessDenied message', 'from the CLI, an SDK, Docker or ECS, or aws sts decode-authorization-message'],
];

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function plain(text: string): string {
  return text.replace(/`([^`]*)`/g, '“$1”');
}

export function ImportDialog() {
  const d = useImportDialog();
  if (!d.open) return null;
  return <ImportDialogBody key={d.seq} initial={d.text} intent={d.intent} origin={d.origin} />;
}

function ImportDialogBody({ initial, intent, origin }: { initial: string; intent: 'any' | 'denied'; origin: string | null }) {
  const [text, setTextState] = useState(initial);
  const [from, setFrom] = useState(origin);
  const [options, setOptions] = useState<ImportOptions>({});
  const [fileError, setFileError] = useState<string | null>(null);
  /** The long text the person asked to see in the text area (see import-text-long). */
  const [shownLong, setShownLong] = useState<string | null>(null);
  const folded = text.length > OFF_THREAD_IMPORT_CHARS && shownLong !== text;
  const area = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const { analysis, pending } = useInputAnalysis(text, options);
  const setText = (t: string, source: string | null = null) => {
    setTextState(t);
    setFrom(source);
    keepImportText(t);
  };

  const openFile = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_IMPORT_BYTES) {
      setFileError(`\`${f.name}\` is ${Math.round(f.size / 1024 / 1024)} MB; the importer reads files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
      return;
    }
    setFileError(null);
    setText(await f.text(), f.name);
    area.current?.scrollTo(0, 0);
  };

  const title = intent === 'denied' ? 'Paste an AccessDenied' : 'Import from AWS';
  return (
    <Modal title={title} titleId="import-title" testId="import-dialog" onClose={closeImport} width="min(78rem, 96vw)" initialFocus="[data-testid=import-text]">
      <div className="grid min-h-0 flex-auto grid-cols-1 overflow-y-auto md:h-[min(46rem,calc(92vh-7.5rem))] md:grid-cols-[minmax(0,5fr)_minmax(0,6fr)] md:grid-rows-[minmax(0,1fr)] md:overflow-hidden">
        <div className="flex min-h-0 flex-col gap-2 border-(--border) p-3 md:border-r">
          <div className="flex items-baseline gap-2">
            <label htmlFor="import-text" className="text-sm font-medium">
              {intent === 'denied' ? 'The error AWS printed' : 'What AWS printed'}
            </label>
            {from && (
              <span className="truncate text-xs text-(--muted)" data-testid="import-origin">
                from <code>{from}</code>
              </span>
            )}
          </div>
          <p id={hintId} className="text-xs text-(--muted)">
            {intent === 'denied'
              ? 'An AccessDenied message from the CLI, an SDK, Docker or ECS, an encoded authorization message, or the output of aws sts decode-authorization-message.'
              : 'CLI output, a CloudFormation template, terraform show -json, a policy, or an AccessDenied message. It is read in this page; nothing is sent anywhere.'}
          </p>
          {/* A long text is read in the worker and shown folded: laid out in the text area it held
              the page for 200-600 ms. Hidden, not removed: removing the focused text area forced
              that layout anyway. */}
          {folded && (
            <div data-testid="import-text-long" className="flex min-h-[14rem] w-full flex-1 flex-col items-start gap-2 rounded border border-(--border) bg-(--panel) p-2 font-mono text-xs leading-5">
              <code className="w-full truncate text-(--muted)">{text.slice(0, 200)}</code>
              <span>{text.length.toLocaleString('en-US')} characters, read in the background.</span>
              <button type="button" className={buttonClass} data-testid="import-text-show" onClick={() => setShownLong(text)}>
                Show the text
              </button>
            </div>
          )}
          <textarea
            ref={area}
            id="import-text"
            data-testid="import-text"
            aria-describedby={hintId}
            value={text}
            onChange={(e) => setText(e.currentTarget.value, null)}
            spellCheck={false}
            // One-line messages wrap; JSON and YAML keep their shape.
            wrap={text.includes('\n') ? 'off' : 'soft'}
            placeholder={intent === 'denied' ? 'An error occurred (AccessDeniedException) when calling the PutImage operation: User: arn:aws:sts::…' : '{\n  "registryId": "111111111111",\n  "repositoryName": "prod/api",\n  "policyText": "{…}"\n}'}
            className={`min-h-[14rem] w-full flex-1 resize-none rounded border border-(--border) bg-(--panel) p-2 font-mono text-xs leading-5 ${folded ? 'hidden' : ''}`}
          />
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <button type="button" className={buttonClass} data-testid="import-file-button" onClick={() => file.current?.click()}>
              Open a file…
            </button>
            <input
              ref={file}
              type="file"
              className="hidden"
              tabIndex={-1}
              aria-hidden="true"
              data-testid="import-file"
              accept={IMPORT_EXTENSIONS.join(',')}
              onChange={(e) => {
                void openFile(e.currentTarget.files?.[0]);
                e.currentTarget.value = '';
              }}
            />
            <span className="text-(--muted)">or drop a {IMPORT_EXTENSIONS.join(' ')} file on the page</span>
            {text && (
              <button
                type="button"
                className={`${buttonClass} ml-auto`}
                data-testid="import-clear"
                onClick={() => {
                  setText('');
                  area.current?.focus();
                }}
              >
                Clear
              </button>
            )}
          </div>
          {fileError && (
            <p role="alert" className="text-xs text-red-700 dark:text-red-300">
              <Inline text={fileError} />
            </p>
          )}
        </div>
        <Analysis
          analysis={analysis}
          pending={pending}
          options={options}
          setOptions={setOptions}
          onClearForDecoded={() => {
            setText('');
            area.current?.focus();
          }}
        />
      </div>
    </Modal>
  );
}

function Analysis({
  analysis,
  pending,
  options,
  setOptions,
  onClearForDecoded,
}: {
  analysis: InputAnalysis;
  pending: boolean;
  options: ImportOptions;
  setOptions(o: ImportOptions): void;
  onClearForDecoded(): void;
}) {
  if (analysis.kind === 'import') return <ImportView key={analysis.result.format} result={analysis.result} options={options} setOptions={setOptions} pending={pending} />;
  if (analysis.kind === 'denied') return <DeniedView analysis={analysis} pending={pending} />;
  return (
    <ResultColumn kind={analysis.kind} pending={pending} footer={<CancelFooter />}>
      {analysis.kind === 'empty' && <Accepts />}
      {analysis.kind === 'encoded' && <EncodedPanel message={analysis.message} command={analysis.command} onClear={onClearForDecoded} />}
      {analysis.kind === 'workspace' && (
        <Callout tone="info" testId="import-workspace-file" title="This is a workspace file">
          It holds a whole workspace saved from this simulator, not AWS output. Open it as a workspace instead of importing it.
        </Callout>
      )}
      {analysis.kind === 'error' && (
        <>
          <Callout tone="error" testId="import-error" title="Not something the importer reads">
            <Inline text={analysis.error} />
          </Callout>
          <Accepts />
        </>
      )}
    </ResultColumn>
  );
}

function ResultColumn({ kind, pending, children, footer }: { kind: string; pending: boolean; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="flex min-h-0 flex-col">
      <div className="min-h-0 flex-1 overflow-y-auto p-3" data-testid="import-result" data-kind={kind} data-pending={pending} aria-live="polite">
        <div className="flex flex-col gap-3">{children}</div>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2 border-t border-(--border) bg-(--panel) px-3 py-2">{footer}</div>
    </div>
  );
}

function CancelFooter() {
  return (
    <button type="button" className={buttonClass} data-testid="import-cancel" onClick={closeImport}>
      Cancel
    </button>
  );
}

function Accepts() {
  return (
    <section aria-labelledby="import-accepts" className="text-sm" data-testid="import-accepts">
      <h3 id="import-accepts" className="mb-1 font-semibold">
        What it reads
      </h3>
      <dl className="grid grid-cols-1 gap-x-3 gap-y-1.5 text-xs">
        {ACCEPTS.map(([what, gives]) => (
          <div key={what}>
            <dt className="font-mono text-(--fg)">{what}</dt>
            <dd className="text-(--muted)">{gives}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

// ------------------------------------------------------------------ import

function useCurrentWorkspace() {
  return useApp(useShallow((s) => ({ policies: s.policies, request: s.request, tests: s.tests, activeId: s.activeId })));
}

function placeholderParameters(r: ImportSuccess): string[] {
  const names = new Set<string>();
  const scan = (s: string) => {
    for (const m of s.matchAll(/\{\{Ref:([A-Za-z0-9]+)\}\}/g)) names.add(m[1]);
  };
  for (const p of [...r.policies, ...(r.principals ?? []).flatMap((x) => x.policies)]) scan(p.text);
  scan(JSON.stringify(r.request ?? {}));
  for (const w of r.warnings) scan(w);
  return [...names];
}

function ImportView({ result, options, setOptions, pending }: { result: ImportSuccess; options: ImportOptions; setOptions(o: ImportOptions): void; pending: boolean }) {
  const state = useCurrentWorkspace();
  const actions = useActions();
  const current = useMemo(() => toWorkspace(state), [state]);
  const principals = result.principals ?? [];
  // The choice by position: filling in an account id changes the ARNs, not which principal was chosen.
  const [choice, setChoice] = useState<number | 'none' | null>(null);
  const chosen = choice === 'none' ? null : choice !== null && principals[choice] ? principals[choice].arn : defaultPrincipal(result);
  const plans = useMemo(
    () => ({ replace: planImport(result, chosen, { ...current, policies: [] }), add: planImport(result, chosen, current) }),
    [result, chosen, current],
  );
  const plan = plans.replace;
  const tests = newTests(plans.add, current);
  const changes = requestChanges(plans.add, current, 'add');
  const replaceNotes = new Set(plans.replace.notes);
  const addOnly = plans.add.notes.filter((n) => !replaceNotes.has(n));
  const empty = plan.policies.length === 0 && plan.tests.length === 0 && Object.keys(plan.request).length === 0 && Object.keys(plan.context).length === 0;
  const fields = OPTIONS_FOR[result.format] ?? (result.warnings.some((w) => w.includes('{{')) ? (['region', 'accountId', 'partition'] as const) : []);
  // A parameter once filled in leaves no placeholder, and must keep its input.
  const parameters = result.format === 'cloudformation' ? [...new Set([...Object.keys(options.parameters ?? {}), ...placeholderParameters(result)])] : [];

  const replace = () => {
    // The history names it by what was read, e.g. "ECR repository policy of `prod/api` in 111111111111".
    actions.replaceWorkspace(replacedWorkspace(plan, current), 'import', { name: result.source.replace(/`/g, '') });
    closeImport();
  };
  const add = () => {
    const parts = [plans.add.policies.length ? count(plans.add.policies.length, 'policy', 'policies') : '', tests.length ? count(tests.length, 'test') : ''].filter(Boolean);
    const what = parts.length ? `Added ${parts.join(' and ')} from the ${plain(result.source)}` : `Set the request from the ${plain(result.source)}`;
    actions.addToWorkspace({ policies: plans.add.policies, request: addedRequest(plans.add, current), tests }, `${what}.`);
    closeImport();
  };

  const footer = (
    <>
      {empty && (
        <span className="mr-auto text-xs text-(--muted)" data-testid="import-nothing">
          Nothing to apply: {principals.length > 0 && !chosen ? 'choose a principal.' : 'the import gives no policy, request or test.'}
        </span>
      )}
      <CancelFooter />
      <button type="button" className={buttonClass} data-testid="import-add" disabled={empty} onClick={add} title="Add the policy tabs and tests to this workspace and set the request fields the import gives">
        Add to workspace
      </button>
      <button type="button" className={primaryClass} data-testid="import-replace" disabled={empty} onClick={replace} title="A new workspace from the import; yours is kept as the previous workspace">
        Replace workspace
      </button>
    </>
  );

  return (
    <ResultColumn kind="import" pending={pending} footer={footer}>
      <div data-testid="import-source" data-format={result.format} className="flex flex-col gap-1">
        <span className="w-fit rounded border border-(--border) bg-(--panel) px-1.5 font-mono text-xs text-(--muted)">{FORMAT_LABEL[result.format]}</span>
        <p className="text-base font-medium">
          <Inline text={result.source} />
        </p>
      </div>

      {(fields.length > 0 || parameters.length > 0) && <OptionsRow fields={fields} parameters={parameters} options={options} setOptions={setOptions} />}

      <Warnings warnings={result.warnings} />


      {principals.length > 1 && (
        <PrincipalPicker result={result} chosen={chosen} onChoose={(i) => setChoice(i)} />
      )}

      <Section title="What it will do" id="import-plan-h" testId="import-plan">
        <PlanList plan={plan} changes={changes} />
        <p className="mt-1 text-xs text-(--muted)">
          <strong>Replace workspace</strong> opens only these; <strong>Add to workspace</strong> adds them to yours. Either way, the workspace you have now is kept as the previous one.
        </p>
      </Section>

      {plan.leftOut.length > 0 && <LeftOut items={plan.leftOut} />}
      {(plan.notes.length > 0 || addOnly.length > 0) && <Notes notes={plan.notes} addOnly={addOnly} />}
    </ResultColumn>
  );
}

const FIRST_WARNINGS = 3;

function WarningItem({ text }: { text: string }) {
  return (
    <li data-testid="import-warning" className="flex gap-2 rounded border-l-4 border-amber-600 bg-amber-50 px-2 py-0.5 text-sm text-amber-950 dark:border-amber-400 dark:bg-amber-950/60 dark:text-amber-50">
      <span aria-hidden="true">⚠</span>
      <span className="sr-only">Warning: </span>
      <span className="min-w-0 break-words">
        <Inline text={text} />
      </span>
    </li>
  );
}

function LeftOut({ items }: { items: ImportPlan['leftOut'] }) {
  const limited = useLimited(items, 60);
  return (
    <Section title="Left out" id="import-left-h" testId="import-left-out" count={items.length}>
      <ul className="flex flex-col gap-1 text-sm">
        {limited.shown.map((l, i) => (
          <li key={i} data-testid="import-left" className="rounded border border-dashed border-(--border) px-2 py-1">
            <span className="font-medium">
              <Inline text={l.what} />
            </span>
            <span className="text-(--muted)">
              {' '}
              — <Inline text={l.reason} />
            </span>
          </li>
        ))}
      </ul>
      <ShowMore {...limited.more} className="mt-1" />
    </Section>
  );
}

function Note({ text, addOnly }: { text: string; addOnly?: boolean }) {
  return (
    <li data-testid="import-note" className="flex gap-2">
      <span aria-hidden="true" className="text-(--muted)">
        ℹ
      </span>
      <span>
        {addOnly && <strong>Add to workspace: </strong>}
        <Inline text={text} />
      </span>
    </li>
  );
}

/** What to know about the import; a template of thousands of repositories has a note for each. */
function Notes({ notes, addOnly }: { notes: string[]; addOnly: string[] }) {
  const all = useMemo(() => [...notes.map((text) => ({ text, addOnly: false })), ...addOnly.map((text) => ({ text, addOnly: true }))], [notes, addOnly]);
  const limited = useLimited(all, 30);
  return (
    <Section title="Good to know" id="import-notes-h" testId="import-notes">
      <ul className="flex flex-col gap-1 text-sm">
        {limited.shown.map((n, i) => (
          <Note key={i} text={n.text} addOnly={n.addOnly} />
        ))}
      </ul>
      <ShowMore {...limited.more} className="mt-1" />
    </Section>
  );
}

/** Warnings first, a few at once: a template's dozen would push the choices out of sight. */
function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  const rest = warnings.slice(FIRST_WARNINGS);
  return (
    <Section title="Warnings" id="import-warnings-h" testId="import-warnings" count={warnings.length}>
      <ul className="flex flex-col gap-1">
        {warnings.slice(0, FIRST_WARNINGS).map((w, i) => (
          <WarningItem key={i} text={w} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details className="mt-1" data-testid="import-warnings-more">
          <summary className="cursor-pointer text-sm text-(--muted)">{count(rest.length, 'more warning')}</summary>
          <ul className="mt-1 flex flex-col gap-1">
            {rest.map((w, i) => (
              <WarningItem key={i} text={w} />
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

function KindBadge({ kind }: { kind: PolicyKind }) {
  return (
    <span className={`kind-badge kind-${kind}`} aria-hidden="true">
      {KIND_SHORT[kind]}
    </span>
  );
}

function PlanList({ plan, changes }: { plan: ImportPlan; changes: Array<[string, string]> }) {
  const byExpect = new Map<string, number>();
  for (const t of plan.tests) byExpect.set(t.expect, (byExpect.get(t.expect) ?? 0) + 1);
  // A template can hold thousands of repositories: the lists are drawn in part.
  const policies = useLimited(plan.policies, 60);
  const tests = useLimited(plan.tests, 100);
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {policies.shown.map((p, i) => (
        <li key={i} data-testid="import-plan-policy" data-kind={p.kind} data-name={p.name} className="flex items-center gap-2">
          <KindBadge kind={p.kind} />
          <code className="min-w-0 truncate">{p.name}</code>
          <span className="text-(--muted)">→ {kindLabel(p.kind).toLowerCase()} tab</span>
        </li>
      ))}
      {policies.more.hidden > 0 && (
        <li>
          <ShowMore {...policies.more} />
        </li>
      )}
      {changes.map(([field, value]) => (
        <li key={field} data-testid="import-plan-request" data-field={field} className="flex min-w-0 items-baseline gap-2">
          <span className="shrink-0 text-(--muted)">request {field.includes(':') ? <code>{field}</code> : field} ←</span>
          <code className="min-w-0 break-all">{value}</code>
        </li>
      ))}
      {plan.tests.length > 0 && (
        <li data-testid="import-plan-tests" data-count={plan.tests.length}>
          <details>
            <summary className="cursor-pointer">
              {count(plan.tests.length, 'policy test')} (expected {[...byExpect].map(([e, n]) => (byExpect.size > 1 ? `${e} ×${n}` : e)).join(', ')})
            </summary>
            <ul className="mt-1 ml-4 list-disc text-xs">
              {tests.shown.map((t, i) => (
                <li key={i}>
                  <Inline text={t.name} /> <span className="text-(--muted)">→ {t.expect}</span>
                </li>
              ))}
            </ul>
            <ShowMore {...tests.more} className="ml-4" />
          </details>
        </li>
      )}
      {plan.policies.length === 0 && changes.length === 0 && plan.tests.length === 0 && <li className="text-(--muted)">Nothing.</li>}
    </ul>
  );
}

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'];

function OptionsRow({
  fields,
  parameters,
  options,
  setOptions,
}: {
  fields: ReadonlyArray<'region' | 'accountId' | 'partition' | 'stackName'>;
  parameters: string[];
  options: ImportOptions;
  setOptions(o: ImportOptions): void;
}) {
  const put = (k: 'region' | 'accountId' | 'partition' | 'stackName', v: string) => {
    const next = { ...options };
    if (v.trim()) next[k] = v.trim();
    else delete next[k];
    setOptions(next);
  };
  const putParam = (name: string, v: string) => {
    const parameters = { ...(options.parameters ?? {}) };
    if (v.trim()) parameters[name] = v.trim();
    else delete parameters[name];
    setOptions({ ...options, parameters });
  };
  const label = { region: 'Region', accountId: 'Account', partition: 'Partition', stackName: 'Stack name' };
  const hint = { region: 'e.g. eu-west-1', accountId: 'e.g. 123456789012', partition: '', stackName: 'e.g. prod-api' };
  return (
    <Section title="Fill in" id="import-options-h" testId="import-options">
      <div className="flex flex-wrap items-end gap-2">
        {fields.map((f) =>
          f === 'partition' ? (
            <label key={f} className="flex flex-col gap-0.5 text-xs">
              <span className="text-(--muted)">{label[f]}</span>
              <select className={inputClass} data-testid="import-partition" value={options.partition ?? ''} onChange={(e) => put('partition', e.currentTarget.value)}>
                <option value="">from the region</option>
                {PARTITIONS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label key={f} className="flex flex-col gap-0.5 text-xs">
              <span className="text-(--muted)">{label[f]}</span>
              <input
                className={`${inputClass} ${f === 'accountId' ? 'w-44' : 'w-36'}`}
                data-testid={`import-${f === 'accountId' ? 'account' : f === 'stackName' ? 'stack' : f}`}
                value={(options[f] as string | undefined) ?? ''}
                placeholder={hint[f]}
                inputMode={f === 'accountId' ? 'numeric' : undefined}
                spellCheck={false}
                onChange={(e) => put(f, e.currentTarget.value)}
              />
            </label>
          ),
        )}
        {parameters.map((name) => (
          <label key={name} className="flex flex-col gap-0.5 text-xs">
            <span className="text-(--muted)">
              Parameter <code>{name}</code>
            </span>
            <input
              className={`${inputClass} w-36`}
              data-testid="import-parameter"
              data-name={name}
              value={String(options.parameters?.[name] ?? '')}
              spellCheck={false}
              onChange={(e) => putParam(name, e.currentTarget.value)}
            />
          </label>
        ))}
      </div>
    </Section>
  );
}

function PrincipalPicker({ result, chosen, onChoose }: { result: ImportSuccess; chosen: string | null; onChoose(i: number | 'none'): void }) {
  const principals = result.principals ?? [];
  const name = useId();
  const shown = useLimited(principals, 100);
  const testsOf = useMemo(() => {
    const m = new Map<string, number>();
    for (const q of result.requests ?? []) m.set(q.principal, (m.get(q.principal) ?? 0) + 1);
    return m;
  }, [result]);
  return (
    <Section title="Principal" id="import-principals-h" testId="import-principals" count={principals.length}>
      <div role="radiogroup" aria-labelledby="import-principals-h" className="flex max-h-64 flex-col gap-1 overflow-y-auto pr-1">
        {shown.shown.map((p, i) => {
          const kinds = p.policies.map((q) => q.kind);
          const identity = kinds.filter((k) => k === 'identity').length;
          const parts = [identity ? count(identity, 'identity policy', 'identity policies') : '', kinds.includes('boundary') ? 'boundary' : '', kinds.includes('resource') ? 'trust policy' : ''].filter(Boolean);
          const tests = testsOf.get(p.arn) ?? 0;
          const selected = chosen === p.arn;
          return (
            <label
              key={i}
              data-testid="import-principal"
              data-arn={p.arn}
              data-selected={selected}
              className={`flex cursor-pointer items-start gap-2 rounded border px-2 py-1 text-sm hover:bg-(--hover) ${selected ? 'border-(--accent) bg-(--panel)' : 'border-(--border)'}`}
            >
              <input type="radio" name={name} className="mt-1" checked={selected} onChange={() => onChoose(i)} />
              <span className="min-w-0 flex-1">
                <span className="font-medium">{principalName(p.arn)}</span>{' '}
                <span className="text-xs text-(--muted)">
                  {principalType(p) ?? 'principal'} · {parts.length ? parts.join(', ') : 'no policies in the import'}
                  {tests > 0 && ` · ${count(tests, 'ready-made test')}`}
                  {p.tags && Object.keys(p.tags).length > 0 && ` · ${count(Object.keys(p.tags).length, 'tag')}`}
                </span>
                <code className="block truncate text-xs text-(--muted)" title={p.arn}>
                  {p.arn}
                </code>
              </span>
            </label>
          );
        })}
        <ShowMore {...shown.more} className="self-start" />
        <label data-testid="import-principal" data-arn="" data-selected={chosen === null} className="flex cursor-pointer items-center gap-2 rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)">
          <input type="radio" name={name} checked={chosen === null} onChange={() => onChoose('none')} />
          <span>
            None <span className="text-xs text-(--muted)">— only the policies no principal holds</span>
          </span>
        </label>
      </div>
    </Section>
  );
}

// ------------------------------------------------------------------ access denied

function DeniedView({ analysis, pending }: { analysis: Extract<InputAnalysis, { kind: 'denied' }>; pending: boolean }) {
  const denied = useDenied(analysis.result);
  return (
    <ResultColumn kind="denied" pending={pending} footer={<DeniedFooter denied={denied} />}>
      <DeniedPanel denied={denied} />
    </ResultColumn>
  );
}
