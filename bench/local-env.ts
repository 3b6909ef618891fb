import { fork } from 'node:child_process';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import type { DynamoClient } from '../functions/adapters/dynamo-client.ts';
import { createDynamoStateStore } from '../functions/adapters/dynamo-state-store.ts';
import { createLocalClient, ensureTable } from '../functions/adapters/embedded-dynamo.ts';
import { createLocalDynamoClient } from '../functions/adapters/local-dynamo-client.ts';
import { type ConfigInput, type HeraldConfig, parseConfig } from '../functions/core/config.ts';
import type { PollDeps } from '../functions/core/poll-types.ts';
import type { Logger, StateStore } from '../functions/core/ports.ts';
import type { Fault } from '../functions/local/feed-server.ts';
import type { SampleStory } from '../functions/local/voa-pages.ts';
import { httpSources } from '../functions/wiring/http-sources.ts';
import { analyzerLoader, posterLoader } from '../functions/wiring/loaders.ts';
import type { FeedCounts, HostCalls, HostInfo, HostReply, HostRequest } from './servers-host.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Keeps the bench on this machine. The SDK and Herald's DynamoDB client get a region, dummy credentials
 * and no metadata service, so they never look for an account; every endpoint the bench configures is on
 * 127.0.0.1; and `fetch` (feeds, articles, DynamoDB) refuses any other host, so a mistake fails loudly
 * instead of reaching the internet.
 */
export function stayOnLoopback(): void {
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_PROFILE', 'AWS_ROLE_ARN'])
    delete process.env[key];
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // The handlers' Powertools logs and metrics would drown the table.
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!LOOPBACK.has(url.hostname)) throw new Error(`bench: refused a request beyond loopback: ${url.host}`);
    return realFetch(input, init);
  };
}

/**
 * The local stand-ins every section uses: VOA (articles served with 50 ms latency), Discord, dynalite and
 * SQS. They run in a child process (servers-host.ts), as the real services run elsewhere; this process
 * reaches them over loopback and steers them over IPC.
 */
export interface LocalServers {
  feeds: {
    baseUrl: string;
    feedUrl(feedId: string): string;
    setStories(entries: Array<[string, SampleStory[]]>): Promise<void>;
    setFaults(feedIds: string[], fault: Fault | undefined): Promise<void>;
    /** Serves these feeds with no validators and a new lastBuildDate on every request (so never a 304). */
    setRestamp(feedIds: string[], on: boolean): Promise<void>;
    /** Marks the request log; `countsSince` counts the requests after the mark. */
    mark(): Promise<number>;
    countsSince(mark: number): Promise<FeedCounts>;
  };
  discord: {
    apiBase: string;
    /** The webhook of the bench's one channel. */
    webhookUrl: string;
    messages(): Promise<number>;
  };
  /** `client` is the state store's, as the Lambda builds it; `sdk` is the SDK's, for creating tables. */
  dynamo: { endpoint: string; client: DynamoClient; sdk: DynamoDBClient };
  sqs: {
    endpoint: string;
    queueUrl: string;
    requests(): Promise<number>;
    receiveEvents(batchSize: number): Promise<SQSEvent[]>;
  };
  close(): Promise<void>;
}

export const ARTICLE_DELAY_MS = 50;

export async function startLocal(): Promise<LocalServers> {
  const host = fork(new URL('./servers-host.ts', import.meta.url), [String(ARTICLE_DELAY_MS)], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const info = await new Promise<HostInfo>((resolve, reject) => {
    host.once('error', reject);
    host.once('exit', (code) =>
      reject(new Error(`the local servers exited (${code}) before they were ready`)),
    );
    host.on('message', (reply: HostReply) => {
      if ('ready' in reply) return resolve(reply.ready);
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(`local servers: ${reply.error}`));
      else waiter?.resolve(reply.result);
    });
  });
  const call = <M extends keyof HostCalls>(method: M, ...args: Parameters<HostCalls[M]>) =>
    new Promise<ReturnType<HostCalls[M]>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      host.send({ id, method, args } satisfies HostRequest);
    });
  const client = createLocalDynamoClient(info.dynamoEndpoint);
  const sdk = createLocalClient(info.dynamoEndpoint);
  return {
    feeds: {
      baseUrl: info.feedsBaseUrl,
      feedUrl: (feedId) => `${info.feedsBaseUrl}/api/${feedId}`,
      setStories: (entries) => call('setStories', entries),
      setFaults: (feedIds, fault) => call('setFaults', feedIds, fault),
      setRestamp: (feedIds, on) => call('setRestamp', feedIds, on),
      mark: () => call('feedMark'),
      countsSince: (mark) => call('feedCountsSince', mark),
    },
    discord: {
      apiBase: info.discordApiBase,
      webhookUrl: await call('webhookUrl', '333333333333333333'),
      messages: () => call('discordMessages'),
    },
    dynamo: { endpoint: info.dynamoEndpoint, client, sdk },
    sqs: {
      endpoint: info.sqsEndpoint,
      queueUrl: info.queueUrl,
      requests: () => call('sqsRequests'),
      receiveEvents: async (batchSize) => (await call('receiveEvents', batchSize)) as SQSEvent[],
    },
    close: async () => {
      sdk.destroy();
      const exited = new Promise((resolve) => host.once('exit', resolve));
      host.send({ id: nextId++, method: 'close', args: [] } satisfies HostRequest);
      await exited;
    },
  };
}

let tables = 0;

/** A fresh table on the local dynalite: each measured scenario starts from an empty store. */
export async function newTable(local: LocalServers, label: string): Promise<string> {
  const name = `bench-${label}-${++tables}`;
  await ensureTable(local.dynamo.sdk, name);
  return name;
}

export function storeFor(local: LocalServers, tableName: string): StateStore {
  return createDynamoStateStore({ client: local.dynamo.client, tableName });
}

/** A config for these feeds on the local VOA, one human-rights channel on the local Discord. */
export function benchConfig(
  local: LocalServers,
  feedIds: readonly string[],
  overrides: Partial<ConfigInput> = {},
) {
  return parseConfig({
    feeds: feedIds.map((id) => ({ id, url: local.feeds.feedUrl(id) })),
    channels: [{ id: 'rights', webhookUrl: local.discord.webhookUrl, topics: ['human-rights'] }],
    discord: { apiBase: local.discord.apiBase },
    // The naive pipeline posts every match at once; so does Herald here, for a like-for-like busy poll.
    delivery: { maxPerPoll: 100 },
    ...overrides,
  });
}

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The poll's dependencies with the real adapters, as the handler builds them; loaders are shared per config. */
export function depsFor(store: StateStore, config: HeraldConfig, loaded = loaders(config)): PollDeps {
  return {
    store,
    ...httpSources(config),
    loadAnalyzer: () => {
      loaded.analyzerLoads++;
      return loaded.analyzer();
    },
    loadPoster: () => {
      loaded.posterLoads++;
      return loaded.poster();
    },
    clock: () => new Date(),
    logger: quiet,
  };
}

export interface Loaders {
  analyzer: ReturnType<typeof analyzerLoader>;
  poster: ReturnType<typeof posterLoader>;
  /** Calls to the loaders: an idle poll makes none. */
  analyzerLoads: number;
  posterLoads: number;
}

export function loaders(config: HeraldConfig): Loaders {
  return { analyzer: analyzerLoader(config), poster: posterLoader(config), analyzerLoads: 0, posterLoads: 0 };
}
