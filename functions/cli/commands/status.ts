import { isStale } from '../../core/feed-staleness.ts';
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
    const [feedStates, channelStates, pending, failed, issues] = await Promise.all([
      opened.store.listFeedStates(),
      opened.store.listChannelStates(),
      opened.store.listDeliveries('pending', LIST_LIMIT),
      opened.store.listDeliveries('failed', LIST_LIMIT),
      opened.store.listStoryIssues(LIST_LIMIT),
    ]);
    const byId = new Map(feedStates.map((s) => [s.feedId, s]));
    const now = Date.now();
    const feeds = config.feeds.map((feed) =>
      feedStatus(feed.id, byId.get(feed.id), now, config.alerts.staleDays),
    );
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
      stories: {
        waitingForPage: issues.retrying.map((story) => ({
          key: story.key,
          title: story.title,
          attempts: story.retry?.attempts ?? 0,
          lastError: story.retry?.lastError,
          nextTryAt: story.retry ? new Date(story.retry.nextTryAt).toISOString() : undefined,
        })),
        fromDescription: issues.fromDescription.map((story) => ({
          key: story.key,
          title: story.title,
          decidedAt: story.decidedAt,
          why: story.fromDescription,
        })),
      },
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
        : !f.lastSuccessAt
          ? 'never polled'
          : f.stale
            ? 'STALE'
            : 'ok';
      io.out(
        `  ${f.id.padEnd(20)} ${health.padEnd(14)} last success ${f.lastSuccessAt ?? '-'}  items ${f.itemsSeen}  newest item ${f.newestItemAt ?? '-'}` +
          `${f.lastError ? `\n  ${''.padEnd(20)} last error ${f.lastErrorAt}: ${f.lastError}` : ''}` +
          `${f.nextPollAt ? `\n  ${''.padEnd(20)} backing off until ${f.nextPollAt}` : ''}`,
      );
    }
    if (feeds.some((f) => f.stale))
      io.out(
        `\n  A stale feed's newest item is older than ${config.alerts.staleDays} days (alerts.staleDays): the site may have stopped updating it. See the README, "Stale feeds".`,
      );
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
    const { waitingForPage, fromDescription } = report.stories;
    io.out(`\nStories waiting for their page: ${waitingForPage.length}`);
    for (const s of waitingForPage)
      io.out(`  ${s.key}  tries ${s.attempts}, next ${s.nextTryAt ?? '-'}: ${s.lastError ?? ''}`);
    io.out(`Stories decided from their RSS description: ${fromDescription.length}`);
    for (const s of fromDescription) io.out(`  ${s.key}  ${s.decidedAt}: ${s.why ?? ''}`);
    return 0;
  } finally {
    await opened.close();
  }
}

function feedStatus(id: string, state: FeedState | undefined, now: number, staleDays: number) {
  return {
    id,
    newestItemAt: state?.newestItemAt ?? null,
    stale: isStale(state?.newestItemAt, now, staleDays),
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
