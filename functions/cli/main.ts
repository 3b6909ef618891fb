import { type CliIo, processIo, UsageError } from './io.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

/** Each command lives in its own module and loads only when it runs. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  poll: {
    summary: 'poll [--config FILE] [--dry-run] [--json]   one poll, locally',
    load: async () => (await import('./commands/poll.ts')).run,
  },
  analyze: {
    summary: 'analyze [--json] FILE...                   analyze article files (HTML or text)',
    load: async () => (await import('./commands/analyze.ts')).run,
  },
  preview: {
    summary: 'preview URL                                fetch one article and show its post',
    load: async () => (await import('./commands/preview.ts')).run,
  },
  status: {
    summary: 'status [--config FILE] [--json]            feed health, deliveries and channels',
    load: async () => (await import('./commands/status.ts')).run,
  },
  digest: {
    summary: 'digest [--config FILE] [--dry-run] [--json]  post the waiting digests now',
    load: async () => (await import('./commands/digest.ts')).run,
  },
  invoke: {
    summary: 'invoke [--dry-run] [--feed ID]             invoke the deployed function',
    load: async () => (await import('./commands/invoke.ts')).run,
  },
  secrets: {
    summary: 'secrets set CHANNEL [VALUE]                store a webhook URL or bot token',
    load: async () => (await import('./commands/secrets.ts')).run,
  },
  commands: {
    summary: 'commands register [--guild ID]             register the /herald slash commands',
    load: async () => (await import('./commands/commands.ts')).run,
  },
  demo: {
    summary: 'demo                                       the whole pipeline, offline',
    load: async () => (await import('./commands/demo.ts')).run,
  },
};

function usage(): string {
  return [
    'Usage: herald <command> [options]',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
  ].join('\n');
}

/** The `herald` command. Returns the exit code; errors become one line on stderr. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`herald: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`herald ${name}: ${error.message}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`herald ${name}: ${message}`);
    if (io.env.HERALD_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  }
}
