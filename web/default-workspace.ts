// The workspace a first visit starts from: a CI role pushing to an ECR repository,
// with a repository policy that guards deletion. Its tests show all three decisions.
import type { Workspace } from './engine-extras';

const json = (value: unknown) => JSON.stringify(value, null, 2);

const ACCOUNT = '111122223333';
const REPO = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/web`;
const CI = `arn:aws:sts::${ACCOUNT}:assumed-role/ci-deployer/build-42`;

export const DEFAULT_WORKSPACE: Workspace = {
  policies: [
    {
      kind: 'identity',
      name: 'ci-push-team-repos',
      text: json({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'GetLoginToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
          {
            Sid: 'PushAndPullOwnTeamRepos',
            Effect: 'Allow',
            Action: [
              'ecr:BatchCheckLayerAvailability',
              'ecr:BatchGetImage',
              'ecr:GetDownloadUrlForLayer',
              'ecr:InitiateLayerUpload',
              'ecr:UploadLayerPart',
              'ecr:CompleteLayerUpload',
              'ecr:PutImage',
              'ecr:BatchDeleteImage',
            ],
            Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`,
            Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
          },
        ],
      }),
    },
    {
      kind: 'resource',
      name: 'web repository policy',
      text: json({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OnlyAdminsDeleteImages',
            Effect: 'Deny',
            Principal: '*',
            Action: ['ecr:BatchDeleteImage', 'ecr:DeleteRepository'],
            Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/registry-admin` } },
          },
        ],
      }),
    },
  ],
  request: {
    principal: CI,
    action: 'ecr:PutImage',
    resource: REPO,
    context: { 'aws:PrincipalTag/team': 'web', 'aws:ResourceTag/team': 'web' },
  },
  tests: [
    { name: 'CI pushes to its team repository', request: { principal: CI, action: 'ecr:PutImage', resource: REPO, context: { 'aws:PrincipalTag/team': 'web', 'aws:ResourceTag/team': 'web' } }, expect: 'Allow' },
    { name: 'CI cannot delete images', request: { principal: CI, action: 'ecr:BatchDeleteImage', resource: REPO, context: { 'aws:PrincipalTag/team': 'web', 'aws:ResourceTag/team': 'web' } }, expect: 'ExplicitDeny' },
    {
      name: "CI cannot push to another team's repository",
      request: { principal: CI, action: 'ecr:PutImage', resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/payments`, context: { 'aws:PrincipalTag/team': 'web', 'aws:ResourceTag/team': 'payments' } },
      expect: 'ImplicitDeny',
    },
    { name: 'CI gets a login token', request: { principal: CI, action: 'ecr:GetAuthorizationToken', resource: '*', context: { 'aws:PrincipalTag/team': 'web' } }, expect: 'Allow' },
  ],
  activePolicy: 0,
};
