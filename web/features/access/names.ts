// Short names for ARNs, as a person reads a table of them.

/** `arn:aws:ecr:us-east-1:111111111111:repository/prod/api` -> `prod/api`. */
export function repositoryName(arn: string): string {
  const i = arn.indexOf(':repository/');
  return i >= 0 ? arn.slice(i + ':repository/'.length) : arn;
}

export interface PrincipalName {
  /** The last part: `ci-deployer`. */
  name: string;
  /** The path and name: `service/ci-deployer`. */
  pathName: string;
  type: 'role' | 'user' | 'other';
}

/** `arn:aws:iam::111111111111:role/service/ci-deployer` -> name `ci-deployer`, path `service/ci-deployer`, type `role`. */
export function principalName(arn: string): PrincipalName {
  const m = /^arn:[^:]*:iam::[^:]*:(role|user)\/(.*)$/.exec(arn);
  if (!m) return { name: arn, pathName: arn, type: 'other' };
  const pathName = m[2];
  return { name: pathName.slice(pathName.lastIndexOf('/') + 1), pathName, type: m[1] as 'role' | 'user' };
}

/** `ecr:BatchGetImage` -> `BatchGetImage`. */
export function shortAction(action: string): string {
  const i = action.indexOf(':');
  return i >= 0 ? action.slice(i + 1) : action;
}
