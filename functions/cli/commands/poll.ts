import type { ChannelConfig, HeraldConfig } from '../../core/config.ts';
import { pollFeeds } from '../../core/poll-feeds.ts';
import type { PollEvent, PollSummary } from '../../core/poll-types.ts';
import type { Logger, Poster } from '../../core/ports.ts';
import { httpSources } from '../../wiring/http-sources.ts';
import { analyzerLoader, posterLoader } from '../../wiring/loaders.ts';
import { pollOptions } from '../../wiring/poll-options.ts';
import { cliLogger } from '../cli-logger.ts';
import { type CliIo, parseArgs } from '../io.ts';
import { loadConfig } from '../load-config.ts';
import { openStore } from '../open-store.ts';
import { renderPostText, renderSummaryText } from '../render-terminal.ts';

/** With no channel configured, the terminal stands in for one that takes human-rights stories. */
const TERMINAL_CHANNEL: ChannelConfig = {
  id: 'terminal',
  topics: ['human-rights'],
  kind: 'text',
  threads: false,
  mentions: [],
};
/** How many of a never-seen feed's newest items a dry run, or a poll with no channel, shows. */
const DRY_RUN_BACKFILL = 3;

/** With no channel configured, posts go to the terminal: the poll records what it showed, like any post. */
function terminalPoster(io: CliIo): Poster {
  return {
    async post(_channel, message) {
      io.progress('');
      io.out(`\n${renderPostText(message)}\n`);
      return { kind: 'posted', messageId: 'terminal' };
    },
  };
}

/** `herald poll [--config FILE] [--dry-run] [--json] [--verbose]` */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, options } = parseArgs(args, { flags: ['dry-run', 'json', 'verbose'], options: ['config'] });
  const { config, path } = await loadConfig(io.cwd, options.get('config'));
  const json = flags.has('json');
  const noChannels = config.channels.length === 0;
  const dryRun = flags.has('dry-run');
  if (noChannels && !json) {
    io.err(
      `No Discord channel is configured in ${path}, so the posts are shown here. What is shown is remembered ` +
        `in the store, so the next run shows only what is new.\n` +
        'To post to Discord, create herald.config.json with a channel, e.g.\n' +
        '  "channels": [{ "id": "rights", "webhookUrl": "https://discord.com/api/webhooks/<id>/<token>", "topics": ["human-rights"] }]\n',
    );
  }
  const logger = cliLogger(io, flags.has('verbose'));
  const summary = await pollOnce(config, io, logger, {
    dryRun,
    ...(noChannels
      ? {
          channels: [TERMINAL_CHANNEL],
          backfill: Math.max(config.firstRun.backfill, DRY_RUN_BACKFILL),
          loadPoster: async () => terminalPoster(json ? { ...io, out: () => {} } : io),
        }
      : {}),
    onEvent: json ? undefined : progressPrinter(io, config.feeds.length),
  });
  if (json) io.out(JSON.stringify(publicSummary(summary)));
  else {
    io.out(renderSummaryText(summary));
    if (summary.feedErrors > 0 && summary.feedErrors === summary.feeds - summary.skipped) {
      io.err('No feed could be read: check the network, or the feed URLs in the config.');
    }
  }
  return summary.feedErrors === summary.feeds - summary.skipped && summary.feeds > 0 ? 1 : 0;
}

/** One poll with the configured store, live HTTP and Discord. Shared by `poll` and `demo`. */
export async function pollOnce(
  config: HeraldConfig,
  io: CliIo,
  logger: Logger,
  extra: {
    dryRun: boolean;
    channels?: readonly ChannelConfig[];
    backfill?: number;
    loadPoster?: () => Promise<Poster>;
    onEvent?: (event: PollEvent) => void;
  },
): Promise<PollSummary> {
  const opened = await openStore(config, io.cwd);
  try {
    return await pollFeeds(
      {
        store: opened.store,
        ...httpSources(config, logger),
        loadAnalyzer: analyzerLoader(config),
        loadPoster: extra.loadPoster ?? posterLoader(config),
        clock: () => new Date(),
        logger,
        onEvent: extra.onEvent,
      },
      pollOptions(config, {
        dryRun: extra.dryRun,
        dryRunBackfill: DRY_RUN_BACKFILL,
        ...(extra.channels ? { channels: extra.channels } : {}),
        ...(extra.backfill !== undefined ? { backfill: extra.backfill } : {}),
      }),
    );
  } finally {
    await opened.close();
  }
}

/** The summary as DESIGN.md's CLI contract gives it. */
export function publicSummary(summary: PollSummary): Record<string, number> {
  const { feeds, notModified, newStories, matched, posted, failed, skipped, durationMs } = summary;
  return { feeds, notModified, newStories, matched, posted, failed, skipped, durationMs };
}

function progressPrinter(io: CliIo, feedCount: number): (event: PollEvent) => void {
  let feedsDone = 0;
  return (event) => {
    switch (event.type) {
      case 'feed':
        feedsDone++;
        io.progress(`feeds ${feedsDone}/${feedCount}: ${event.feedId} ${event.outcome}`);
        if (feedsDone === feedCount) io.progress('');
        return;
      case 'story':
        io.progress(`analyzed: ${event.title.slice(0, 70)}`);
        return;
      case 'preview':
        io.progress('');
        io.out(`\n${renderPostText(event.post)}\n`);
        return;
      case 'retry':
        io.progress(`waiting for its page: ${event.title.slice(0, 60)} (${event.reason})`);
        return;
      case 'delivery':
        // The terminal stands in for a channel: its posts are already on screen.
        if (event.channelId === TERMINAL_CHANNEL.id) return;
        io.progress('');
        io.out(
          `${event.outcome === 'posted' ? 'posted' : event.outcome}: ${event.key} -> #${event.channelId}${event.detail ? ` (${event.detail})` : ''}`,
        );
        return;
    }
  };
}
