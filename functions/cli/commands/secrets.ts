import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { StackNotFoundError } from '../../adapters/lambda-invoker.ts';
import {
  isDiscordWebhookUrl,
  looksLikeBotToken,
  storeBotToken,
  storeChannelSecret,
} from '../../adapters/secrets.ts';
import { readDeployedSecretId, type StackOutputs } from '../deployed-stack.ts';
import { type CliIo, parseArgs, UsageError } from '../io.ts';

const USAGE =
  'usage: herald secrets set CHANNEL [URL] | herald secrets set-bot-token [TOKEN]  ' +
  '[--secret ID] [--stack NAME] [--api-base URL]';

export interface SecretsDeps {
  client?: SecretsManagerClient;
  /** Reads the value when it is not an argument. Default: stdin, without echo on a terminal. */
  readValue?: (prompt: string) => Promise<string>;
  /** The stack's outputs, to find the secret. Default: CloudFormation DescribeStacks. */
  stackOutputs?: StackOutputs;
}

/**
 * `herald secrets set CHANNEL [URL]` and `herald secrets set-bot-token [TOKEN]`: stores a webhook URL or
 * the bot token in the deployed stack's secret (read-modify-write, other entries kept). The value is
 * read from stdin when not given, without echo on a terminal, and is never printed.
 */
export async function run(args: string[], io: CliIo, deps: SecretsDeps = {}): Promise<number> {
  const { options, positionals } = parseArgs(args, { options: ['secret', 'stack', 'api-base'] });
  const [action, ...rest] = positionals;
  const readValue = deps.readValue ?? ((prompt: string) => readSecretInput(prompt, io));

  let store: (secretId: string, client: SecretsManagerClient) => Promise<void>;
  let done: string;
  if (action === 'set') {
    const [channelId, given, extra] = rest;
    if (!channelId || extra !== undefined) throw new UsageError(USAGE);
    if (!/^[A-Za-z0-9_-]+$/.test(channelId))
      throw new UsageError(`channel id "${channelId}" must be letters, digits, dashes or underscores`);
    const url = given ?? (await readValue(`Webhook URL for channel ${channelId}: `));
    const apiBase = options.get('api-base');
    if (!isDiscordWebhookUrl(url, apiBase))
      throw new UsageError(
        'that is not a Discord webhook URL (https://discord.com/api/webhooks/<id>/<token>' +
          `${apiBase ? `, or ${apiBase}/webhooks/<id>/<token>` : ''}); nothing was stored`,
      );
    store = (secretId, client) => storeChannelSecret(secretId, channelId, url, { client });
    done = `stored webhook for channel ${channelId}`;
  } else if (action === 'set-bot-token') {
    const [given, extra] = rest;
    if (extra !== undefined) throw new UsageError(USAGE);
    const token = given ?? (await readValue('Bot token: '));
    if (!looksLikeBotToken(token))
      throw new UsageError(
        'that does not look like a Discord bot token (three dot-separated parts); nothing was stored',
      );
    store = (secretId, client) => storeBotToken(secretId, token, { client });
    done = 'stored the bot token';
  } else {
    throw new UsageError(USAGE);
  }

  let secretId = options.get('secret');
  if (!secretId) {
    try {
      secretId = await readDeployedSecretId(options.get('stack'), deps.stackOutputs);
    } catch (error) {
      if (error instanceof StackNotFoundError) {
        io.err(`herald secrets: ${error.message}, or pass --secret`);
        return 1;
      }
      throw error;
    }
  }

  await store(secretId, deps.client ?? new SecretsManagerClient({}));
  io.out(`${done} in secret ${secretId}`);
  io.err('New function instances read it at once; a warm one may keep its cached copy for a while.');
  return 0;
}

/**
 * One line from stdin. On a terminal the prompt goes to stderr and the typed characters are not echoed;
 * from a pipe (`pbpaste | herald secrets set news`) the whole input is read.
 */
export async function readSecretInput(
  prompt: string,
  io: Pick<CliIo, 'err'>,
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<string> {
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const value = Buffer.concat(chunks).toString('utf8').trim();
    if (!value) throw new UsageError('no value on stdin');
    return value;
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (text: string) => {
        for (const char of text) {
          if (char === '\r' || char === '\n') {
            stdin.off('data', onData);
            resolve(value.trim());
            return;
          }
          if (char === '\u0003') {
            stdin.off('data', onData);
            reject(new UsageError('cancelled'));
            return;
          }
          if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
          else value += char;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    io.err('');
  }
}
