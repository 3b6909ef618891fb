import { StackNotFoundError } from '../../adapters/lambda-invoker.ts';
import { loadSecretConfig, type SecretConfig } from '../../adapters/secrets.ts';
import { COMMANDS } from '../../interactions/commands.ts';
import { readDeployedSecretId, type StackOutputs } from '../deployed-stack.ts';
import { type CliIo, parseArgs, UsageError } from '../io.ts';
import { loadConfig } from '../load-config.ts';

const USAGE =
  'usage: herald commands register [--guild ID] [--application-id ID] [--config FILE] ' +
  '[--secret ID | --stack NAME] [--json]';

const SNOWFLAKE = /^\d{15,25}$/;
/** Discord asks bots to identify themselves this way. */
const USER_AGENT = 'DiscordBot (https://github.com/herald-notifier/herald, 0.1.0)';

export interface CommandsDeps {
  fetch?: typeof fetch;
  /** Reads the deployed secret. Default: Secrets Manager through `loadSecretConfig`, uncached. */
  loadSecret?: (secretId: string) => Promise<SecretConfig>;
  /** The stack's outputs, to find the secret. Default: CloudFormation DescribeStacks. */
  stackOutputs?: StackOutputs;
}

/** Discord refused the registration; the message holds Discord's reason, never the token. */
export class CommandRegistrationError extends Error {
  override readonly name = 'CommandRegistrationError';
}

/**
 * `herald commands register [--guild ID]`: overwrites the application's slash commands with Herald's
 * (`PUT /applications/{id}/commands`, or `/applications/{id}/guilds/{guild}/commands` with `--guild`,
 * which takes effect at once and suits a test server). The bot token comes from the secret named by `--secret`,
 * else DISCORD_BOT_TOKEN, else the deployed stack's secret (`herald secrets set-bot-token`); it is never
 * printed. The API base
 * is the config's `discord.apiBase`.
 */
export async function run(args: string[], io: CliIo, deps: CommandsDeps = {}): Promise<number> {
  const { flags, options, positionals } = parseArgs(args, {
    flags: ['json'],
    options: ['guild', 'application-id', 'config', 'secret', 'stack'],
  });
  const [action, extra] = positionals;
  if (action !== 'register' || extra !== undefined) throw new UsageError(USAGE);

  const applicationId = options.get('application-id') ?? io.env.DISCORD_APPLICATION_ID;
  if (!applicationId)
    throw new UsageError(
      'pass --application-id or set DISCORD_APPLICATION_ID (the Application ID on the General Information ' +
        'page of the Discord Developer Portal)',
    );
  if (!SNOWFLAKE.test(applicationId)) throw new UsageError('the application id must be a Discord snowflake');
  const guildId = options.get('guild');
  if (guildId !== undefined && !SNOWFLAKE.test(guildId))
    throw new UsageError('--guild must be a Discord snowflake (the server id)');

  const { config } = await loadConfig(io.cwd, options.get('config'));
  const token = await botToken(io, options, deps);
  const redact = (text: string) => text.replaceAll(token, '***');

  const base = config.discord.apiBase.replace(/\/+$/, '');
  const path = guildId
    ? `/v10/applications/${applicationId}/guilds/${guildId}/commands`
    : `/v10/applications/${applicationId}/commands`;
  io.progress(`Registering /herald ${guildId ? `in guild ${guildId}` : 'globally'}...`);
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(`${base}${path}`, {
      method: 'PUT',
      headers: {
        authorization: `Bot ${token}`,
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
      },
      body: JSON.stringify(COMMANDS),
      signal: AbortSignal.timeout(config.discord.timeoutMs),
    });
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new CommandRegistrationError(redact(`could not reach Discord at ${base}: ${detail}`));
  } finally {
    io.progress('');
  }
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) throw new CommandRegistrationError(redact(refusal(response.status, body, guildId)));

  const registered = Array.isArray(body)
    ? body.flatMap((c: { id?: unknown; name?: unknown }) =>
        typeof c?.id === 'string' && typeof c.name === 'string' ? [{ id: c.id, name: c.name }] : [],
      )
    : [];
  if (flags.has('json')) {
    io.out(
      JSON.stringify({
        applicationId,
        scope: guildId ? 'guild' : 'global',
        ...(guildId ? { guildId } : {}),
        commands: registered,
      }),
    );
    return 0;
  }
  const names = COMMANDS.map((c) => `/${c.name} (${c.options.map((o) => o.name).join(', ')})`).join(', ');
  io.out(
    `Registered ${names} for application ${applicationId} ${guildId ? `in guild ${guildId}` : 'globally'}.`,
  );
  return 0;
}

async function botToken(io: CliIo, options: Map<string, string>, deps: CommandsDeps): Promise<string> {
  let secretId = options.get('secret');
  const fromEnv = io.env.DISCORD_BOT_TOKEN;
  if (fromEnv && !secretId) return fromEnv;
  if (!secretId) {
    try {
      secretId = await readDeployedSecretId(options.get('stack'), deps.stackOutputs);
    } catch (error) {
      if (error instanceof StackNotFoundError)
        throw new UsageError(`${error.message}; or set DISCORD_BOT_TOKEN, or pass --secret`);
      throw error;
    }
  }
  const secret = await (deps.loadSecret ?? ((id: string) => loadSecretConfig(id, { forceFetch: true })))(
    secretId,
  );
  if (!secret.botToken)
    throw new UsageError(
      `secret ${secretId} holds no bot token: store it with \`npx herald secrets set-bot-token\`, ` +
        'or set DISCORD_BOT_TOKEN',
    );
  return secret.botToken;
}

/** Discord's refusal in one line, with the likely fix. */
function refusal(status: number, body: unknown, guildId: string | undefined): string {
  const error = (body ?? {}) as { message?: unknown; code?: unknown; errors?: unknown };
  const message = typeof error.message === 'string' ? error.message : `HTTP ${status}`;
  const code = typeof error.code === 'number' && error.code !== 0 ? ` (code ${error.code})` : '';
  const details = error.errors === undefined ? '' : ` ${JSON.stringify(error.errors).slice(0, 500)}`;
  const hint =
    status === 401
      ? ': check the bot token (DISCORD_BOT_TOKEN, or `herald secrets set-bot-token`)'
      : status === 403
        ? guildId
          ? ': is the bot in that server, invited with the applications.commands scope?'
          : ': does the bot token belong to this application?'
        : status === 404
          ? ': check the application id and the guild id'
          : '';
  return `Discord refused the commands: ${status} ${message}${code}${details}${hint}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
