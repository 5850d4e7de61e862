// "Use an example account": a small account written in the shapes AWS prints, read by
// loadAccount exactly as files a person drops. Five roles and two users, five
// repositories (two of them prod/* with a release-only repository policy), one SCP and
// one RCP that keep ECR to the organization `o-a1b2c3d4e5`.
import type { AccountFile } from '../../../engine';
import details from './example/authorization-details.json?raw';
import repositories from './example/describe-repositories.json?raw';
import policies from './example/repository-policies.json?raw';
import org from './example/org-policies.json?raw';

export const EXAMPLE_FILES: readonly AccountFile[] = [
  { name: 'authorization-details.json', text: details },
  { name: 'describe-repositories.json', text: repositories },
  { name: 'repository-policies.json', text: policies },
  { name: 'org-policies.json', text: org },
];

/** What the example's files leave unsaid. */
export const EXAMPLE_OPTIONS = { region: 'us-east-1', orgId: 'o-a1b2c3d4e5' } as const;
