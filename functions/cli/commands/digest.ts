import { postDigests } from '../../core/post-digests.ts';
import { posterLoader } from '../../wiring/loaders.ts';
import { cliLogger } from '../cli-logger.ts';
import { type CliIo, parseArgs, UsageError } from '../io.ts';
import { loadConfig } from '../load-config.ts';
import { openStore } from '../open-store.ts';
import { renderPostText } from '../render-terminal.ts';

/**
 * `herald digest [--config FILE] [--dry-run] [--json]`: posts every digest channel's waiting matches now.
 * The deployed stack runs the same on each channel's schedule.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, options, positionals } = parseArgs(args, {
    flags: ['dry-run', 'json', 'verbose'],
    options: ['config'],
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const { config, path } = await loadConfig(io.cwd, options.get('config'));
  const json = flags.has('json');
  if (!config.channels.some((c) => c.digest)) {
    if (json) io.out(JSON.stringify({ channels: 0, stories: 0, posted: 0 }));
    else io.err(`No channel in ${path} has a digest: give one "digest": { "every": "24h", "at": "08:00" }.`);
    return 0;
  }
  const opened = await openStore(config, io.cwd);
  try {
    const summary = await postDigests(
      {
        store: opened.store,
        loadPoster: posterLoader(config),
        clock: () => new Date(),
        logger: cliLogger(io, flags.has('verbose')),
        onPreview: (channelId, post) => {
          if (!json) io.out(`#${channelId}\n${renderPostText(post)}\n`);
        },
      },
      { channels: config.channels, leaseSeconds: config.delivery.leaseSeconds, dryRun: flags.has('dry-run') },
    );
    const { channels, stories, posted } = summary;
    if (json) io.out(JSON.stringify({ channels, stories, posted }));
    else
      io.out(
        `${flags.has('dry-run') ? 'Dry run: ' : ''}${channels} digest channel${channels === 1 ? '' : 's'}, ` +
          `${stories} stor${stories === 1 ? 'y' : 'ies'}, ${posted} message${posted === 1 ? '' : 's'} posted`,
      );
    return summary.failed ? 1 : 0;
  } finally {
    await opened.close();
  }
}
