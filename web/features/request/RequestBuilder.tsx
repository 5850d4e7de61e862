// The request: principal and its tags, action, resource and its tags, context keys.
import { AccessDeniedButton } from '../import/ImportButton';
import { ActionField } from './ActionField';
import { ContextKeys } from './ContextKeys';
import { PrincipalField } from './PrincipalField';
import { ResourceField } from './ResourceField';
import { TagsEditor } from './TagsEditor';

export function RequestBuilder() {
  return (
    <section aria-labelledby="request-heading" className="flex flex-col gap-3 p-3" data-testid="request-builder">
      <div className="flex items-center justify-between gap-2">
        <h2 id="request-heading" className="section-title">
          Request
        </h2>
        <AccessDeniedButton />
      </div>
      <PrincipalField />
      <TagsEditor prefix="aws:PrincipalTag/" label="Principal tags" testId="principal-tag" />
      <ActionField />
      <ResourceField />
      <TagsEditor prefix="aws:ResourceTag/" label="Resource tags" testId="resource-tag" />
      <ContextKeys />
    </section>
  );
}
