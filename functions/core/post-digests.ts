import { postForChannel } from './channel-post.ts';
import type { ChannelConfig } from './config.ts';
import { errorDetail } from './describe-error.ts';
import { hash64 } from './hash.ts';
import { deliveryNonce } from './nonce.ts';
import type { Clock, DigestStore, Logger, PollStore, Poster, StoryRecord } from './ports.ts';
import { type DigestEntry, renderDigest } from './render-digest.ts';
import type { OutgoingPost } from './render-post.ts';

export interface DigestDeps {
  store: DigestStore & Pick<PollStore, 'getStories' | 'markPosted'>;
  /** Loaded when a digest has something to post. */
  loadPoster: () => Promise<Poster>;
  clock: Clock;
  logger: Logger;
  onPreview?: (channelId: string, post: OutgoingPost) => void;
}

export interface DigestOptions {
  channels: readonly ChannelConfig[];
  /** Only these digest channels; all of them by default. */
  only?: readonly string[];
  /** How long a run's claim on a channel's digest blocks another run. */
  leaseSeconds: number;
  /** Render the digests; write nothing and post nothing. */
  dryRun?: boolean;
}

/** `herald digest --json`: digest channels handled, stories posted in digests, messages posted. */
export interface DigestSummary {
  channels: number;
  stories: number;
  posted: number;
  failed: number;
}

/**
 * Posts each digest channel's waiting matches now, as one message (several when Discord's limits demand
 * it) listing every story with its linked title, a line of summary and its top quote's speaker. A run
 * claims the channel's digest first, so two runs never post the same digest; its stories are marked posted
 * message by message and then leave the digest, so a second run right after posts nothing. A run that
 * stops between a post and its marks posts those stories once more after the claim's lease, at most.
 */
export async function postDigests(deps: DigestDeps, options: DigestOptions): Promise<DigestSummary> {
  const { store, clock, logger } = deps;
  const channels = options.channels.filter((c) => c.digest && (!options.only || options.only.includes(c.id)));
  const summary: DigestSummary = { channels: channels.length, stories: 0, posted: 0, failed: 0 };
  let poster: Promise<Poster> | undefined;
  for (const channel of channels) {
    const now = clock().getTime();
    try {
      if (!options.dryRun && !(await store.claimDigest(channel.id, now, now + options.leaseSeconds * 1000))) {
        logger.warn('another digest run holds this channel; skipped', { channelId: channel.id });
        continue;
      }
      const keys = (await store.loadDigests([channel.id])).get(channel.id) ?? [];
      const stories = keys.length ? await store.getStories(keys) : new Map<string, StoryRecord>();
      const waiting = [...stories.values()]
        .filter((s) => s.deliveries?.[channel.id]?.digest && s.deliveries[channel.id]?.status === 'pending')
        .sort((a, b) => (a.published ?? a.decidedAt).localeCompare(b.published ?? b.decidedAt));
      // Decided without a waiting delivery here (posted, or matched no topic of this channel): tidied away.
      const done = keys.filter((k) => {
        const story = stories.get(k);
        return story !== undefined && story.decision !== 'retrying' && !waiting.includes(story);
      });
      const posted: string[] = [];
      const messages = renderDigest(waiting.map(entryOf), {
        heading: `Herald digest · ${channel.name ?? `#${channel.id}`}`,
        at: clock(),
      });
      for (const message of messages) {
        const included = message.entries.map((i) => waiting[i] as StoryRecord);
        if (options.dryRun) {
          deps.onPreview?.(channel.id, message.post);
          summary.stories += included.length;
          continue;
        }
        poster ??= deps.loadPoster();
        const target = { id: channel.id, kind: channel.channelId ? ('bot' as const) : ('webhook' as const) };
        const nonce = deliveryNonce({
          storyKey: `digest:${hash64(included.map((s) => s.key).join('\n'))}`,
          channelId: channel.id,
        });
        const heading = message.post.embeds[0]?.title ?? 'Herald digest';
        const post = postForChannel(message.post, channel, { title: heading, topics: [] });
        const outcome = await (await poster).post(target, post, { nonce });
        if (outcome.kind !== 'posted') {
          summary.failed++;
          logger.error('digest not posted; its stories wait for the next run', {
            channelId: channel.id,
            reason: outcome.reason,
          });
          break;
        }
        const at = clock().toISOString();
        for (const story of included) {
          await store.markPosted({ storyKey: story.key, channelId: channel.id }, outcome.messageId, at);
          posted.push(story.key);
        }
        summary.posted++;
        summary.stories += included.length;
      }
      if (!options.dryRun) await store.finishDigest(channel.id, [...posted, ...done], clock().toISOString());
    } catch (error) {
      summary.failed++;
      logger.error('digest failed', { channelId: channel.id, error: errorDetail(error) });
    }
  }
  logger.info('digests finished', { ...summary });
  return summary;
}

function entryOf(story: StoryRecord): DigestEntry {
  return {
    title: story.title,
    url: story.url,
    summary: story.digestLine?.summary ?? '',
    ...(story.digestLine?.speaker ? { speaker: story.digestLine.speaker } : {}),
  };
}
