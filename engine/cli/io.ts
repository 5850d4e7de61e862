// What a command may touch of the outside world, passed in so tests can run
// commands in-process; `processIo()` is the real one.

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Where relative paths start, and what paths in reports are relative to. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours are for terminals only). */
  stdoutIsTTY: boolean;
}

export function processIo(): Io {
  // A reader that stops early (`| head`) is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
  };
}

/** Text styles for terminal output; all identity functions when colour is off. */
export interface Style {
  ok(text: string): string;
  fail(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** Colour as Node decides it: FORCE_COLOR first (`0`/`false` turn it off), then NO_COLOR, then whether stdout is a terminal. */
export function colourEnabled(io: Io): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdoutIsTTY;
}

export function styleFor(io: Io): Style {
  const on = colourEnabled(io);
  const sgr = (open: number, close: number) => (text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { ok: sgr(32, 39), fail: sgr(31, 39), warn: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
}
