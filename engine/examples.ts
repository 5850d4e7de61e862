// Example workspaces: every example policy of the seed documents (AWS's ECR and
// ECS IAM guides) and AWS's managed policies for ECR and ECS, each with requests
// that show its point. The same files are the decision corpus the tests run.
import type { Decision, SimulationRequest } from './evaluate/result.ts';
import type { Workspace } from './share/workspace.ts';
import type { PolicyKind } from './types.ts';
import ecrCiTeamRepositories from './corpus/examples/ecr-ci-team-repositories.json' with { type: 'json' };
import ecrCiPushGuardrails from './corpus/examples/ecr-ci-push-guardrails.json' with { type: 'json' };
import ecrConsoleReadOnly from './corpus/examples/ecr-console-read-only.json' with { type: 'json' };
import iamViewOwnPermissions from './corpus/examples/iam-view-own-permissions.json' with { type: 'json' };
import ecrOneRepository from './corpus/examples/ecr-one-repository.json' with { type: 'json' };
import ecrWildcards from './corpus/examples/ecr-wildcards.json' with { type: 'json' };
import ecrPolicyStructure from './corpus/examples/ecr-policy-structure.json' with { type: 'json' };
import ecrTagBasedAccess from './corpus/examples/ecr-tag-based-access.json' with { type: 'json' };
import ecrRepositoryPolicyCrossAccount from './corpus/examples/ecr-repository-policy-cross-account.json' with { type: 'json' };
import ecrManagedPowerUser from './corpus/examples/ecr-managed-power-user.json' with { type: 'json' };
import ecrManagedFullAccess from './corpus/examples/ecr-managed-full-access.json' with { type: 'json' };
import ecsTaskExecutionRole from './corpus/examples/ecs-task-execution-role.json' with { type: 'json' };
import ecsContainerInstanceRole from './corpus/examples/ecs-container-instance-role.json' with { type: 'json' };
import ecsRunTaskInCluster from './corpus/examples/ecs-run-task-in-cluster.json' with { type: 'json' };
import ecrManagedReadOnly from './corpus/examples/ecr-managed-read-only.json' with { type: 'json' };
import ecrManagedPullOnly from './corpus/examples/ecr-managed-pull-only.json' with { type: 'json' };
import ecrTemporaryCredentials from './corpus/examples/ecr-temporary-credentials.json' with { type: 'json' };
import ecrRegistryPolicy from './corpus/examples/ecr-registry-policy-replication-pull-through-cache.json' with { type: 'json' };
import ecrTemporaryCredentialsSessionPolicy from './corpus/examples/ecr-temporary-credentials-session-policy.json' with { type: 'json' };
import ecsTaskExecutionCrossAccountPull from './corpus/examples/ecs-task-execution-cross-account-pull.json' with { type: 'json' };
import ecsTaskRole from './corpus/examples/ecs-task-role.json' with { type: 'json' };
import ecsPassRole from './corpus/examples/ecs-pass-role.json' with { type: 'json' };
import ecsServiceLinkedRole from './corpus/examples/ecs-service-linked-role.json' with { type: 'json' };
import ecsServiceSchedulerRole from './corpus/examples/ecs-service-scheduler-role.json' with { type: 'json' };
import ecsCodeDeployRole from './corpus/examples/ecs-codedeploy-role.json' with { type: 'json' };
import ecsServiceAutoScalingRole from './corpus/examples/ecs-service-auto-scaling-role.json' with { type: 'json' };
import ecsEventsRole from './corpus/examples/ecs-events-role.json' with { type: 'json' };

export interface ExamplePolicy {
  kind: PolicyKind;
  name: string;
  /** The policy as JSON text (two-space indent). */
  text: string;
}

export interface ExampleCase {
  name: string;
  request: SimulationRequest;
  expect: Decision;
  /** Sids of the statements that must decide it, when the example says. */
  decisive?: string[];
}

export interface Example {
  id: string;
  title: string;
  description: string;
  /** The AWS document the example comes from. */
  source: string;
  /** Where AWS publishes that document. */
  url?: string;
  /** The version (or date) of the document the example reproduces, and how it differs from the seed guides. */
  version?: string;
  policies: ExamplePolicy[];
  cases: ExampleCase[];
}

/** The shape of an example file in engine/corpus/examples/. */
export interface ExampleFile {
  id: string;
  title: string;
  description: string;
  source: string;
  url?: string;
  version?: string;
  policies: { kind: string; name: string; policy: object }[];
  cases: { name: string; request: SimulationRequest; expect: string; decisive?: string[] }[];
}

/** Turns an example file into an example (policy objects become text). */
export function exampleFromFile(file: ExampleFile): Example {
  return {
    id: file.id,
    title: file.title,
    description: file.description,
    source: file.source,
    ...(file.url ? { url: file.url } : {}),
    ...(file.version ? { version: file.version } : {}),
    policies: file.policies.map((p) => ({ kind: p.kind as PolicyKind, name: p.name, text: JSON.stringify(p.policy, null, 2) })),
    cases: file.cases.map((c) => ({ ...c, expect: c.expect as Decision })),
  };
}

const FILES: ExampleFile[] = [
  ecrCiTeamRepositories,
  ecrCiPushGuardrails,
  ecrConsoleReadOnly,
  ecrOneRepository,
  ecrWildcards,
  ecrTagBasedAccess,
  ecrRepositoryPolicyCrossAccount,
  ecrPolicyStructure,
  iamViewOwnPermissions,
  ecrManagedReadOnly,
  ecrManagedPullOnly,
  ecrManagedPowerUser,
  ecrManagedFullAccess,
  ecrRegistryPolicy,
  ecrTemporaryCredentials,
  ecrTemporaryCredentialsSessionPolicy,
  ecsTaskExecutionRole,
  ecsTaskExecutionCrossAccountPull,
  ecsTaskRole,
  ecsPassRole,
  ecsContainerInstanceRole,
  ecsServiceLinkedRole,
  ecsServiceSchedulerRole,
  ecsCodeDeployRole,
  ecsServiceAutoScalingRole,
  ecsEventsRole,
  ecsRunTaskInCluster,
] as ExampleFile[];

/** Example workspaces, the first one being the default of a new workspace. */
export const EXAMPLES: readonly Example[] = FILES.map(exampleFromFile);

/** An example as a workspace: its policies, its first case as the request, its cases as policy tests. */
export function exampleWorkspace(example: Example): Workspace {
  return {
    policies: example.policies.map((p) => ({ kind: p.kind, name: p.name, text: p.text })),
    request: example.cases[0].request,
    tests: example.cases.map((c) => ({ name: c.name, request: c.request, expect: c.expect })),
  };
}
