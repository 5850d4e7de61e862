// Condition keys: those the policies read (flagged when the request lacks them),
// those the request carries, and those the engine derives from the request.
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getConditionKey, suggestedConditionKeys } from '../../engine-extras';
import { formatValues, parseValues } from '../../lib/arn';
import { DraftInput } from '../../lib/DraftInput';
import { LongValue, ShowMore, useLimit } from '../../lib/Limited';
import { useActions, useApp } from '../../store';
import { inputBase, inputClass, smallButton } from './fields';

type Status = 'request' | 'derived' | 'missing' | 'unset';

interface Row {
  key: string;
  status: Status;
  read: boolean;
  value: string;
}

/** Rows shown at first. */
const FIRST_ROWS = 50;

export function ContextKeys() {
  const { context, conditionKeys, conditionKeyMissing, derived, action } = useApp(
    useShallow((s) => ({
      context: s.request.context,
      conditionKeys: s.conditionKeys,
      conditionKeyMissing: s.conditionKeyMissing,
      derived: s.result?.context,
      action: s.request.action,
    })),
  );
  const actions = useActions();
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  // The condition-key suggestions are only built once the key field is focused: they cost the first paint otherwise.
  const [suggest, setSuggest] = useState(false);

  // Keys are matched without regard to case, as AWS matches them; by map, since a policy can read thousands.
  const requestKeys = new Map<string, string>();
  for (const k of Object.keys(context ?? {})) if (!requestKeys.has(k.toLowerCase())) requestKeys.set(k.toLowerCase(), k);
  const derivedEntries = new Map<string, NonNullable<typeof derived>[number]>();
  for (const e of derived ?? []) if (e.source !== 'request' && !derivedEntries.has(e.key.toLowerCase())) derivedEntries.set(e.key.toLowerCase(), e);
  const requestKey = (key: string) => requestKeys.get(key.toLowerCase());
  const derivedEntry = (key: string) => derivedEntries.get(key.toLowerCase());

  // Only the rows shown are built: a policy can read tens of thousands of keys.
  const readKeys = useMemo(() => new Set(conditionKeys.map((k) => k.toLowerCase())), [conditionKeys]);
  // The request's own keys no policy reads, once each (requestKeys keeps the first spelling).
  const extraKeys = [...requestKeys].filter(([lower]) => !readKeys.has(lower)).map(([, key]) => key);
  const { limit, more } = useLimit(conditionKeys.length + extraKeys.length, FIRST_ROWS);
  const rows: Row[] = [];
  for (const [i, key] of conditionKeys.slice(0, limit).entries()) {
    const rk = requestKey(key);
    const d = derivedEntry(key);
    const status: Status = rk ? 'request' : d ? 'derived' : conditionKeyMissing[i] ? 'missing' : 'unset';
    rows.push({ key: rk ?? key, status, read: true, value: rk ? formatValues(context?.[rk]) : d ? formatValues(d.values) : '' });
  }
  for (const k of extraKeys.slice(0, Math.max(0, limit - rows.length))) rows.push({ key: k, status: 'request', read: false, value: formatValues(context?.[k]) });
  const otherDerived = (derived ?? []).filter((e) => e.source !== 'request' && !readKeys.has(e.key.toLowerCase()) && !requestKey(e.key));

  const add = () => {
    const key = newKey.trim();
    if (!key) return;
    actions.setContextValue(key, parseValues(newValue));
    setNewKey('');
    setNewValue('');
  };

  return (
    <div className="flex flex-col gap-1" data-testid="context-keys">
      <span className="text-sm font-semibold">Context keys</span>
      {rows.length === 0 && <p className="text-xs text-(--muted)">The policies read no condition keys.</p>}
      {rows.length > 0 && (
        <table className="w-full table-fixed text-xs">
          <thead className="text-left text-(--muted)">
            <tr>
              <th className="w-[42%] font-normal">Key</th>
              <th className="font-normal">Values (comma-separated)</th>
              <th className="w-16 font-normal">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const info = getConditionKey(r.key);
              return (
                <tr key={r.key} data-testid="context-row" data-key={r.key} data-status={r.status} className="align-top">
                  <td className="py-0.5 pr-1">
                    <code className="break-all">{r.key}</code>
                    <div className="flex flex-wrap gap-1">
                      {info && <span className="text-(--muted)">{info.type}</span>}
                      {r.read && <span className="text-(--muted)">read by a policy</span>}
                      {r.status === 'missing' && (
                        <span className="rounded bg-amber-200 px-1 text-amber-900" data-testid="context-missing">
                          missing
                        </span>
                      )}
                      {r.status === 'derived' && <span className="rounded bg-sky-200 px-1 text-sky-900">derived</span>}
                    </div>
                  </td>
                  <td className="py-0.5 pr-1">
                    {r.status === 'derived' ? (
                      <code className="break-all text-(--muted)" data-testid="context-derived-value">
                        {r.value}
                      </code>
                    ) : (
                      <LongValue
                        value={r.value}
                        label={`the value of ${r.key}`}
                        editor={(asked) => (
                          <DraftInput
                            className={inputClass}
                            aria-label={`Value of ${r.key}`}
                            data-testid="context-value"
                            value={r.value}
                            autoFocus={asked}
                            placeholder={r.status === 'missing' ? 'not in the request' : ''}
                            onCommit={(text) => actions.setContextValue(r.key, text.trim() === '' && r.status !== 'request' ? undefined : parseValues(text))}
                          />
                        )}
                      />
                    )}
                  </td>
                  <td className="py-0.5 text-right">
                    {r.status === 'derived' && (
                      <button type="button" className={smallButton} data-testid="context-override" onClick={() => actions.setContextValue(r.key, parseValues(r.value))}>
                        Override
                      </button>
                    )}
                    {r.status === 'request' && (
                      <button type="button" className={smallButton} data-testid="context-remove" aria-label={`Remove ${r.key}`} onClick={() => actions.setContextValue(r.key, undefined)}>
                        ✕
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ShowMore {...more} className="self-start" />
      <div className="flex items-center gap-1">
        <input
          className={`${inputBase} w-[42%] flex-none`}
          list="condition-keys"
          placeholder="aws:SourceIp"
          aria-label="New context key"
          data-testid="context-new-key"
          value={newKey}
          onChange={(e) => setNewKey(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
          onFocus={() => setSuggest(true)}
        />
        <datalist id="condition-keys">
          {suggest &&
            suggestedConditionKeys(action).map((k) => (
            <option key={k.name} value={k.name}>
              {k.type}
            </option>
          ))}
        </datalist>
        <input
          className={`${inputBase} flex-1`}
          placeholder="values"
          aria-label="New context values"
          data-testid="context-new-value"
          value={newValue}
          onChange={(e) => setNewValue(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <button type="button" className={smallButton} data-testid="context-add" onClick={add} disabled={!newKey.trim()}>
          Add
        </button>
      </div>
      {otherDerived.length > 0 && (
        <details className="text-xs" data-testid="derived-keys">
          <summary className="cursor-pointer text-(--muted)">Derived from the request ({otherDerived.length})</summary>
          <ul className="mt-1 flex flex-col gap-0.5">
            {otherDerived.map((e) => (
              <li key={e.key} className="flex items-center gap-2" data-testid="derived-key" data-key={e.key}>
                <code className="break-all">{e.key}</code>
                <code className="flex-1 break-all text-(--muted)">{formatValues(e.values)}</code>
                <button type="button" className={smallButton} data-testid="context-override" onClick={() => actions.setContextValue(e.key, e.values.length === 1 ? e.values[0] : e.values)}>
                  Override
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
