import { z } from 'zod';
import { BUILT_IN_TOPIC_IDS, topicDefinitionSchema } from '../analysis/topic-definition.ts';
import { DEFAULT_STORE_PATH } from './store-location.ts';

const DISCORD_API = 'https://discord.com/api';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * A URL Herald prints (in logs, `status`, alerts) must not carry a password: refused, with the key named
 * and never the URL itself. A feed that needs credentials is not supported.
 */
const printableUrl = httpUrl.refine((value) => {
  try {
    const url = new URL(value);
    return !url.username && !url.password;
  } catch {
    return true;
  }
}, 'must not hold a user name or password (Herald prints this URL in logs and status)');

const feedSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
  url: printableUrl,
  name: z.string().optional(),
  /** Only the newest this many items of the feed are considered: a 50,000-item feed costs what 200 do. */
  maxItems: z.int().min(1).max(1000).default(200),
});

const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord snowflake');

/** A role ping on the posts that deserve one: only configured roles are ever allowed to be pinged. */
const mentionSchema = z.strictObject({
  role: snowflake,
  /** Topics whose match pings the role; absent: any topic the channel receives. */
  topics: z.array(z.string().min(1)).min(1).optional(),
  /** The topic's score must reach this too. */
  minScore: z.number().min(0).max(1000).optional(),
});

/** `1h` to `168h`. */
const digestEvery = z
  .string()
  .regex(/^\d{1,3}h$/, 'must be hours, like "24h"')
  .refine((value) => {
    const hours = Number.parseInt(value, 10);
    return hours >= 1 && hours <= 168;
  }, 'must be 1h to 168h');

/** A digest channel gets nothing during polls: its matches wait, and `herald digest` posts them together. */
const digestSchema = z.strictObject({
  every: digestEvery,
  /** UTC time of day the digest is due, `HH:MM`. */
  at: z
    .string()
    .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a UTC time like "08:00"')
    .optional(),
});

const channelSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, dashes or underscores'),
    name: z.string().optional(),
    /** A webhook URL; in AWS it comes from the secret, keyed by the channel id. */
    webhookUrl: httpUrl.optional(),
    /** A channel id, posted to with the bot token. */
    channelId: snowflake.optional(),
    /** Topics this channel receives; an empty list suits a channel kept for alerts. */
    topics: z.array(z.string().min(1)).default(['human-rights']),
    /** `forum`: one forum post per story, named by its title. */
    kind: z.enum(['text', 'forum']).default('text'),
    /** Forum tag ids by topic id, applied to the story's forum post. */
    forumTags: z.record(z.string().min(1), snowflake).optional(),
    /** A text channel opens a thread on each post, for discussion (needs the bot: webhooks cannot). */
    threads: z.boolean().default(false),
    mentions: z.array(mentionSchema).max(10).default([]),
    digest: digestSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.webhookUrl && c.channelId)
      ctx.addIssue({
        code: 'custom',
        message: 'set webhookUrl or channelId, not both',
        path: ['webhookUrl'],
      });
    if (c.forumTags && c.kind !== 'forum')
      ctx.addIssue({ code: 'custom', message: 'forumTags needs "kind": "forum"', path: ['forumTags'] });
    if (c.threads && c.kind === 'forum')
      ctx.addIssue({
        code: 'custom',
        message: 'a forum channel makes a post per story already',
        path: ['threads'],
      });
    if (c.threads && c.webhookUrl)
      ctx.addIssue({
        code: 'custom',
        message: 'threads needs a bot channel (channelId): a webhook cannot open a thread in a text channel',
        path: ['threads'],
      });
  });

const storeSchema = z.union([
  z.strictObject({ table: z.string().min(3), endpoint: httpUrl.optional(), region: z.string().optional() }),
  z.strictObject({ path: z.string().min(1).default(DEFAULT_STORE_PATH) }),
]);

const shape = z.strictObject({
  feeds: z.array(feedSchema).min(1, 'list at least one feed'),
  channels: z.array(channelSchema).default([]),
  discord: z
    .strictObject({
      apiBase: printableUrl.default(DISCORD_API),
      botToken: z.string().min(1).optional(),
      timeoutMs: z.int().min(100).max(60_000).default(10_000),
    })
    .prefault({}),
  store: storeSchema.default({ path: DEFAULT_STORE_PATH }),
  maxAgeHours: z
    .number()
    .positive()
    .max(24 * 365)
    .default(48),
  firstRun: z.strictObject({ backfill: z.int().min(0).max(50).default(0) }).prefault({}),
  delivery: z
    .strictObject({
      leaseSeconds: z.int().min(5).max(3600).default(120),
      maxAttempts: z.int().min(1).max(50).default(5),
      /** Posts per channel per poll; the rest wait, in order, for the next polls. */
      maxPerPoll: z.int().min(1).max(100).default(10),
    })
    .prefault({}),
  schedule: z.strictObject({ rateMinutes: z.int().min(1).max(1440).default(10) }).prefault({}),
  http: z
    .strictObject({
      timeoutMs: z.int().min(100).max(60_000).default(10_000),
      maxBytes: z
        .int()
        .min(1024)
        .max(50 * 1024 * 1024)
        .default(5 * 1024 * 1024),
      userAgent: z.string().min(1).default('Herald/0.1 (+https://github.com/herald-notifier/herald)'),
      feedConcurrency: z.int().min(1).max(64).default(8),
      articleConcurrency: z.int().min(1).max(64).default(8),
    })
    .prefault({}),
  article: z
    .strictObject({
      /**
       * How long a story whose page fails for a while (5xx, timeouts, a challenge page) is retried before it
       * is decided from its RSS description.
       */
      retryHours: z.number().min(0).max(72).default(6),
      /** One article's analysis gives up after this long, and the story is decided from its description. */
      analysisBudgetMs: z.int().min(100).max(30_000).default(2000),
    })
    .prefault({}),
  /** Wire copy (AP, Reuters, AFP) is not in the public domain: post title and link only, in full, or not at all. */
  wire: z.enum(['link-only', 'full', 'skip']).default('link-only'),
  alerts: z
    .strictObject({
      /** A channel id from `channels` that receives operational alerts (failing feeds, broken channels). */
      channel: z.string().optional(),
      /** Consecutive failures of a feed before one alert is posted. */
      feedFailures: z.int().min(1).max(1000).default(3),
      /** A feed whose newest item is older than this is stale: one alert when it turns stale, one when fresh. */
      staleDays: z.number().positive().max(365).default(7),
    })
    .prefault({}),
  /**
   * Fan-out for thousands of feeds: the schedule triggers a dispatcher that queues one SQS message per
   * feed, and a poller consumes them in batches. Off: one function polls every feed.
   */
  scale: z
    .strictObject({
      fanOut: z.boolean().default(false),
      /** Feeds per SQS message batch that one poller invocation handles. */
      batchSize: z.int().min(1).max(100).default(10),
      /** Poller invocations at once (the SQS event source's maximum concurrency). */
      maxConcurrency: z.int().min(2).max(1000).default(5),
    })
    .prefault({}),
  /** Topics of your own (terms, weights, threshold), added to the built-in `human-rights`. */
  topics: z.array(topicDefinitionSchema).default([]),
});

/** Cross-key rules. A deployed function's secrets live in Secrets Manager, so there a bot token may be absent. */
function withRules(secretsElsewhere: boolean) {
  return shape.superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.feeds.forEach((feed, i) => {
      if (seen.has(feed.id))
        ctx.addIssue({ code: 'custom', message: 'duplicate feed id', path: ['feeds', i, 'id'] });
      seen.add(feed.id);
    });
    if (config.alerts.channel && !config.channels.some((c) => c.id === config.alerts.channel))
      ctx.addIssue({ code: 'custom', message: 'not a channel id in channels', path: ['alerts', 'channel'] });
    const topics = new Set(BUILT_IN_TOPIC_IDS);
    config.topics.forEach((topic, i) => {
      if (topics.has(topic.id))
        ctx.addIssue({
          code: 'custom',
          message: 'a topic with this id exists already',
          path: ['topics', i, 'id'],
        });
      topics.add(topic.id);
    });
    const channels = new Set<string>();
    config.channels.forEach((channel, i) => {
      const unknownTopic = (topic: string, path: (string | number)[]) => {
        if (!topics.has(topic))
          ctx.addIssue({
            code: 'custom',
            message: `unknown topic "${topic}" (known: ${[...topics].join(', ')})`,
            path: ['channels', i, ...path],
          });
      };
      for (const [t, topic] of channel.topics.entries()) unknownTopic(topic, ['topics', t]);
      for (const [m, mention] of channel.mentions.entries())
        for (const [t, topic] of (mention.topics ?? []).entries())
          unknownTopic(topic, ['mentions', m, 'topics', t]);
      for (const topic of Object.keys(channel.forumTags ?? {})) unknownTopic(topic, ['forumTags', topic]);
      if (channels.has(channel.id))
        ctx.addIssue({ code: 'custom', message: 'duplicate channel id', path: ['channels', i, 'id'] });
      channels.add(channel.id);
      if (channel.channelId && !config.discord.botToken && !secretsElsewhere)
        ctx.addIssue({
          code: 'custom',
          message: 'channelId needs discord.botToken',
          path: ['channels', i, 'channelId'],
        });
    });
  });
}

/** The one schema for Herald's configuration. The README's configuration table mirrors it. */
export const configSchema = withRules(false);
const deployedSchema = withRules(true);

export type HeraldConfig = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type FeedConfig = HeraldConfig['feeds'][number];
export type ChannelConfig = HeraldConfig['channels'][number];

/** A config that names every bad key, in one message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly problems: string[],
    source: string,
  ) {
    super(`Invalid config (${source}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses a config once; throws ConfigError naming every bad key. With `secretsElsewhere` (the deployed
 * function), webhook URLs and the bot token come from the secret, so their absence is not an error here.
 */
export function parseConfig(
  input: unknown,
  source = 'config',
  options: { secretsElsewhere?: boolean } = {},
): HeraldConfig {
  const result = (options.secretsElsewhere ? deployedSchema : configSchema).safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => `${path ? `${path}.` : ''}${key}: unknown key`);
    return [`${path || '(root)'}: ${issue.message}`];
  });
  throw new ConfigError(problems, source);
}
