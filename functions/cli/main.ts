import { type CliIo, processIo, UsageError } from './io.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

/** What `herald <command> --help` prints: how to call it, each option, and one example. */
export interface CommandHelp {
  /** After `herald `: `poll [--config FILE] [--dry-run] [--json]`. */
  usage: string;
  /** One line for the command list. */
  summary: string;
  /** Option (or argument) and what it does. */
  options: [string, string][];
  example: string;
}

interface CommandEntry extends CommandHelp {
  load: () => Promise<Command>;
}

const CONFIG_OPTION: [string, string] = [
  '--config FILE',
  'the config file (default: herald.config.json, else config/default.json)',
];
const JSON_OPTION: [string, string] = ['--json', 'print JSON instead of text'];

/** Each command lives in its own module and loads only when it runs; its help is here, so `--help` loads nothing. */
export const COMMANDS: Record<string, CommandEntry> = {
  poll: {
    usage: 'poll [--config FILE] [--dry-run] [--json] [--verbose]',
    summary: 'one poll, locally',
    options: [
      CONFIG_OPTION,
      ['--dry-run', 'show the posts here and post nothing'],
      ['--json', 'print the summary as one JSON object'],
      ['--verbose', 'log each step'],
    ],
    example: 'herald poll --dry-run',
    load: async () => (await import('./commands/poll.ts')).run,
  },
  analyze: {
    usage: 'analyze [--config FILE] [--json] FILE...',
    summary: 'analyze article files (HTML or text)',
    options: [
      ['FILE...', 'article pages (HTML) or plain-text dumps, whose first line is the title'],
      CONFIG_OPTION,
      ['--json', 'one JSON object per file, one per line'],
    ],
    example: 'herald analyze --json article.html',
    load: async () => (await import('./commands/analyze.ts')).run,
  },
  preview: {
    usage: 'preview [--config FILE] [--json] URL',
    summary: 'fetch one article and show its post',
    options: [['URL', 'the article page'], CONFIG_OPTION, JSON_OPTION],
    example: 'herald preview https://www.voanews.com/a/some-story/7000001.html',
    load: async () => (await import('./commands/preview.ts')).run,
  },
  explain: {
    usage: 'explain [--config FILE] [--json] FILE|URL...',
    summary: 'why a story would or would not be posted, per topic and channel',
    options: [
      ['FILE|URL...', 'article files (HTML or text) or article URLs'],
      CONFIG_OPTION,
      ['--json', 'one JSON object per input, one per line'],
    ],
    example: 'herald explain --json https://www.voanews.com/a/some-story/7000001.html',
    load: async () => (await import('./commands/explain.ts')).run,
  },
  'send-test': {
    usage: 'send-test CHANNEL [--config FILE] [--json]',
    summary: 'post one sample alert, marked as a test, to a channel',
    options: [['CHANNEL', 'a channel id from the config'], CONFIG_OPTION, JSON_OPTION],
    example: 'herald send-test rights',
    load: async () => (await import('./commands/send-test.ts')).run,
  },
  status: {
    usage: 'status [--config FILE] [--json]',
    summary: 'feed health, deliveries and channels',
    options: [CONFIG_OPTION, JSON_OPTION],
    example: 'herald status --json',
    load: async () => (await import('./commands/status.ts')).run,
  },
  digest: {
    usage: 'digest [--config FILE] [--dry-run] [--json] [--verbose]',
    summary: "post every digest channel's waiting stories now",
    options: [
      CONFIG_OPTION,
      ['--dry-run', 'show the digests here, post and change nothing'],
      ['--json', 'print {channels, stories, posted} as one JSON object'],
      ['--verbose', 'log each step'],
    ],
    example: 'herald digest --dry-run',
    load: async () => (await import('./commands/digest.ts')).run,
  },
  invoke: {
    usage: 'invoke [--dry-run] [--feed ID[,ID...]] [--json] [--stack NAME] [--function NAME]',
    summary: 'invoke the deployed function',
    options: [
      ['--dry-run', 'the function posts nothing'],
      ['--feed ID[,ID...]', 'poll only these feeds'],
      ['--json', 'print the summary as one JSON object'],
      ['--stack NAME', 'the deployed stack (default Herald)'],
      ['--function NAME', 'the function, instead of reading it from the stack'],
    ],
    example: 'herald invoke --dry-run --feed africa',
    load: async () => (await import('./commands/invoke.ts')).run,
  },
  secrets: {
    usage:
      'secrets set CHANNEL [URL] | secrets set-bot-token [TOKEN] [--secret ID] [--stack NAME] [--api-base URL]',
    summary: 'store a webhook URL or bot token',
    options: [
      ['set CHANNEL [URL]', "store a channel's webhook URL (read from stdin when not given)"],
      ['set-bot-token [TOKEN]', 'store the bot token (read from stdin when not given)'],
      ['--secret ID', 'the secret (default: the one the deployed stack names)'],
      ['--stack NAME', 'the deployed stack (default Herald)'],
      ['--api-base URL', "accept webhook URLs on this API base too (a stand-in's)"],
    ],
    example: 'herald secrets set rights',
    load: async () => (await import('./commands/secrets.ts')).run,
  },
  commands: {
    usage:
      'commands register [--guild ID] [--application-id ID] [--config FILE] [--secret ID | --stack NAME] [--json]',
    summary: 'register the /herald slash commands',
    options: [
      ['--guild ID', 'register in one server, at once (else globally)'],
      ['--application-id ID', 'the application (default DISCORD_APPLICATION_ID)'],
      CONFIG_OPTION,
      ['--secret ID | --stack NAME', 'where the bot token is (default DISCORD_BOT_TOKEN, else the stack)'],
      JSON_OPTION,
    ],
    example: 'herald commands register --guild 123456789012345678',
    load: async () => (await import('./commands/commands.ts')).run,
  },
  demo: {
    usage: 'demo [--keep]',
    summary: 'the whole pipeline, offline',
    options: [['--keep', 'keep the temporary store folder']],
    example: 'herald demo',
    load: async () => (await import('./commands/demo.ts')).run,
  },
};

const SUMMARY_COLUMN = 44;

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) =>
    c.usage.length >= SUMMARY_COLUMN
      ? `  ${c.usage}\n  ${''.padEnd(SUMMARY_COLUMN)} ${c.summary}`
      : `  ${c.usage.padEnd(SUMMARY_COLUMN)} ${c.summary}`,
  );
  return [
    'Usage: herald <command> [options]',
    '',
    ...lines,
    '',
    'herald <command> --help shows its options and an example.',
  ].join('\n');
}

/** A command's own help: usage, options, one example. */
export function commandHelp(help: CommandHelp): string {
  const width = Math.max(...help.options.map(([option]) => option.length), 0);
  return [
    `Usage: herald ${help.usage}`,
    '',
    help.summary.charAt(0).toUpperCase() + help.summary.slice(1),
    '',
    'Options:',
    ...help.options.map(([option, text]) => `  ${option.padEnd(width)}  ${text}`),
    `  ${'--help, -h'.padEnd(width)}  show this help`,
    '',
    'Example:',
    `  ${help.example}`,
  ].join('\n');
}

/** The `herald` command. Returns the exit code; errors become one line on stderr. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? args[0] : undefined;
    const asked = topic === undefined ? undefined : COMMANDS[topic];
    io.out(asked ? commandHelp(asked) : usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`herald: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(commandHelp(command));
    return 0;
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
