/** What a command may touch of the outside world: tests pass buffers, main passes the process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Progress lines; shown only on a TTY, so piped and --json output stays clean. */
  progress(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  isTty: boolean;
}

/** A command's failure that the CLI prints as one line, without a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function processIo(): CliIo {
  const isTty = Boolean(process.stderr.isTTY);
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    progress: (text) => {
      if (isTty) process.stderr.write(`\x1b[2K\r${text}`);
    },
    env: process.env,
    cwd: process.cwd(),
    isTty,
  };
}

/** A tiny flag parser: `--name value`, `--flag`, and positionals. Unknown flags are errors. */
export function parseArgs(
  args: readonly string[],
  spec: { flags?: readonly string[]; options?: readonly string[] },
): { flags: Set<string>; options: Map<string, string>; positionals: string[] } {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (spec.flags?.includes(name)) flags.add(name);
    else if (spec.options?.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { flags, options, positionals };
}
