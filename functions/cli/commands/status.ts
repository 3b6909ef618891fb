import type { ChannelState, DeliveryRecord, FeedState } from '../../core/ports.ts';
import { type CliIo, parseArgs } from '../io.ts';
import { loadConfig } from '../load-config.ts';
import { openStore } from '../open-store.ts';

const LIST_LIMIT = 50;

/** `herald status [--config FILE] [--json]`: feed health, and pending, failed and broken deliveries and channels. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, options } = parseArgs(args, { flags: ['json'], options: ['config'] });
  const { config } = await loadConfig(io.cwd, options.get('config'));
  const opened = await openStore(config, io.cwd);
  try {
    const [feedStates, channelStates, pending, failed] = await Promise.all([
      opened.store.listFeedStates(),
      opened.store.listChannelStates(),
      opened.store.listDeliveries('pending', LIST_LIMIT),
      opened.store.listDeliveries('failed', LIST_LIMIT),
    ]);
    const byId = new Map(feedStates.map((s) => [s.feedId, s]));
    const feeds = config.feeds.map((feed) => feedStatus(feed.id, byId.get(feed.id)));
    const channelIds = new Set(config.channels.map((c) => c.id));
    const channels = [...config.channels.map((c) => c.id)].map((id) => {
      const state = channelStates.find((s) => s.channelId === id);
      return { id, health: state?.health ?? 'ok', reason: state?.reason, since: state?.since };
    });
    const report = {
      store: opened.where,
      feeds,
      channels,
      deliveries: { pending: pending.map(delivery), failed: failed.map(delivery) },
      unknownChannels: channelStates
        .filter((s: ChannelState) => !channelIds.has(s.channelId))
        .map((s) => s.channelId),
    };
    if (flags.has('json')) {
      io.out(JSON.stringify(report));
      return 0;
    }
    io.out(`State: ${report.store}\n\nFeeds:`);
    for (const f of feeds) {
      const health = f.consecutiveFailures
        ? `FAILING x${f.consecutiveFailures}`
        : f.lastSuccessAt
          ? 'ok'
          : 'never polled';
      io.out(
        `  ${f.id.padEnd(20)} ${health.padEnd(14)} last success ${f.lastSuccessAt ?? '-'}  items ${f.itemsSeen}` +
          `${f.lastError ? `\n  ${''.padEnd(20)} last error ${f.lastErrorAt}: ${f.lastError}` : ''}` +
          `${f.nextPollAt ? `\n  ${''.padEnd(20)} backing off until ${f.nextPollAt}` : ''}`,
      );
    }
    io.out('\nChannels:');
    if (!channels.length) io.out('  (none configured)');
    for (const c of channels)
      io.out(`  ${c.id.padEnd(20)} ${c.health}${c.reason ? ` since ${c.since}: ${c.reason}` : ''}`);
    io.out(`\nPending deliveries: ${pending.length}${pending.length === LIST_LIMIT ? '+' : ''}`);
    for (const d of report.deliveries.pending)
      io.out(`  ${d.storyKey} -> #${d.channelId}  attempts ${d.attempts}  ${d.lastError ?? ''}`);
    io.out(`Failed deliveries: ${failed.length}${failed.length === LIST_LIMIT ? '+' : ''}`);
    for (const d of report.deliveries.failed)
      io.out(`  ${d.storyKey} -> #${d.channelId}  attempts ${d.attempts}  ${d.lastError ?? ''}`);
    return 0;
  } finally {
    await opened.close();
  }
}

function feedStatus(id: string, state: FeedState | undefined) {
  return {
    id,
    lastSuccessAt: state?.lastSuccessAt,
    lastErrorAt: state?.lastErrorAt,
    lastError: state?.lastError,
    consecutiveFailures: state?.consecutiveFailures ?? 0,
    itemsSeen: state?.itemsSeen ?? 0,
    nextPollAt: state?.nextPollAt,
    seededAt: state?.seededAt,
  };
}

function delivery(d: DeliveryRecord) {
  return {
    storyKey: d.storyKey,
    channelId: d.channelId,
    title: d.message.embeds[0]?.title,
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: d.createdAt,
  };
}
