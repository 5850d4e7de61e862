// The container-iam command line: `container-iam <command> ...`. Commands are
// listed in COMMANDS; each lives in commands/<name>.ts.
import { dataVersion } from '../catalog/index.ts';
import { dataVersionLabel } from '../share/envelope.ts';
import { ENGINE_VERSION } from '../version.ts';
import { ExitError } from './args.ts';
import type { Command } from './commands/command.ts';
import { diffCommand } from './commands/diff.ts';
import { simulateCommand } from './commands/simulate.ts';
import { testCommand } from './commands/test.ts';
import { validateCommand } from './commands/validate.ts';
import { whoCanCommand } from './commands/who-can.ts';
import { processIo, type Io } from './io.ts';

/** Every command, in the order --help lists them. A new command is one entry here. */
export const COMMANDS: readonly Command[] = [testCommand, simulateCommand, validateCommand, whoCanCommand, diffCommand];

export function versionText(): string {
  return `container-iam ${ENGINE_VERSION}\nAWS service data: ${dataVersionLabel()} (updated ${dataVersion.updatedAt.slice(0, 10)})\n`;
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: container-iam <command> [options]

An AWS IAM policy simulator for Amazon ECR and Amazon ECS: test, simulate and
validate policies as AWS would evaluate them, without an AWS account.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help     show help (also after a command: container-iam test --help)
  -v, --version  print the engine version and the AWS service data version

Exit codes: 0 success; 1 a test failed, an expectation did not hold, or a finding
reached --fail-on; 2 bad usage or unreadable input.
`;
}

/** Runs the command line `argv` (without node and the script) and resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    (name === undefined ? io.err : io.out)(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    io.out(versionText());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`container-iam: \`${name}\` is not a command; the commands are ${COMMANDS.map((c) => `\`${c.name}\``).join(', ')}.\nRun \`container-iam --help\` for usage.\n`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof ExitError) {
      io.err(`container-iam ${command.name}: ${e.message}\n${e.usage ? `Run \`container-iam ${command.name} --help\` for usage.\n` : ''}`);
      return 2;
    }
    // INVARIANT: the engine never throws on input, so this is a bug; exit 2 keeps the exit-code contract.
    io.err(`container-iam ${command.name}: internal error (a bug: please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}
