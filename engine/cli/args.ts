// Command-line parsing over node:util's parseArgs, with messages in our words,
// and the one error type that ends a command with exit code 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * Bad usage or unreadable input: the command prints the message and exits with 2.
 * `usage` adds a pointer to the command's --help.
 */
export class ExitError extends Error {
  readonly usage: boolean;
  constructor(message: string, usage = false) {
    super(message);
    this.usage = usage;
  }
}

export function usageError(message: string): ExitError {
  return new ExitError(message, true);
}

export function parse(argv: readonly string[], options: OptionSpec): ParsedArgs {
  try {
    const r = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: r.values as ParsedArgs['values'], positionals: r.positionals };
  } catch (e) {
    throw usageError(describeParseError(e));
  }
}

function describeParseError(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `Unknown option \`${option}\`.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing/.test(message) ? `\`${option}\` needs a value.` : `\`${option}\` takes no value.`;
  }
  return message;
}

/** The value of a string option, checked against its allowed values. */
export function oneOf<T extends string>(value: unknown, option: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw usageError(`\`--${option}\` must be one of ${allowed.map((a) => `\`${a}\``).join(', ')}, not \`${String(value)}\`.`);
  }
  return value as T;
}

/** A string option that may repeat. */
export function many(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** A required string option. */
export function required(value: unknown, option: string): string {
  if (typeof value !== 'string' || value === '') throw usageError(`\`--${option}\` is required.`);
  return value;
}
