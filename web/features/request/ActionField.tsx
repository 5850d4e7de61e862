// The action, with the ECR and ECS actions of the catalog offered as you type.
import { useMemo, useState } from 'react';
import { listActions } from '../../engine-extras';
import { useActions, useApp } from '../../store';
import { Field, inputClass } from './fields';

export function ActionField() {
  const action = useApp((s) => s.request.action);
  const actions = useActions();
  // The catalog is static: read once.
  const known = useMemo(() => [...listActions('ecr'), ...listActions('ecs')], []);
  // The 141 suggestions are only built once the field is focused: they cost the first paint otherwise.
  const [suggest, setSuggest] = useState(false);
  const info = known.find((a) => `${a.service}:${a.name}`.toLowerCase() === action.trim().toLowerCase());
  return (
    <Field label="Action">
      <input
        className={inputClass}
        data-testid="action"
        list="known-actions"
        value={action}
        spellCheck={false}
        placeholder="ecr:PutImage"
        onFocus={() => setSuggest(true)}
        onChange={(e) => actions.setRequest({ action: e.currentTarget.value.trim() })}
      />
      <datalist id="known-actions">
        {suggest &&
          known.map((a) => (
          <option key={`${a.service}:${a.name}`} value={`${a.service}:${a.name}`}>
            {a.accessLevel}
          </option>
        ))}
      </datalist>
      <span className="text-xs text-(--muted)" data-testid="action-info">
        {info ? `${info.accessLevel}: ${info.description}` : known.length && action ? 'Not an ECR or ECS action the catalog knows.' : '\u00a0'}
      </span>
    </Field>
  );
}
