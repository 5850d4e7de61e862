// Who makes the request: presets that build the ARN from its parts, or any ARN typed in.
// A federated caller (OIDC, SAML, web identity) also carries its token's claims, as the
// context keys AWS puts them in (`token.actions.githubusercontent.com:sub`, `saml:aud`).
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  buildPrincipal,
  claimKeys,
  FEDERATED_PRESETS,
  federatedAction,
  formatValues,
  parsePrincipalForm,
  SERVICE_PRINCIPALS,
  WEB_IDENTITY_HOSTS,
  type PrincipalForm,
  type PrincipalMode,
  type ProviderKind,
} from '../../lib/arn';
import { useActions, useApp } from '../../store';
import { Field, inputClass, selectClass, smallButton } from './fields';
import { SessionPolicyWarning } from './warnings';

const MODES: { mode: PrincipalMode; label: string }[] = [
  { mode: 'user', label: 'IAM user' },
  { mode: 'role', label: 'IAM role (any session)' },
  { mode: 'assumed-role', label: 'Assumed-role session' },
  { mode: 'account', label: 'Account (root)' },
  { mode: 'service', label: 'Service principal' },
  { mode: 'federated', label: 'Federated (OIDC, SAML)' },
  { mode: 'raw', label: 'Any ARN' },
];

const PROVIDERS: { kind: ProviderKind; label: string }[] = [
  { kind: 'oidc', label: 'IAM OIDC provider' },
  { kind: 'saml', label: 'IAM SAML provider' },
  { kind: 'web', label: 'Web identity (Cognito, Google…)' },
];

function Claims({ form }: { form: PrincipalForm }) {
  const keys = claimKeys(form);
  const { aud, sub, action } = useApp(
    useShallow((s) => {
      const ctx = s.request.context ?? {};
      const get = (k: string) => formatValues(ctx[Object.keys(ctx).find((x) => x.toLowerCase() === k.toLowerCase()) ?? k]);
      return { aud: get(keys.aud), sub: get(keys.sub), action: s.request.action };
    }),
  );
  const actions = useActions();
  const assume = federatedAction(form.provider);
  const put = (key: string, value: string) => actions.setContextValue(key, value === '' ? undefined : value);
  return (
    <div className="flex flex-col gap-2" data-testid="federated-claims">
      <div className="flex flex-wrap gap-2">
        <Field label={`Audience (${keys.aud})`} className="min-w-40 flex-1">
          <input className={inputClass} data-testid="claim-aud" value={aud} spellCheck={false} placeholder="sts.amazonaws.com" onChange={(e) => put(keys.aud, e.currentTarget.value)} />
        </Field>
        <Field label={`Subject (${keys.sub})`} className="min-w-40 flex-1">
          <input className={inputClass} data-testid="claim-sub" value={sub} spellCheck={false} placeholder="repo:my-org/my-repo:ref:refs/heads/main" onChange={(e) => put(keys.sub, e.currentTarget.value)} />
        </Field>
      </div>
      {action !== assume && (
        <div className="note-box flex flex-wrap items-center gap-2" data-testid="federated-action-note">
          <span className="min-w-0 flex-1">
            A federated caller asks one thing of AWS: to assume a role, with <code>{assume}</code>, decided by the role’s trust policy.
          </span>
          <button type="button" className={smallButton} data-testid="federated-use-action" onClick={() => actions.setRequest({ action: assume })}>
            Ask about {assume.split(':')[1]}
          </button>
        </div>
      )}
    </div>
  );
}

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
    if (mode === 'federated') {
      next.provider = 'oidc';
      next.host = next.host || FEDERATED_PRESETS[0].host;
    }
    actions.setRequest({ principal: buildPrincipal(next) });
  };

  const onPreset = (id: string) => {
    const p = FEDERATED_PRESETS.find((x) => x.id === id);
    if (!p) return;
    const next: PrincipalForm = { ...form, mode: 'federated', provider: p.provider, account: form.account || '111122223333' };
    if (p.provider === 'saml') next.name = p.host;
    else next.host = p.host;
    const keys = claimKeys(next);
    actions.setRequest({ principal: buildPrincipal(next), action: federatedAction(p.provider) });
    actions.setContextValue(keys.aud, p.aud);
    actions.setContextValue(keys.sub, p.sub);
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
        {form.mode === 'federated' && (
          <Field label="Preset">
            <select className={selectClass} data-testid="principal-preset" value="" onChange={(e) => onPreset(e.currentTarget.value)}>
              <option value="">Fill in from…</option>
              {FEDERATED_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        {form.mode === 'federated' && (
          <Field label="Provider">
            <select
              className={selectClass}
              data-testid="principal-provider"
              value={form.provider}
              onChange={(e) => {
                const provider = e.currentTarget.value as ProviderKind;
                put({ provider, host: provider === 'web' ? WEB_IDENTITY_HOSTS[0] : form.host && !WEB_IDENTITY_HOSTS.includes(form.host) ? form.host : FEDERATED_PRESETS[0].host, name: form.name || 'MyIdP' });
              }}
            >
              {PROVIDERS.map((p) => (
                <option key={p.kind} value={p.kind}>
                  {p.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        {(form.mode === 'user' || form.mode === 'role' || form.mode === 'assumed-role' || form.mode === 'account' || (form.mode === 'federated' && form.provider !== 'web')) && (
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
        {form.mode === 'federated' && form.provider === 'saml' && (
          <Field label="SAML provider name" className="min-w-32 flex-1">
            <input className={inputClass} data-testid="principal-saml-name" value={form.name} onChange={(e) => put({ name: e.currentTarget.value.trim() })} />
          </Field>
        )}
        {form.mode === 'federated' && form.provider !== 'saml' && (
          <Field label={form.provider === 'web' ? 'Provider host' : 'Provider URL (without https://)'} className="min-w-48 flex-1">
            <input className={inputClass} data-testid="principal-provider-host" list="provider-hosts" value={form.host} spellCheck={false} onChange={(e) => put({ host: e.currentTarget.value.trim().replace(/^https:\/\//, '') })} />
            <datalist id="provider-hosts">
              {(form.provider === 'web' ? WEB_IDENTITY_HOSTS : FEDERATED_PRESETS.filter((p) => p.provider === 'oidc').map((p) => p.host)).map((h) => (
                <option key={h} value={h} />
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
      {form.mode === 'role' && (
        <div className="note-box flex flex-wrap items-center gap-2" data-testid="principal-role-note">
          <span className="min-w-0 flex-1">
            A role as the caller means <strong>any session of this role</strong>, its name unknown: a statement that names one particular session can deny it but never grants it.
          </span>
          <button type="button" className={smallButton} data-testid="principal-add-session" onClick={() => put({ mode: 'assumed-role', session: form.session || 'session' })}>
            Name the session
          </button>
        </div>
      )}
      {form.mode === 'federated' && <Claims form={form} />}
      <SessionPolicyWarning />
    </fieldset>
  );
}
