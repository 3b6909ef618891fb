import { postForChannel, storyOfDelivery } from './channel-post.ts';
import type { ChannelConfig } from './config.ts';
import { errorDetail } from './describe-error.ts';
import { deliveryNonce } from './nonce.ts';
import type { PollDeps, PollOptions, PollSummary } from './poll-types.ts';
import type {
  ChannelState,
  DeliveryId,
  DeliveryRecord,
  Poster,
  StoryDelivery,
  StoryRecord,
} from './ports.ts';
import { renderAlert } from './render-post.ts';
import { toDelivery } from './story-record.ts';

const HOUR_MS = 3_600_000;
/** A broken channel is probed with one real post this long after it broke: few enough requests never to risk a ban. */
const BROKEN_PROBE_MS = 6 * HOUR_MS;
const DEFAULT_MAX_PER_POLL = 10;

/**
 * Claim, post, mark: the delivery of stories to channels, and its retries. A story's deliveries live in
 * its record, written once with the decision (the postable ones already claimed by this poll); the outbox
 * lists them first, so that a poll that stops anywhere leaves them findable. Posts per channel per poll
 * are capped; what is over the cap waits, pending and in order, for the next polls.
 */
export class DeliveryCycle {
  leftPending = 0;
  private poster?: Promise<Poster>;
  private readonly channels: Map<string, ChannelConfig>;
  /** Discord said stop (global 429): the rest of this poll's posts wait for the next poll. */
  private halted = false;
  /** Posts tried this poll, by channel, against `maxPerPoll`. */
  private readonly tried = new Map<string, number>();
  /** Outbox entries to drop at the end of the poll: one write for all of them. */
  private readonly settled: DeliveryId[] = [];
  /** Outbox entries already written this poll. */
  private readonly inOutbox = new Set<string>();

  constructor(
    private readonly deps: PollDeps,
    private readonly options: PollOptions,
    private readonly channelStates: Map<string, ChannelState>,
    private readonly summary: PollSummary,
  ) {
    this.channels = new Map(options.channels.map((c) => [c.id, c]));
  }

  /**
   * Makes these deliveries durable in the outbox before their story's record is written. Entries that are
   * already there this poll cost nothing; `ahead` are the deliveries of stories decided and queued after
   * this one, written in the same request, so a busy poll adds to its outbox a few times, not once a story.
   */
  async reserve(ids: readonly DeliveryId[], ahead: () => readonly DeliveryId[] = () => []): Promise<void> {
    if (!ids.some((id) => !this.inOutbox.has(deliveryKey(id)))) return;
    const adding = [...ids, ...ahead()].filter((id) => !this.inOutbox.has(deliveryKey(id)));
    await this.deps.store.addToOutbox(adding);
    for (const id of adding) this.inOutbox.add(deliveryKey(id));
  }

  /**
   * Records a decided story with its deliveries, then posts the ones this poll may post now. The caller has
   * reserved the outbox entries and added the digest entries. Returns false when another poll decided it.
   */
  async deliverNew(
    record: StoryRecord,
    postTo: readonly string[],
    digestTo: readonly string[],
  ): Promise<boolean> {
    const now = this.deps.clock().getTime();
    const deliveries: Record<string, StoryDelivery> = {};
    const claimed: string[] = [];
    for (const channelId of postTo) {
      // A delivery to a resting or capped channel is created unclaimed: it waits without spending an attempt.
      const postable = this.canPost(channelId) && this.takeTurn(channelId);
      deliveries[channelId] = this.newDelivery({ storyKey: record.key, channelId }, now, postable);
      if (postable) claimed.push(channelId);
      else this.leftPending++;
    }
    for (const channelId of digestTo)
      deliveries[channelId] = {
        ...this.newDelivery({ storyKey: record.key, channelId }, now, false),
        digest: true,
      };
    const full: StoryRecord = Object.keys(deliveries).length ? { ...record, deliveries } : record;
    if (!(await this.deps.store.recordStory(full))) {
      this.leftPending -= postTo.length - claimed.length;
      return false;
    }
    for (const channelId of claimed) await this.post(toDelivery(full, channelId));
    return true;
  }

  /** Deliveries that an earlier poll left pending, oldest first. */
  async retryOutbox(ids: DeliveryId[]): Promise<void> {
    const { store, clock, logger } = this.deps;
    for (const id of ids) this.inOutbox.add(deliveryKey(id));
    let records: DeliveryRecord[];
    try {
      records = await store.getDeliveries(ids);
    } catch (error) {
      logger.error('reading pending deliveries failed', { error: errorDetail(error) });
      return;
    }
    const found = new Set(records.map(deliveryKey));
    const orphans = ids.filter((id) => !found.has(deliveryKey(id)));
    this.settled.push(...records.filter((r) => r.status !== 'pending').map(toId));
    if (orphans.length) this.settled.push(...(await this.staleOrphans(orphans)));
    const pending = records
      .filter((r) => r.status === 'pending' && !r.digest)
      .sort((a, b) => (a.publishedAt ?? a.createdAt).localeCompare(b.publishedAt ?? b.createdAt));
    for (const record of pending) {
      if (this.pastDeadline()) {
        this.leftPending++;
        continue;
      }
      // A channel taken out of the config can never receive it: say so, rather than carry it forever.
      if (!this.channels.has(record.channelId)) {
        await this.fail(record, `channel ${record.channelId} is no longer configured`).catch(
          (error: unknown) => {
            logger.warn('could not fail a delivery', { ...toId(record), error: errorDetail(error) });
          },
        );
        continue;
      }
      const now = clock().getTime();
      // A lease still held, or a channel that is resting or capped: leave it without spending an attempt.
      if (record.leaseUntil > now || !this.canPost(record.channelId) || !this.takeTurn(record.channelId)) {
        this.leftPending++;
        continue;
      }
      try {
        if (record.attempts >= this.options.maxAttempts) {
          await this.fail(record, record.lastError ?? 'too many attempts');
          continue;
        }
        const claimed = await store.claimDelivery(toId(record), now, now + this.options.leaseSeconds * 1000);
        if (claimed) await this.post(claimed);
      } catch (error) {
        this.summary.failed++;
        this.leftPending++;
        logger.error('retrying a delivery failed', { ...toId(record), error: errorDetail(error) });
      }
    }
  }

  /** Drops the posted and failed deliveries of this poll from the outbox, in one write. */
  async finish(): Promise<void> {
    if (!this.settled.length) return;
    await this.deps.store.removeFromOutbox(this.settled.splice(0)).catch((error: unknown) => {
      // Harmless: the next poll finds them done and drops them then.
      this.deps.logger.warn('could not tidy the outbox', { error: errorDetail(error) });
    });
  }

  /** False while Discord asked this poll to stop, or while a broken channel waits for its probe. */
  private canPost(channelId: string): boolean {
    if (this.halted || !this.channels.has(channelId) || this.pastDeadline()) return false;
    const health = this.channelStates.get(channelId);
    return !(health?.health === 'broken' && Date.parse(health.probeAt ?? '') > this.deps.clock().getTime());
  }

  /** Counts a post against the channel's cap for this poll; false when the cap is reached. */
  private takeTurn(channelId: string): boolean {
    const used = this.tried.get(channelId) ?? 0;
    if (used >= (this.options.maxPerPoll ?? DEFAULT_MAX_PER_POLL)) return false;
    this.tried.set(channelId, used + 1);
    return true;
  }

  private pastDeadline(): boolean {
    return this.options.deadline !== undefined && this.deps.clock().getTime() >= this.options.deadline;
  }

  /**
   * Outbox ids with no delivery. One is in flight (another poll added it and is writing the story) or left
   * by a poll that stopped before writing the story; then its story is undecided and comes back through its
   * feed. Only an id whose story has since been decided without that delivery is stale. A story's record
   * holds its deliveries, so one read tells.
   */
  private async staleOrphans(orphans: DeliveryId[]): Promise<DeliveryId[]> {
    const { store, logger } = this.deps;
    try {
      const stories = await store.getStories(orphans.map((o) => o.storyKey));
      return orphans.filter((o) => {
        const story = stories.get(o.storyKey);
        return story !== undefined && story.decision !== 'retrying' && !story.deliveries?.[o.channelId];
      });
    } catch (error) {
      logger.warn('could not check outbox entries without a delivery', { error: errorDetail(error) });
      return [];
    }
  }

  private newDelivery(id: DeliveryId, now: number, claimed: boolean): StoryDelivery {
    return {
      status: 'pending',
      attempts: claimed ? 1 : 0,
      leaseUntil: claimed ? now + this.options.leaseSeconds * 1000 : 0,
      nonce: deliveryNonce(id),
      createdAt: new Date(now).toISOString(),
    };
  }

  private target(channel: ChannelConfig) {
    return { id: channel.id, kind: channel.channelId ? ('bot' as const) : ('webhook' as const) };
  }

  private async post(record: DeliveryRecord): Promise<void> {
    const { store, logger, clock } = this.deps;
    const channel = this.channels.get(record.channelId);
    const health = this.channelStates.get(record.channelId);
    if (!channel || !this.canPost(record.channelId)) {
      await store.releaseDelivery(toId(record), health?.reason ?? 'not posted this poll');
      this.leftPending++;
      return;
    }
    // The lease may have run out while earlier posts were slow: then claim it again, or leave it.
    if (clock().getTime() >= record.leaseUntil) {
      const now = clock().getTime();
      const reclaimed = await store.claimDelivery(toId(record), now, now + this.options.leaseSeconds * 1000);
      if (!reclaimed) return;
      record = reclaimed;
    }
    this.poster ??= this.deps.loadPoster();
    const poster = await this.poster;
    const message = postForChannel(record.message, channel, storyOfDelivery(record));
    const outcome = await poster.post(this.target(channel), message, { nonce: record.nonce });
    const id = toId(record);
    this.deps.onEvent?.({
      type: 'delivery',
      key: record.storyKey,
      channelId: record.channelId,
      outcome: outcome.kind,
      detail: 'reason' in outcome ? outcome.reason : undefined,
    });
    switch (outcome.kind) {
      case 'posted':
        if (outcome.note) logger.warn('posted, with a note', { ...id, note: outcome.note });
        // After the post: at worst a posted delivery stays marked pending and is retried after its lease,
        // the one duplicate the design allows; the bot path's nonce stops even that one.
        await store.markPosted(id, outcome.messageId, clock().toISOString());
        this.settled.push(id);
        this.summary.posted++;
        if (health?.health === 'broken') await this.recovered(id.channelId);
        return;
      case 'retry':
        this.summary.failed++;
        logger.warn('post will be retried', { ...id, attempts: record.attempts, reason: outcome.reason });
        if (record.attempts >= this.options.maxAttempts) return this.fail(record, outcome.reason);
        if (outcome.global) this.halted = true;
        await store.releaseDelivery(id, outcome.reason);
        this.leftPending++;
        return;
      case 'rejected':
        this.summary.failed++;
        logger.error('Discord rejected the post', { ...id, reason: outcome.reason });
        return this.fail(record, outcome.reason);
      case 'broken':
        this.summary.failed++;
        return this.broken(id, outcome.reason, health);
    }
  }

  private async broken(id: DeliveryId, reason: string, health: ChannelState | undefined): Promise<void> {
    const { store, logger, clock } = this.deps;
    const at = clock();
    const probeAt = new Date(at.getTime() + BROKEN_PROBE_MS).toISOString();
    logger.error('channel is broken; nothing more is sent to it until a probe', {
      channelId: id.channelId,
      reason,
      probeAt,
    });
    const state: ChannelState = {
      channelId: id.channelId,
      health: 'broken',
      reason,
      since: health?.health === 'broken' ? health.since : at.toISOString(),
      probeAt,
    };
    this.channelStates.set(id.channelId, state);
    await store.saveChannelState(state);
    await store.releaseDelivery(id, reason);
    this.leftPending++;
    if (health?.health !== 'broken') {
      await this.alert(
        `Channel ${id.channelId} is broken (${reason}). Herald stops posting to it and will try once more at ${probeAt}; its stories wait as pending deliveries.`,
      );
    }
  }

  private async recovered(channelId: string): Promise<void> {
    const state: ChannelState = { channelId, health: 'ok', since: this.deps.clock().toISOString() };
    this.channelStates.set(channelId, state);
    await this.deps.store.saveChannelState(state);
    this.deps.logger.info('channel works again', { channelId });
  }

  /** Logs an operational alert and posts it to the alerts channel, once, without retries. */
  async alert(text: string): Promise<void> {
    this.deps.logger.error('alert', { text });
    const channelId = this.options.alerts?.channel;
    const channel = channelId ? this.channels.get(channelId) : undefined;
    if (!channel || !this.canPost(channel.id)) return;
    try {
      this.poster ??= this.deps.loadPoster();
      const poster = await this.poster;
      const nonce = deliveryNonce({ storyKey: text, channelId: channel.id });
      const alert = postForChannel(renderAlert(text), channel, { title: text, topics: [] });
      const outcome = await poster.post(this.target(channel), alert, { nonce });
      if (outcome.kind !== 'posted')
        this.deps.logger.warn('alert not posted', { channelId: channel.id, reason: outcome.reason });
    } catch (error) {
      this.deps.logger.warn('alert not posted', { channelId: channel.id, error: errorDetail(error) });
    }
  }

  private async fail(record: DeliveryRecord, reason: string): Promise<void> {
    const id = toId(record);
    await this.deps.store.markFailed(id, reason, this.deps.clock().toISOString());
    this.settled.push(id);
    this.summary.deliveriesFailed++;
    this.deps.logger.error('delivery failed for good', { ...id, attempts: record.attempts, reason });
  }
}

function toId(record: DeliveryId): DeliveryId {
  return { storyKey: record.storyKey, channelId: record.channelId };
}

function deliveryKey(id: DeliveryId): string {
  return `${id.channelId}\n${id.storyKey}`;
}
