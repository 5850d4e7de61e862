// The request builder's forms: a principal or resource ARN read into fields and
// written back. Parsing accepts empty fields so a half-filled form stays a form.
import { parseArn } from '../../engine';

export type PrincipalMode = 'user' | 'role' | 'assumed-role' | 'account' | 'service' | 'federated' | 'raw';

/** How a federated caller is named: an IAM OIDC or SAML provider (by ARN), or a web identity provider's host. */
export type ProviderKind = 'oidc' | 'saml' | 'web';

export interface PrincipalForm {
  mode: PrincipalMode;
  partition: string;
  account: string;
  /** User name (with path) or role name. */
  name: string;
  session: string;
  service: string;
  /** Federated: the provider kind; `host` is an OIDC provider's URL without `https://` (or a web identity host), `name` a SAML provider's name. */
  provider: ProviderKind;
  host: string;
  raw: string;
}

const EMPTY_PRINCIPAL: PrincipalForm = { mode: 'raw', partition: 'aws', account: '', name: '', session: '', service: '', provider: 'oidc', host: '', raw: '' };

/** Web identity providers named by host, not by an IAM provider ARN (IAM: "Principal", web identity session principals). */
export const WEB_IDENTITY_HOSTS = ['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com'];

export const SERVICE_PRINCIPALS = [
  'ecs-tasks.amazonaws.com',
  'ecs.amazonaws.com',
  'ecr.amazonaws.com',
  'codebuild.amazonaws.com',
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
];

export function parsePrincipalForm(text: string): PrincipalForm {
  const s = text.trim();
  const base = { ...EMPTY_PRINCIPAL, raw: text };
  const arn = parseArn(s);
  // IAM and STS principals have no region: `arn:aws:iam::111122223333:...`.
  if (arn && arn.region === '' && (arn.service === 'iam' || arn.service === 'sts')) {
    const { partition, account, resource } = arn;
    const slash = resource.indexOf('/');
    const type = slash < 0 ? resource : resource.slice(0, slash);
    const rest = slash < 0 ? '' : resource.slice(slash + 1);
    if (arn.service === 'iam') {
      if (resource === 'root') return { ...base, mode: 'account', partition, account };
      if (type === 'user' && slash >= 0) return { ...base, mode: 'user', partition, account, name: rest };
      if (type === 'role' && slash >= 0) return { ...base, mode: 'role', partition, account, name: rest };
      if (type === 'oidc-provider' && rest) return { ...base, mode: 'federated', provider: 'oidc', partition, account, host: rest };
      if (type === 'saml-provider' && rest) return { ...base, mode: 'federated', provider: 'saml', partition, account, name: rest };
    } else if (type === 'assumed-role' && rest.includes('/')) {
      const cut = rest.indexOf('/');
      return { ...base, mode: 'assumed-role', partition, account, name: rest.slice(0, cut), session: rest.slice(cut + 1) };
    }
  }
  if (/^\d{12}$/.test(s)) return { ...base, mode: 'account', account: s };
  if (WEB_IDENTITY_HOSTS.includes(s.toLowerCase())) return { ...base, mode: 'federated', provider: 'web', host: s };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(s)) return { ...base, mode: 'service', service: s };
  return base;
}

export function buildPrincipal(f: PrincipalForm): string {
  const p = f.partition || 'aws';
  switch (f.mode) {
    case 'user':
      return `arn:${p}:iam::${f.account}:user/${f.name}`;
    case 'role':
      return `arn:${p}:iam::${f.account}:role/${f.name}`;
    case 'assumed-role':
      return `arn:${p}:sts::${f.account}:assumed-role/${f.name.split('/').pop() ?? ''}/${f.session}`;
    case 'account':
      return `arn:${p}:iam::${f.account}:root`;
    case 'service':
      return f.service;
    case 'federated':
      if (f.provider === 'saml') return `arn:${p}:iam::${f.account}:saml-provider/${f.name}`;
      if (f.provider === 'oidc') return `arn:${p}:iam::${f.account}:oidc-provider/${f.host}`;
      return f.host;
    case 'raw':
      return f.raw;
  }
}

/** The context keys a federated caller's claims travel in: `<provider>:aud` and `<provider>:sub` for OIDC, `saml:aud` and `saml:sub` for SAML. */
export function claimKeys(f: Pick<PrincipalForm, 'provider' | 'host'>): { aud: string; sub: string } {
  if (f.provider === 'saml') return { aud: 'saml:aud', sub: 'saml:sub' };
  return { aud: `${f.host}:aud`, sub: `${f.host}:sub` };
}

/** The role-assuming action a federated caller makes. */
export function federatedAction(provider: ProviderKind): string {
  return provider === 'saml' ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity';
}

export interface FederatedPreset {
  id: string;
  label: string;
  provider: ProviderKind;
  /** OIDC/web: the host; SAML: the provider name. */
  host: string;
  aud: string;
  sub: string;
}

export const FEDERATED_PRESETS: readonly FederatedPreset[] = [
  { id: 'github', label: 'GitHub Actions (OIDC)', provider: 'oidc', host: 'token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:my-org/my-repo:ref:refs/heads/main' },
  { id: 'gitlab', label: 'GitLab CI (OIDC)', provider: 'oidc', host: 'gitlab.com', aud: 'https://gitlab.com', sub: 'project_path:my-group/my-project:ref_type:branch:ref:main' },
  { id: 'eks', label: 'Amazon EKS service account (OIDC)', provider: 'oidc', host: 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE', aud: 'sts.amazonaws.com', sub: 'system:serviceaccount:default:my-app' },
  { id: 'cognito', label: 'Amazon Cognito identity pool', provider: 'web', host: 'cognito-identity.amazonaws.com', aud: 'us-east-1:12345678-aaaa-bbbb-cccc-123456789012', sub: 'us-east-1:87654321-dddd-eeee-ffff-210987654321' },
  { id: 'saml', label: 'SAML 2.0 identity provider', provider: 'saml', host: 'MyIdP', aud: 'https://signin.aws.amazon.com/saml', sub: 'alice@example.com' },
];

export type ResourceMode =
  | 'ecr-repository'
  | 'ecs-cluster'
  | 'ecs-service'
  | 'ecs-task-definition'
  | 'ecs-task'
  | 'ecs-container-instance'
  | 'iam-role'
  | 'all'
  | 'raw';

export interface ResourceForm {
  mode: ResourceMode;
  partition: string;
  region: string;
  account: string;
  /** Repository, cluster or task-definition family. */
  name: string;
  /** Service name, task id, container instance id, or task-definition revision. */
  child: string;
  raw: string;
}

interface ResourceShape {
  mode: Exclude<ResourceMode, 'all' | 'raw'>;
  service: 'ecr' | 'ecs' | 'iam';
  /** A global resource: its ARN has no region. */
  global?: boolean;
  label: string;
  nameLabel: string;
  childLabel?: string;
  build(name: string, child: string): string;
  parse(rest: string): { name: string; child: string } | undefined;
}

const slashPair = (prefix: string) => (rest: string) => {
  if (!rest.startsWith(prefix)) return undefined;
  const tail = rest.slice(prefix.length);
  const i = tail.indexOf('/');
  return i < 0 ? undefined : { name: tail.slice(0, i), child: tail.slice(i + 1) };
};

export const RESOURCE_SHAPES: readonly ResourceShape[] = [
  {
    mode: 'ecr-repository',
    service: 'ecr',
    label: 'ECR repository',
    nameLabel: 'Repository',
    build: (name) => `repository/${name}`,
    parse: (rest) => (rest.startsWith('repository/') ? { name: rest.slice('repository/'.length), child: '' } : undefined),
  },
  {
    mode: 'ecs-cluster',
    service: 'ecs',
    label: 'ECS cluster',
    nameLabel: 'Cluster',
    build: (name) => `cluster/${name}`,
    parse: (rest) => (rest.startsWith('cluster/') ? { name: rest.slice('cluster/'.length), child: '' } : undefined),
  },
  {
    mode: 'ecs-service',
    service: 'ecs',
    label: 'ECS service',
    nameLabel: 'Cluster',
    childLabel: 'Service',
    build: (name, child) => `service/${name}/${child}`,
    parse: slashPair('service/'),
  },
  {
    mode: 'ecs-task-definition',
    service: 'ecs',
    label: 'ECS task definition',
    nameLabel: 'Family',
    childLabel: 'Revision',
    build: (name, child) => `task-definition/${name}:${child}`,
    parse: (rest) => {
      const m = /^task-definition\/([^:]*):(.*)$/.exec(rest);
      return m ? { name: m[1], child: m[2] } : undefined;
    },
  },
  {
    mode: 'ecs-task',
    service: 'ecs',
    label: 'ECS task',
    nameLabel: 'Cluster',
    childLabel: 'Task ID',
    build: (name, child) => `task/${name}/${child}`,
    parse: slashPair('task/'),
  },
  {
    mode: 'ecs-container-instance',
    service: 'ecs',
    label: 'ECS container instance',
    nameLabel: 'Cluster',
    childLabel: 'Instance ID',
    build: (name, child) => `container-instance/${name}/${child}`,
    parse: slashPair('container-instance/'),
  },
  {
    mode: 'iam-role',
    service: 'iam',
    global: true,
    label: 'IAM role (its trust policy)',
    nameLabel: 'Role',
    build: (name) => `role/${name}`,
    parse: (rest) => (rest.startsWith('role/') ? { name: rest.slice('role/'.length), child: '' } : undefined),
  },
];

export function resourceShape(mode: ResourceMode): ResourceShape | undefined {
  return RESOURCE_SHAPES.find((s) => s.mode === mode);
}

export function parseResourceForm(text: string): ResourceForm {
  const base: ResourceForm = { mode: 'raw', partition: 'aws', region: '', account: '', name: '', child: '', raw: text };
  const s = text.trim();
  if (s === '*') return { ...base, mode: 'all' };
  const arn = parseArn(s);
  if (!arn) return base;
  for (const shape of RESOURCE_SHAPES) {
    if (shape.service !== arn.service) continue;
    const parts = shape.parse(arn.resource);
    if (parts) return { ...base, mode: shape.mode, partition: arn.partition, region: arn.region, account: arn.account, ...parts };
  }
  return base;
}

export function buildResource(f: ResourceForm): string {
  if (f.mode === 'all') return '*';
  const shape = resourceShape(f.mode);
  if (!shape) return f.raw;
  const child = f.mode === 'ecs-task-definition' && f.child === '' ? '1' : f.child;
  return `arn:${f.partition || 'aws'}:${shape.service}:${shape.global ? '' : f.region}:${f.account}:${shape.build(f.name, child)}`;
}

/** Context values as typed in one field: comma-separated; one value stays a string. */
export function parseValues(text: string): string | string[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return parts.length === 1 ? parts[0] : parts;
}

export function formatValues(v: string | readonly string[] | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : v.join(', ');
}
