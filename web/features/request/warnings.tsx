// Warnings about requests AWS would not make as asked: an action without resource-level
// permissions asked about a specific ARN, and a session policy for a caller that cannot have one.
import { useShallow } from 'zustand/react/shallow';
import { getAction } from '../../engine-extras';
import { parsePrincipalForm } from '../../lib/arn';
import { useActions, useApp } from '../../store';

/** Whether AWS only ever asks about this action for `"Resource": "*"`. */
export function wildcardOnly(action: string): boolean {
  const info = getAction(action.trim());
  return !!info && !info.resourceLevel && info.resourceTypes.length === 0;
}

export function StarResourceWarning() {
  const { action, resource } = useApp(useShallow((s) => ({ action: s.request.action, resource: s.request.resource })));
  const actions = useActions();
  if (!wildcardOnly(action) || resource.trim() === '*') return null;
  return (
    <div role="status" className="warn-box flex flex-wrap items-center gap-2" data-testid="resource-star-warning">
      <span className="min-w-0 flex-1">
        <code>{action}</code> has no resource-level permissions: AWS always asks about it for <code>"Resource": "*"</code>, so an answer for this ARN is not one AWS would give.
      </span>
      <button type="button" className="btn btn-sm" data-testid="resource-use-star" onClick={() => actions.setRequest({ resource: '*' })}>
        Use <code>*</code>
      </button>
    </div>
  );
}

/** An IAM user or the root user never carries a session policy. */
export function SessionPolicyWarning() {
  const { principal, hasSession } = useApp(useShallow((s) => ({ principal: s.request.principal, hasSession: s.policies.some((p) => p.kind === 'session' && p.enabled !== false) })));
  const mode = parsePrincipalForm(principal).mode;
  if (!hasSession || (mode !== 'user' && mode !== 'account')) return null;
  return (
    <div role="status" className="warn-box" data-testid="session-policy-warning">
      {mode === 'user'
        ? 'An IAM user signs in without a session policy: AWS passes one only when a role is assumed or a federated user session is made. The simulator still applies it to this user, as if it had one.'
        : 'The root user has no session policy, so the session policy takes no part here.'}{' '}
      Make the caller an assumed-role session to ask about one.
    </div>
  );
}
