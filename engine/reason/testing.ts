// Workspaces for the reasoning tests and benchmarks.
import type { Workspace } from './types.ts';

export const ACCOUNT = '111122223333';
export const CI_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci`;

export function policy(statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

export function repo(name: string): string {
  return `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/${name}`;
}

/** A CI role that pushes to team-a's repositories. */
export function ciWorkspace(extra: object[] = []): Workspace {
  return {
    policies: [
      {
        kind: 'identity',
        name: 'ci',
        text: policy([
          { Sid: 'Login', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
          { Sid: 'PushTeamA', Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload'], Resource: repo('team-a/*') },
          ...extra,
        ]),
      },
    ],
    request: { principal: CI_ROLE, action: 'ecr:PutImage', resource: repo('team-a/web') },
  };
}

/** A workspace of `n` statements across an identity policy: distinct repositories, actions and conditions. */
export function largeWorkspace(n: number, seed = 0): Workspace {
  const actions = ['ecr:PutImage', 'ecr:BatchGetImage', 'ecr:DescribeImages', 'ecs:RunTask', 'ecs:UpdateService', 'ecr:TagResource'];
  const statements: object[] = [];
  for (let i = 0; i < n; i++) {
    const k = (i + seed) % actions.length;
    const action = actions[k];
    const resource = action.startsWith('ecs:RunTask')
      ? `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/app-${i}:*`
      : action.startsWith('ecs:')
        ? `arn:aws:ecs:us-east-1:${ACCOUNT}:service/cluster-${i % 7}/svc-${i}`
        : repo(`team-${i}/*`);
    const s: Record<string, unknown> = { Sid: `S${i}`, Effect: i % 9 === 8 ? 'Deny' : 'Allow', Action: action, Resource: resource };
    if (i % 4 === 1) s.Condition = { StringEquals: { 'aws:PrincipalTag/team': `t${i % 5}` } };
    if (i % 10 === 3) s.Condition = { NumericLessThan: { 'ecs:task-cpu': String(256 * ((i % 4) + 1)) } };
    statements.push(s);
  }
  return {
    policies: [{ kind: 'identity', name: 'large', text: policy(statements) }],
    request: { principal: CI_ROLE, action: 'ecr:PutImage', resource: repo('team-0/web') },
  };
}
