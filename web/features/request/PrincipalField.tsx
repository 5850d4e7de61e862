// Who makes the request: presets that build the ARN from its parts, or any ARN typed in.
import { useState } from 'react';
import { buildPrincipal, parsePrincipalForm, SERVICE_PRINCIPALS, type PrincipalForm, type PrincipalMode } from '../../lib/arn';
import { useActions, useApp } from '../../store';
import { Field, inputClass, selectClass } from './fields';

const MODES: { mode: PrincipalMode; label: string }[] = [
  { mode: 'user', label: 'IAM user' },
  { mode: 'role', label: 'IAM role' },
  { mode: 'assumed-role', label: 'Assumed-role session' },
  { mode: 'account', label: 'Account (root)' },
  { mode: 'service', label: 'Service principal' },
  { mode: 'raw', label: 'Any ARN' },
];

export function PrincipalField() {
  const principal = useApp((s) => s.request.principal);
  const actions = useActions();
  const parsed = parsePrincipalForm(principal);
  // "Any ARN" is a choice the text cannot show by itself.
  const [forceRaw, setForceRaw] = useState(false);
  const form: PrincipalForm = forceRaw ? { ...parsed, mode: 'raw' } : parsed;
  const put = (patch: Partial<PrincipalForm>) => actions.setRequest({ principal: buildPrincipal({ ...form, ...patch }) });

  const onMode = (mode: PrincipalMode) => {
    setForceRaw(mode === 'raw');
    if (mode === 'raw') return;
    const next: PrincipalForm = { ...form, mode };
    if (!next.account) next.account = '111122223333';
    if ((mode === 'user' || mode === 'role' || mode === 'assumed-role') && !next.name) next.name = mode === 'user' ? 'alice' : 'app-role';
    if (mode === 'assumed-role' && !next.session) next.session = 'session';
    if (mode === 'service' && !next.service) next.service = SERVICE_PRINCIPALS[0];
    actions.setRequest({ principal: buildPrincipal(next) });
  };

  return (
    <fieldset className="flex flex-col gap-2" data-testid="principal">
      <legend className="mb-1 text-sm font-semibold">Principal</legend>
      <div className="flex flex-wrap gap-2">
        <Field label="Kind">
          <select className={selectClass} data-testid="principal-mode" value={form.mode} onChange={(e) => onMode(e.currentTarget.value as PrincipalMode)}>
            {MODES.map((m) => (
              <option key={m.mode} value={m.mode}>
                {m.label}
              </option>
            ))}
          </select>
        </Field>
        {(form.mode === 'user' || form.mode === 'role' || form.mode === 'assumed-role' || form.mode === 'account') && (
          <Field label="Account" className="w-36">
            <input className={inputClass} data-testid="principal-account" value={form.account} inputMode="numeric" onChange={(e) => put({ account: e.currentTarget.value.trim() })} />
          </Field>
        )}
        {(form.mode === 'user' || form.mode === 'role' || form.mode === 'assumed-role') && (
          <Field label={form.mode === 'user' ? 'User name' : 'Role name'} className="min-w-32 flex-1">
            <input className={inputClass} data-testid="principal-name" value={form.name} onChange={(e) => put({ name: e.currentTarget.value.trim() })} />
          </Field>
        )}
        {form.mode === 'assumed-role' && (
          <Field label="Session name" className="min-w-28 flex-1">
            <input className={inputClass} data-testid="principal-session" value={form.session} onChange={(e) => put({ session: e.currentTarget.value.trim() })} />
          </Field>
        )}
        {form.mode === 'service' && (
          <Field label="Service" className="min-w-48 flex-1">
            <input className={inputClass} data-testid="principal-service" list="service-principals" value={form.service} onChange={(e) => put({ service: e.currentTarget.value.trim() })} />
            <datalist id="service-principals">
              {SERVICE_PRINCIPALS.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </Field>
        )}
      </div>
      <Field label="Principal ARN">
        <input
          className={inputClass}
          data-testid="principal-arn"
          value={principal}
          spellCheck={false}
          onChange={(e) => actions.setRequest({ principal: e.currentTarget.value })}
        />
      </Field>
    </fieldset>
  );
}
