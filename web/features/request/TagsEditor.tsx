// Tags of the principal or the resource, written to the request context as
// `aws:PrincipalTag/<key>` or `aws:ResourceTag/<key>`.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useActions, useApp } from '../../store';
import { LongValue } from '../../lib/Limited';
import { inputBase, smallButton } from './fields';

interface Props {
  /** `aws:PrincipalTag/` or `aws:ResourceTag/`. */
  prefix: string;
  label: string;
  /** Test id stem: `principal-tag` or `resource-tag`. */
  testId: string;
}

export function TagsEditor({ prefix, label, testId }: Props) {
  const tags = useApp(
    useShallow((s) =>
      Object.entries(s.request.context ?? {})
        .filter(([k]) => k.toLowerCase().startsWith(prefix.toLowerCase()))
        .map(([k, v]) => `${k}\u0000${typeof v === 'string' ? v : v.join(', ')}`),
    ),
  );
  const actions = useActions();
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  const add = () => {
    const key = newKey.trim();
    if (!key) return;
    actions.setContextValue(prefix + key, newValue);
    setNewKey('');
    setNewValue('');
  };
  return (
    <div className="flex flex-col gap-1" data-testid={`${testId}s`}>
      <span className="text-xs text-(--muted)">
        {label} <code className="text-[11px]">{prefix}…</code>
      </span>
      {tags.map((row) => {
        const [key, value] = row.split('\u0000');
        const tag = key.slice(prefix.length);
        return (
          <div key={key} className="flex items-center gap-1" data-testid={`${testId}-row`} data-key={tag}>
            <input
              className={`${inputBase} w-32 flex-none`}
              aria-label={`${label}: key`}
              defaultValue={tag}
              onBlur={(e) => {
                const next = e.currentTarget.value.trim();
                if (next && next !== tag) actions.renameContextKey(key, prefix + next);
              }}
            />
            <span aria-hidden>=</span>
            <LongValue
              value={value}
              label={`${label}: value of ${tag}`}
              editor={(asked) => (
                <input
                  className={`${inputBase} flex-1`}
                  aria-label={`${label}: value of ${tag}`}
                  data-testid={`${testId}-value`}
                  value={value}
                  autoFocus={asked}
                  onChange={(e) => actions.setContextValue(key, e.currentTarget.value)}
                />
              )}
            />
            <button type="button" className={smallButton} aria-label={`Remove tag ${tag}`} data-testid={`${testId}-remove`} onClick={() => actions.setContextValue(key, undefined)}>
              ✕
            </button>
          </div>
        );
      })}
      <div className="flex items-center gap-1">
        <input
          className={`${inputBase} w-32 flex-none`}
          placeholder="key"
          aria-label={`New ${label.toLowerCase()} key`}
          data-testid={`${testId}-new-key`}
          value={newKey}
          onChange={(e) => setNewKey(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <span aria-hidden>=</span>
        <input
          className={`${inputBase} flex-1`}
          placeholder="value"
          aria-label={`New ${label.toLowerCase()} value`}
          data-testid={`${testId}-new-value`}
          value={newValue}
          onChange={(e) => setNewValue(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <button type="button" className={smallButton} data-testid={`${testId}-add`} onClick={add} disabled={!newKey.trim()}>
          Add
        </button>
      </div>
    </div>
  );
}
