// `container-iam who-can`: who can reach which repository of an account. Reads an
// account dump (get-account-authorization-details), repository policies and the
// organization's SCPs and RCPs (loadAccount), and answers for every principal ×
// repository × action with whoCan, each answer equal to what simulate decides.
import type { Decision } from '../../evaluate/result.ts';
import { loadAccount } from '../../aws/account.ts';
import type { AccountFile } from '../../aws/types.ts';
import { compileWildcard } from '../../match/wildcard.ts';
import { whoCan } from '../../whocan/whocan.ts';
import type { WhoCanEntry } from '../../whocan/types.ts';
import { ExitError, many, oneOf, parse, usageError } from '../args.ts';
import { displayPath, readText } from '../files.ts';
import { styleFor, type Io } from '../io.ts';
import { json, tool } from '../report/json.ts';
import type { Command } from './command.ts';

/** The access levels that matter for a registry, by the words a person uses. */
const LEVELS: Record<string, string> = {
  pull: 'ecr:BatchGetImage',
  push: 'ecr:PutImage',
  delete: 'ecr:BatchDeleteImage',
  manage: 'ecr:SetRepositoryPolicy',
};
const SHOW = ['allowed', 'denied', 'all'] as const;
const FORMATS = ['text', 'json', 'csv'] as const;

export const whoCanCommand: Command = {
  name: 'who-can',
  summary: 'who can reach which repository of an account',
  help: `Usage: container-iam who-can <file>... [--action <action|pull|push|delete|manage>...]
                        [--resource <glob>] [--principal <glob>] [--region <region>]
                        [--account <id>] [--show allowed|denied|all] [--format text|json|csv]
                        [--fail-on-allow]

Answers "who can push to prod/*?" for a whole account. The files are one
\`aws iam get-account-authorization-details\` output, any number of
\`aws ecr get-repository-policy\` outputs (or \`describe-repositories\`, or a JSON
map of repository name to policy), and optionally the organization's SCPs and
RCPs (\`aws organizations describe-policy\` output, \`{"scps": [...], "rcps": [...]}\`,
or a policy file with \`scp\` or \`rcp\` in its name). Every answer is what
\`simulate\` decides for that principal, repository and action.

Options:
  --action <action>    an action, or pull, push, delete, manage (ecr:BatchGetImage,
                       ecr:PutImage, ecr:BatchDeleteImage, ecr:SetRepositoryPolicy).
                       Repeat for more; default: all four
  --resource <glob>    only repositories whose ARN or name matches (* and ? wildcards)
  --principal <glob>   only principals whose ARN or name matches
  --region <region>    the repositories' region when the files do not say (default us-east-1)
  --account <id>       the repositories' account when the files do not say
  --show <which>       allowed (default), denied, or all answers
  --format <format>    text (default), json, or csv (principal,resource,action,decision,stage)
  --fail-on-allow      exit 1 when any principal is allowed (for CI: "nobody may push here")
  -h, --help           show this help

Exit codes: 0 answered (and, with --fail-on-allow, nobody is allowed); 1 somebody is
allowed with --fail-on-allow; 2 bad usage or unreadable input.

Examples:
  container-iam who-can account.json repo-policies.json --action push --resource 'prod/*'
  container-iam who-can account.json policies/ --action ecr:PutImage \\
    --resource 'arn:aws:ecr:us-east-1:111122223333:repository/prod/*' --fail-on-allow
  container-iam who-can account.json --principal '*ci-deployer*' --show all --format csv
`,
  options: {
    action: { type: 'string', multiple: true },
    resource: { type: 'string' },
    principal: { type: 'string' },
    region: { type: 'string' },
    account: { type: 'string' },
    show: { type: 'string' },
    format: { type: 'string' },
    'fail-on-allow': { type: 'boolean' },
  },
  async run(argv, io) {
    const args = parse(argv, this.options);
    if (args.positionals.length === 0) throw usageError('Give the account files: at least a `get-account-authorization-details` output.');
    const show = oneOf(args.values.show, 'show', SHOW, 'allowed');
    const format = oneOf(args.values.format, 'format', FORMATS, 'text');
    const actions = many(args.values.action).map((a) => LEVELS[a.toLowerCase()] ?? a);
    for (const a of actions) if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(a)) throw usageError(`\`--action ${a}\` is not an action; write \`service:Action\` or one of ${Object.keys(LEVELS).join(', ')}.`);
    const files: AccountFile[] = args.positionals.map((p) => ({ name: displayPath(io.cwd, p), text: readText(io.cwd, p) }));
    const account = loadAccount(files, {
      region: typeof args.values.region === 'string' ? args.values.region : undefined,
      accountId: typeof args.values.account === 'string' ? args.values.account : undefined,
    });
    if (!account.ok) throw new ExitError(account.error);
    const resources = account.resources.filter(matcher(args.values.resource, (arn) => arn.slice(arn.indexOf('repository/') + 'repository/'.length)));
    const principals = account.principals.filter((p) => matcher(args.values.principal, (arn) => arn.slice(arn.lastIndexOf('/') + 1))(p.arn));
    const entries = whoCan({
      principals,
      resources,
      actions: actions.length > 0 ? actions : Object.values(LEVELS),
      scps: account.scps,
      rcps: account.rcps,
    });
    const shown = entries.filter((e) => show === 'all' || (show === 'allowed') === (e.decision === 'Allow'));
    const allowed = entries.filter((e) => e.decision === 'Allow').length;
    if (format === 'json') {
      io.out(
        json({
          report: 'who-can',
          reportVersion: 1,
          tool: tool(),
          summary: { principals: principals.length, resources: resources.length, actions: actions.length || 4, answers: entries.length, allowed },
          warnings: account.warnings,
          entries: shown,
        }),
      );
    } else if (format === 'csv') {
      io.out(csv(shown));
    } else {
      printText(io, shown, { principals: principals.length, resources: resources.length, answers: entries.length, allowed, show, warnings: account.warnings });
    }
    return args.values['fail-on-allow'] && allowed > 0 ? 1 : 0;
  },
};

/** A filter from a glob that matches the whole value or its short name; everything without a glob. */
function matcher(glob: unknown, shortName: (value: string) => string): (item: string | { arn: string }) => boolean {
  if (typeof glob !== 'string' || glob === '') return () => true;
  const test = compileWildcard(glob);
  return (item) => {
    const value = typeof item === 'string' ? item : item.arn;
    return test(value) || test(shortName(value));
  };
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
function csv(entries: readonly WhoCanEntry[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = entries.map((e) => [e.principal, e.resource, e.action, e.decision, e.stage].map(field).join(','));
  return ['principal,resource,action,decision,stage', ...rows].join('\r\n') + '\r\n';
}

const WORDS: Record<Decision, string> = { Allow: 'allowed', ExplicitDeny: 'denied explicitly', ImplicitDeny: 'denied implicitly' };

function printText(
  io: Io,
  entries: readonly WhoCanEntry[],
  v: { principals: number; resources: number; answers: number; allowed: number; show: string; warnings: readonly string[] },
): void {
  const s = styleFor(io);
  const lines: string[] = [];
  for (const w of v.warnings) lines.push(s.warn(`warning: ${w}`));
  // Grouped by action, then repository: the question people ask is "who can <do> <this>".
  const byAction = new Map<string, Map<string, WhoCanEntry[]>>();
  for (const e of entries) {
    const repos = byAction.get(e.action) ?? new Map<string, WhoCanEntry[]>();
    byAction.set(e.action, repos);
    repos.set(e.resource, [...(repos.get(e.resource) ?? []), e]);
  }
  for (const [action, repos] of byAction) {
    lines.push(s.bold(action));
    for (const [resource, list] of repos) {
      lines.push(`  ${resource}`);
      for (const e of list) {
        const colour = e.decision === 'Allow' ? s.ok : s.fail;
        lines.push(`    ${colour(WORDS[e.decision].padEnd(17))} ${e.principal} ${s.dim(`(${e.stage})`)}`);
      }
    }
  }
  if (entries.length === 0) lines.push(v.show === 'allowed' ? 'Nobody is allowed.' : 'No answers to show.');
  lines.push(`${v.answers} answers for ${v.principals} principals × ${v.resources} repositories: ${v.allowed} allowed.`);
  io.out(lines.join('\n') + '\n');
}
