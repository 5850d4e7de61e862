// The left column: load an account (files, drag and drop, the example), what was read
// and every warning; the request context; the table's columns.
import { useId, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { listActions, type AccountFile } from '../../../engine';
import { Inline } from '../../lib/Inline';
import { EXAMPLE_FILES, EXAMPLE_OPTIONS } from './example-account';
import { LEVELS } from './levels';
import { access, parseContext, resolveAction, useAccess } from './store';

const input = 'min-w-0 w-full rounded border border-(--border) bg-(--bg) px-2 py-1 text-sm font-mono';
const button = 'rounded border border-(--border) bg-(--bg) px-2 py-1 text-sm hover:bg-(--hover) disabled:opacity-50';
const heading = 'text-xs font-semibold tracking-wide text-(--muted) uppercase';

/** Reads the files a person chose or dropped. */
export async function readFiles(list: FileList | File[]): Promise<AccountFile[]> {
  return Promise.all([...list].map(async (f) => ({ name: f.name, text: await f.text() })));
}

export function AccountSidebar() {
  return (
    <div id="access-sidebar" className="access-side flex w-[20rem] shrink-0 flex-col gap-4 overflow-y-auto border-r border-(--border) bg-(--panel) p-3">
      <LoadSection />
      <ContextSection />
      <ColumnsSection />
    </div>
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function LoadSection() {
  const s = useAccess(useShallow((x) => ({ client: x.client, files: x.files, source: x.source, region: x.region, accountId: x.accountId })));
  const picker = useRef<HTMLInputElement>(null);
  const id = useId();
  const account = s.client.account;
  const warnings = [...(account?.warnings ?? []), ...(account?.notes ?? [])];
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-2">
      <h2 id={`${id}-h`} className={heading}>
        Account
      </h2>
      <div className="access-drop flex flex-col items-center gap-2 rounded border border-dashed border-(--border) bg-(--bg) p-3 text-center text-xs text-(--muted)">
        <p>
          Drop files here, or choose them: <code>get-account-authorization-details</code> output and the repository policies, with SCPs and RCPs if you have them.
        </p>
        <div className="flex flex-wrap justify-center gap-2">
          <button type="button" className={button} data-testid="access-choose-files" onClick={() => picker.current?.click()}>
            Choose files…
          </button>
          <button type="button" className={button} data-testid="access-example" onClick={() => access.loadFiles([...EXAMPLE_FILES], 'example', { region: EXAMPLE_OPTIONS.region, orgId: EXAMPLE_OPTIONS.orgId })}>
            Use an example account
          </button>
        </div>
        <input
          ref={picker}
          type="file"
          multiple
          accept=".json,.yaml,.yml,.txt,application/json"
          className="hidden"
          data-testid="access-file-input"
          aria-label="Account files"
          onChange={async (e) => {
            const list = e.currentTarget.files;
            if (list && list.length) access.loadFiles(await readFiles(list), 'files');
            e.currentTarget.value = '';
          }}
        />
      </div>
      <div className="grid grid-cols-2 gap-2">
        <label className="flex flex-col gap-0.5 text-xs text-(--muted)">
          Region
          <input className={input} data-testid="access-region" value={s.region} placeholder="us-east-1" spellCheck={false} onChange={(e) => access.setPlace({ region: e.currentTarget.value })} />
        </label>
        <label className="flex flex-col gap-0.5 text-xs text-(--muted)">
          Account ID
          <input className={input} data-testid="access-account-id" value={s.accountId} placeholder="from the files" spellCheck={false} inputMode="numeric" onChange={(e) => access.setPlace({ accountId: e.currentTarget.value })} />
        </label>
      </div>
      <p className="text-xs text-(--muted)">The files give no region for repository policies; the account comes from the authorization details.</p>
      {s.client.loading && (
        <p role="status" className="text-sm">
          Reading {plural(s.files.length, 'file')}…
        </p>
      )}
      {s.client.loadError && (
        <p role="alert" data-testid="access-load-error" className="rounded border border-red-500 p-2 text-sm text-red-800 dark:text-red-300">
          <Inline text={s.client.loadError} />
        </p>
      )}
      {account && !s.client.loading && (
        <div data-testid="access-summary" data-principals={account.principals.length} data-resources={account.resources.length} className="flex flex-col gap-1 rounded border border-(--border) bg-(--bg) p-2 text-sm">
          <p className="font-medium">
            {s.source === 'example' ? 'Example account' : plural(s.files.length, 'file')} · read in {Math.max(1, Math.round(s.client.loadMs))} ms
          </p>
          <ul className="text-xs">
            <li data-testid="access-summary-principals">
              {plural(account.roles, 'role')}, {plural(account.users, 'user')}
            </li>
            <li data-testid="access-summary-resources">
              {plural(account.resources.length, 'repository', 'repositories')} ({account.withPolicy} with a repository policy)
            </li>
            <li data-testid="access-summary-org">
              {plural(account.scps, 'SCP')}, {plural(account.rcps, 'RCP')}
            </li>
          </ul>
          {s.source === 'files' && (
            <details className="text-xs">
              <summary className="cursor-pointer text-(--muted)">Files</summary>
              <ul className="mt-1 font-mono break-all">
                {s.files.map((f) => (
                  <li key={f.name}>{f.name}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {account && warnings.length > 0 && (
        <div className="rounded border border-amber-500 p-2 text-xs" data-testid="access-warnings">
          <p className="mb-1 font-semibold">{plural(warnings.length, 'warning')}</p>
          <WarningList warnings={warnings.slice(0, FIRST_WARNINGS)} />
          {warnings.length > FIRST_WARNINGS && (
            <details className="mt-1">
              <summary className="cursor-pointer text-(--muted)">{plural(warnings.length - FIRST_WARNINGS, 'more warning')}</summary>
              <WarningList warnings={warnings.slice(FIRST_WARNINGS)} />
            </details>
          )}
        </div>
      )}
    </section>
  );
}

const FIRST_WARNINGS = 4;

function WarningList({ warnings }: { warnings: string[] }) {
  return (
    <ul className="flex list-disc flex-col gap-1 pl-4 break-words">
      {warnings.map((w, i) => (
        <li key={i} data-testid="access-warning">
          <Inline text={w} />
        </li>
      ))}
    </ul>
  );
}

function ContextSection() {
  const s = useAccess(useShallow((x) => ({ orgId: x.orgId, contextText: x.contextText, readsOrgId: !!x.client.account?.readsOrgId })));
  const id = useId();
  const errors = parseContext(s.contextText).errors;
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-2">
      <h2 id={`${id}-h`} className={heading}>
        Request context
      </h2>
      <label className="flex flex-col gap-0.5 text-xs text-(--muted)">
        <span className="flex justify-between gap-2">
          Organization ID <code>aws:PrincipalOrgID</code>
        </span>
        <input className={input} data-testid="access-org-id" value={s.orgId} placeholder="o-a1b2c3d4e5" spellCheck={false} onChange={(e) => access.setContext({ orgId: e.currentTarget.value })} />
      </label>
      {s.readsOrgId && !s.orgId.trim() && (
        <p className="rounded border border-amber-500 p-2 text-xs" data-testid="access-org-hint">
          Policies of this account read <code>aws:PrincipalOrgID</code>, which AWS sets on every request of an organization member. Give the organization ID, or the answers are those of a
          caller outside any organization.
        </p>
      )}
      <label className="flex flex-col gap-0.5 text-xs text-(--muted)">
        <span>
          More keys, one <code>key=value</code> a line
        </span>
        <textarea
          className={`${input} h-16 resize-y text-xs`}
          data-testid="access-context"
          value={s.contextText}
          placeholder="aws:SourceVpce=vpce-1a2b3c4d"
          spellCheck={false}
          onChange={(e) => access.setContext({ contextText: e.currentTarget.value })}
        />
      </label>
      {errors.length > 0 && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          <Inline text={errors.join(' ')} />
        </p>
      )}
      <p className="text-xs text-(--muted)">
        Each principal's tags are its <code>aws:PrincipalTag/*</code> keys.
      </p>
    </section>
  );
}

function ColumnsSection() {
  const actions = useAccess((x) => x.actions);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const ecr = useMemo(() => listActions('ecr'), []);
  const levelActions = new Set(LEVELS.map((l) => l.action));
  const extra = actions.filter((a) => !levelActions.has(a));
  const add = () => {
    const t = text.trim();
    if (!t) return;
    const full = t.includes(':') ? t : `ecr:${t}`;
    if (!/^[a-z0-9-]+:[a-z0-9*]+$/i.test(full) || full.includes('*')) {
      setError(`\`${t}\` is not an action name such as \`ecr:DescribeImages\`.`);
      return;
    }
    setError(null);
    access.setActions([...actions, resolveAction(full) ?? full]);
    setText('');
  };
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-2">
      <h2 id={`${id}-h`} className={heading}>
        Columns
      </h2>
      <fieldset className="grid grid-cols-2 gap-1 text-sm">
        <legend className="sr-only">Access levels</legend>
        {LEVELS.map((l) => (
          <label key={l.action} className="flex items-center gap-1.5" title={l.action}>
            <input
              type="checkbox"
              data-testid="access-level"
              data-action={l.action}
              checked={actions.includes(l.action)}
              onChange={(e) => access.setActions(e.currentTarget.checked ? [...actions, l.action] : actions.filter((a) => a !== l.action))}
            />
            {l.label}
          </label>
        ))}
      </fieldset>
      {extra.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label="More actions">
          {extra.map((a) => (
            <li key={a} data-testid="access-extra-action" data-action={a} className="flex items-center gap-1 rounded border border-(--border) bg-(--bg) py-0.5 pr-0.5 pl-1.5 font-mono text-xs">
              {a}
              <button type="button" aria-label={`Remove the column ${a}`} className="rounded px-1 hover:bg-(--hover)" onClick={() => access.setActions(actions.filter((x) => x !== a))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="flex gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          className={input}
          list={`${id}-actions`}
          data-testid="access-add-action"
          aria-label="Add an action column"
          placeholder="ecr:DescribeImages"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <datalist id={`${id}-actions`}>
          {ecr.map((a) => (
            <option key={a.name} value={`ecr:${a.name}`}>
              {a.accessLevel}
            </option>
          ))}
        </datalist>
        <button type="submit" className={button} data-testid="access-add-action-button">
          Add
        </button>
      </form>
      {error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          <Inline text={error} />
        </p>
      )}
      <p className="text-xs text-(--muted)">Any action of any service can be a column; the ECR ones are suggested. Every cell is evaluated against the repository's ARN.</p>
    </section>
  );
}
