import type { ChannelConfig } from './config.ts';
import { errorDetail } from './describe-error.ts';
import { deliveryNonce as nonceFor } from './nonce.ts';
import type { PollDeps, PollOptions, PollSummary } from './poll-types.ts';
import type { ChannelState, DeliveryId, DeliveryRecord, Poster } from './ports.ts';
import { type OutgoingPost, renderAlert } from './render-post.ts';
import type { FeedItem } from './story.ts';
import { storyRecord } from './story-record.ts';

const HOUR_MS = 3_600_000;
const DAY_S = 86_400;
/** A broken channel is probed with one real post this long after it broke: few enough requests never to risk a ban. */
const BROKEN_PROBE_MS = 6 * HOUR_MS;

/** Claim, post, mark: the delivery of one story to one channel, and its retries. */
export class DeliveryCycle {
  leftPending = 0;
  private poster?: Promise<Poster>;
  private readonly channels: Map<string, ChannelConfig>;
  /** Discord said stop (global 429): the rest of this poll's posts wait for the next poll. */
  private halted = false;

  constructor(
    private readonly deps: PollDeps,
    private readonly options: PollOptions,
    private readonly channelStates: Map<string, ChannelState>,
    private readonly summary: PollSummary,
  ) {
    this.channels = new Map(options.channels.map((c) => [c.id, c]));
  }

  /** A story's deliveries become durable (outbox, then claimed records) before its decision is recorded. */
  async deliverNew(
    item: FeedItem,
    post: OutgoingPost,
    channels: ChannelConfig[],
    topics: string[],
  ): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock().getTime();
    const ids = channels.map((c) => ({ storyKey: item.key, channelId: c.id }));
    // The outbox entry and the delivery may be written side by side: if only the delivery lands, the
    // story is still undecided, so the next poll meets it again and adds the entry.
    const [, claimed] = await Promise.all([
      ids.length ? store.addToOutbox(ids) : undefined,
      this.createDeliveries(ids, item, post, now),
    ]);
    const decision = channels.length ? 'matched' : 'unmatched';
    const record = storyRecord(
      item,
      decision,
      topics,
      channels.map((c) => c.id),
      now,
      this.options,
    );
    await store.recordStory(record);
    for (const d of claimed) await this.post(d);
  }

  /** Creates a story's deliveries, claimed by this poll where it may post now. */
  private async createDeliveries(
    ids: DeliveryId[],
    item: FeedItem,
    post: OutgoingPost,
    now: number,
  ): Promise<DeliveryRecord[]> {
    const { store } = this.deps;
    const claimed: DeliveryRecord[] = [];
    for (const id of ids) {
      // A delivery to a resting channel is created unclaimed: it waits without spending an attempt.
      const postable = this.canPost(id.channelId);
      const record = this.newRecord(id, item, post, now, postable);
      if (await store.createDelivery(record)) {
        if (postable) claimed.push(record);
        else this.leftPending++;
      } else if (postable) {
        // Another poll (or an earlier, interrupted one) created it: claim it like any pending delivery.
        const existing = await store.claimDelivery(id, now, now + this.options.leaseSeconds * 1000);
        if (existing) claimed.push(existing);
      }
    }
    return claimed;
  }

  /** Deliveries that an earlier poll left pending, oldest first. */
  async retryOutbox(ids: DeliveryId[]): Promise<void> {
    const { store, clock, logger } = this.deps;
    let records: DeliveryRecord[];
    try {
      records = await store.getDeliveries(ids);
    } catch (error) {
      logger.error('reading pending deliveries failed', { error: errorDetail(error) });
      return;
    }
    const found = new Set(records.map(deliveryKey));
    const done = records.filter((r) => r.status !== 'pending').map(toId);
    const orphans = ids.filter((id) => !found.has(deliveryKey(id)));
    const stale = [...done, ...(orphans.length ? await this.staleOrphans(orphans) : [])];
    if (stale.length) {
      await store.removeFromOutbox(stale).catch((error: unknown) => {
        logger.warn('could not tidy the outbox', { error: errorDetail(error) });
      });
    }
    const pending = records
      .filter((r) => r.status === 'pending')
      .sort((a, b) => (a.publishedAt ?? a.createdAt).localeCompare(b.publishedAt ?? b.createdAt));
    for (const record of pending) {
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
      // A lease still held, or a channel that is resting: leave it without spending an attempt.
      if (record.leaseUntil > now || !this.canPost(record.channelId)) {
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

  /** False while Discord asked this poll to stop, or while a broken channel waits for its probe. */
  private canPost(channelId: string): boolean {
    if (this.halted || !this.channels.has(channelId)) return false;
    const health = this.channelStates.get(channelId);
    return !(health?.health === 'broken' && Date.parse(health.probeAt ?? '') > this.deps.clock().getTime());
  }

  /**
   * Outbox ids with no record. One is in flight (another poll added it and is creating the record) or
   * left by a poll that stopped before creating it; then its story is undecided and comes back through
   * its feed. Only an id whose story has since been decided, and that still has no record, is stale.
   */
  private async staleOrphans(orphans: DeliveryId[]): Promise<DeliveryId[]> {
    const { store, logger } = this.deps;
    try {
      const decided = await store.getStories(orphans.map((o) => o.storyKey));
      const candidates = orphans.filter((o) => decided.has(o.storyKey));
      if (!candidates.length) return [];
      // A poll records a story only after creating its deliveries: read again, so that a delivery created
      // between the two reads is not mistaken for one that never will be.
      const created = new Set((await store.getDeliveries(candidates)).map(deliveryKey));
      return candidates.filter((o) => !created.has(deliveryKey(o)));
    } catch (error) {
      logger.warn('could not check outbox entries without a delivery', { error: errorDetail(error) });
      return [];
    }
  }

  private newRecord(
    id: DeliveryId,
    item: FeedItem,
    message: OutgoingPost,
    now: number,
    claimed: boolean,
  ): DeliveryRecord {
    return {
      ...id,
      status: 'pending',
      attempts: claimed ? 1 : 0,
      leaseUntil: claimed ? now + this.options.leaseSeconds * 1000 : 0,
      message,
      nonce: nonceFor(id),
      createdAt: new Date(now).toISOString(),
      publishedAt: item.published?.toISOString(),
      expiresAt: Math.ceil(now / 1000) + 30 * DAY_S,
    };
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
    const target = { id: channel.id, kind: channel.channelId ? ('bot' as const) : ('webhook' as const) };
    const outcome = await poster.post(target, record.message, { nonce: record.nonce });
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
        // Both after the post, in either order: at worst a posted delivery stays marked pending, never
        // to be retried once it has left the outbox; it is never posted twice.
        await Promise.all([
          store.markPosted(id, outcome.messageId, clock().toISOString()),
          store.removeFromOutbox([id]),
        ]);
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
      case 'broken': {
        this.summary.failed++;
        const at = clock();
        const probeAt = new Date(at.getTime() + BROKEN_PROBE_MS).toISOString();
        logger.error('channel is broken; nothing more is sent to it until a probe', {
          channelId: id.channelId,
          reason: outcome.reason,
          probeAt,
        });
        const state: ChannelState = {
          channelId: id.channelId,
          health: 'broken',
          reason: outcome.reason,
          since: health?.health === 'broken' ? health.since : at.toISOString(),
          probeAt,
        };
        this.channelStates.set(id.channelId, state);
        await store.saveChannelState(state);
        await store.releaseDelivery(id, outcome.reason);
        this.leftPending++;
        if (health?.health !== 'broken') {
          await this.alert(
            `Channel ${id.channelId} is broken (${outcome.reason}). Herald stops posting to it and will try once more at ${probeAt}; its stories wait as pending deliveries.`,
          );
        }
        return;
      }
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
      const target = { id: channel.id, kind: channel.channelId ? ('bot' as const) : ('webhook' as const) };
      const nonce = nonceFor({ storyKey: text, channelId: channel.id });
      const outcome = await poster.post(target, renderAlert(text), { nonce });
      if (outcome.kind !== 'posted')
        this.deps.logger.warn('alert not posted', { channelId: channel.id, reason: outcome.reason });
    } catch (error) {
      this.deps.logger.warn('alert not posted', { channelId: channel.id, error: errorDetail(error) });
    }
  }

  private async fail(record: DeliveryRecord, reason: string): Promise<void> {
    const id = toId(record);
    await this.deps.store.markFailed(id, reason, this.deps.clock().toISOString());
    await this.deps.store.removeFromOutbox([id]);
    this.deps.logger.error('delivery failed for good', { ...id, attempts: record.attempts, reason });
  }
}

function toId(record: DeliveryId): DeliveryId {
  return { storyKey: record.storyKey, channelId: record.channelId };
}

function deliveryKey(id: DeliveryId): string {
  return `${id.channelId}\n${id.storyKey}`;
}
