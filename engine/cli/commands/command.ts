// A command of the CLI. main.ts lists them in one table: a new command is a file
// exporting one of these and a line there.
import type { OptionSpec } from '../args.ts';
import type { Io } from '../io.ts';

export interface Command {
  name: string;
  /** One line for `container-iam --help`. */
  summary: string;
  /** The command's --help: usage, options, exit codes, examples. */
  help: string;
  options: OptionSpec;
  /** Runs with the arguments after the command's name; resolves to the exit code. May throw ExitError (exit 2). */
  run(argv: readonly string[], io: Io): Promise<number>;
}
