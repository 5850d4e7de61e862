// What the request acts on: an ECR repository or an ECS resource built from its parts, `*`, or any ARN.
import { useState } from 'react';
import { buildResource, parseResourceForm, RESOURCE_SHAPES, resourceShape, type ResourceForm, type ResourceMode } from '../../lib/arn';
import { useActions, useApp } from '../../store';
import { Field, inputClass, selectClass } from './fields';
import { StarResourceWarning } from './warnings';

export function ResourceField() {
  const resource = useApp((s) => s.request.resource);
  const actions = useActions();
  const parsed = parseResourceForm(resource);
  const [forceRaw, setForceRaw] = useState(false);
  const form: ResourceForm = forceRaw ? { ...parsed, mode: 'raw' } : parsed;
  const shape = resourceShape(form.mode);
  const put = (patch: Partial<ResourceForm>) => actions.setRequest({ resource: buildResource({ ...form, ...patch }) });

  const onMode = (mode: ResourceMode) => {
    setForceRaw(mode === 'raw');
    if (mode === 'raw') return;
    const next: ResourceForm = { ...form, mode };
    if (!next.region) next.region = 'us-east-1';
    if (!next.account) next.account = '111122223333';
    if (!next.name) next.name = mode === 'ecr-repository' ? 'web' : mode === 'ecs-task-definition' ? 'web-app' : mode === 'iam-role' ? 'ci' : 'default';
    if (!next.child && resourceShape(mode)?.childLabel) next.child = mode === 'ecs-task-definition' ? '1' : mode === 'ecs-service' ? 'web' : 'a1b2c3d4e5f6';
    actions.setRequest({ resource: buildResource(next) });
  };

  return (
    <fieldset className="flex flex-col gap-2" data-testid="resource">
      <legend className="mb-1 text-sm font-semibold">Resource</legend>
      <div className="flex flex-wrap gap-2">
        <Field label="Type">
          <select className={selectClass} data-testid="resource-mode" value={form.mode} onChange={(e) => onMode(e.currentTarget.value as ResourceMode)}>
            {RESOURCE_SHAPES.map((s) => (
              <option key={s.mode} value={s.mode}>
                {s.label}
              </option>
            ))}
            <option value="all">All resources (*)</option>
            <option value="raw">Any ARN</option>
          </select>
        </Field>
        {shape && (
          <>
            <Field label="Account" className="w-36">
              <input className={inputClass} data-testid="resource-account" value={form.account} inputMode="numeric" onChange={(e) => put({ account: e.currentTarget.value.trim() })} />
            </Field>
            {!shape.global && (
              <Field label="Region" className="w-28">
                <input className={inputClass} data-testid="resource-region" value={form.region} onChange={(e) => put({ region: e.currentTarget.value.trim() })} />
              </Field>
            )}
            <Field label={shape.nameLabel} className="min-w-28 flex-1">
              <input className={inputClass} data-testid="resource-name" value={form.name} onChange={(e) => put({ name: e.currentTarget.value.trim() })} />
            </Field>
            {shape.childLabel && (
              <Field label={shape.childLabel} className="min-w-24 flex-1">
                <input className={inputClass} data-testid="resource-child" value={form.child} onChange={(e) => put({ child: e.currentTarget.value.trim() })} />
              </Field>
            )}
          </>
        )}
      </div>
      <Field label="Resource ARN">
        <input className={inputClass} data-testid="resource-arn" value={resource} spellCheck={false} onChange={(e) => actions.setRequest({ resource: e.currentTarget.value })} />
      </Field>
      <StarResourceWarning />
    </fieldset>
  );
}
