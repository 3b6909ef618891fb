// The local stand-ins, in a process of their own (forked by local-env.ts). In production VOA, Discord and
// DynamoDB do their work on other machines; here they would otherwise share the bench's event loop and
// slow down whatever it measures. The bench drives them over IPC.

import { startDiscordStandIn } from '../functions/local/discord-stand-in.ts';
import type { Fault } from '../functions/local/feed-server.ts';
import { startFeedServer } from '../functions/local/feed-server.ts';
import { startSqsStandIn } from '../functions/local/sqs-stand-in.ts';
import type { SampleStory } from '../functions/local/voa-pages.ts';
import { startDynalite } from '../test/support/dynalite.ts';

export interface HostInfo {
  feedsBaseUrl: string;
  discordApiBase: string;
  dynamoEndpoint: string;
  sqsEndpoint: string;
  queueUrl: string;
}

export interface FeedCounts {
  feeds: number;
  conditional: number;
  notModified: number;
  articles: number;
}

/** What the bench may ask the host. */
export interface HostCalls {
  setStories(feeds: Array<[string, SampleStory[]]>): void;
  setFaults(feedIds: string[], fault: Fault | undefined): void;
  setRestamp(feedIds: string[], on: boolean): void;
  feedMark(): number;
  feedCountsSince(mark: number): FeedCounts;
  webhookUrl(id: string): string;
  discordMessages(): number;
  sqsRequests(): number;
  receiveEvents(batchSize: number): unknown[];
  close(): void;
}

export interface HostRequest {
  id: number;
  method: keyof HostCalls;
  args: unknown[];
}

export type HostReply = { id: number; result?: unknown; error?: string } | { ready: HostInfo };

async function main(): Promise<void> {
  const articleDelayMs = Number(process.argv[2] ?? 0);
  const [feeds, discord, dynamo, sqs] = await Promise.all([
    startFeedServer({ articleDelayMs }),
    startDiscordStandIn(),
    startDynalite(),
    startSqsStandIn(),
  ]);
  const send = (reply: HostReply) => process.send?.(reply);
  const calls: HostCalls = {
    setStories: (entries) => {
      for (const [id, stories] of entries) feeds.setStories(id, stories);
    },
    setFaults: (ids, fault) => {
      for (const id of ids) feeds.setFault(id, fault);
    },
    setRestamp: (ids, on) => {
      for (const id of ids) feeds.setRestamp(id, on);
    },
    feedMark: () => feeds.requests.length,
    feedCountsSince: (mark) => {
      const requests = feeds.requests.slice(mark);
      const feedRequests = requests.filter((r) => r.path.startsWith('/api/'));
      return {
        feeds: feedRequests.length,
        conditional: feedRequests.filter((r) => r.conditional).length,
        notModified: feedRequests.filter((r) => r.status === 304).length,
        articles: requests.length - feedRequests.length,
      };
    },
    webhookUrl: (id) => discord.webhookUrl(id),
    discordMessages: () => discord.messages.length,
    sqsRequests: () => sqs.requests.length,
    receiveEvents: (batchSize) => sqs.receiveEvents(batchSize),
    close: () => {
      void Promise.all([feeds.close(), discord.close(), dynamo.stop(), sqs.close()]).then(() =>
        process.exit(0),
      );
    },
  };
  process.on('message', (message: HostRequest) => {
    try {
      const call = calls[message.method] as (...args: unknown[]) => unknown;
      send({ id: message.id, result: call(...message.args) });
    } catch (error) {
      send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // Orphaned (the bench died): stop too.
  process.on('disconnect', () => process.exit(0));
  send({
    ready: {
      feedsBaseUrl: feeds.baseUrl,
      discordApiBase: discord.apiBase,
      dynamoEndpoint: dynamo.endpoint,
      sqsEndpoint: sqs.endpoint,
      queueUrl: sqs.queueUrl(),
    },
  });
}

void main();
