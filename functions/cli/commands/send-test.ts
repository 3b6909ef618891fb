import { redactSecrets } from '../../adapters/discord-poster.ts';
import { posterLoader } from '../../wiring/loaders.ts';
import { sendTestPost } from '../../wiring/send-test.ts';
import { type CliIo, parseArgs, UsageError } from '../io.ts';
import { loadConfig } from '../load-config.ts';

/**
 * `herald send-test CHANNEL [--config FILE] [--json]`: posts one sample alert, marked as a test, to the
 * channel, with the channel's decoration (a forum post's name, a thread). Exit 0 when Discord accepts it;
 * otherwise 1, with a message that names the channel and what Discord said. Tokens are never printed.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, options, positionals } = parseArgs(args, { flags: ['json'], options: ['config'] });
  const [channelId, extra] = positionals;
  if (!channelId || extra !== undefined) throw new UsageError('name one channel id from the config');
  const { config, path } = await loadConfig(io.cwd, options.get('config'));
  const channel = config.channels.find((c) => c.id === channelId);
  if (!channel) {
    const known = config.channels.map((c) => c.id).join(', ') || 'none';
    throw new UsageError(`no channel "${channelId}" in ${path} (channels: ${known})`);
  }
  const poster = await posterLoader(config)();
  const { outcome, text } = await sendTestPost(channel, poster, new Date());
  const secrets = [config.discord.botToken, ...config.channels.map((c) => c.webhookUrl)].filter(
    (s): s is string => Boolean(s),
  );
  const safe = (value: string) => redactSecrets(value, secrets);
  const posted = outcome.kind === 'posted';
  if (flags.has('json')) {
    io.out(
      JSON.stringify({
        channel: channel.id,
        posted,
        outcome: outcome.kind,
        ...(outcome.kind === 'posted' ? { messageId: outcome.messageId } : { reason: safe(outcome.reason) }),
        ...(outcome.kind === 'posted' && outcome.note ? { note: safe(outcome.note) } : {}),
      }),
    );
  } else if (posted) io.out(safe(text));
  if (!posted) io.err(`herald send-test: ${safe(text)}`);
  return posted ? 0 : 1;
}
