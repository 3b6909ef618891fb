import { describe, expect, it } from 'vitest';
import defaultConfig from '../../config/default.json' with { type: 'json' };
import { ConfigError, parseConfig } from '../../functions/core/config.ts';

describe('configuration', () => {
  it('an invalid config names every bad key in one message', () => {
    let error: unknown;
    try {
      parseConfig({
        feeds: [{ id: 'Bad Id', url: 'ftp://example.com/feed' }],
        channels: [{ id: 'rights', webhookUrl: 'not a url', topics: [''] }],
        discord: { apiBase: 'nowhere' },
        maxAgeHours: -1,
        firstRun: { backfill: 'all' },
        delivery: { leaseSeconds: 0 },
        colour: 'blue',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const key of [
      'feeds.0.id',
      'feeds.0.url',
      'channels.0.webhookUrl',
      'channels.0.topics',
      'discord.apiBase',
      'maxAgeHours',
      'firstRun.backfill',
      'delivery.leaseSeconds',
      'colour: unknown key',
    ]) {
      expect(message).toContain(key);
    }
  });

  it('a minimal config gets the documented defaults', () => {
    const config = parseConfig({
      feeds: [{ id: 'usa', url: 'https://www.voanews.com/api/zqboml-vomx-tpeivmy' }],
    });
    expect(config).toMatchObject({
      channels: [],
      discord: { apiBase: 'https://discord.com/api' },
      store: { path: '.herald' },
      maxAgeHours: 48,
      firstRun: { backfill: 0 },
      delivery: { leaseSeconds: 120 },
      schedule: { rateMinutes: 10 },
    });
  });

  it('a channel takes the human-rights topic by default', () => {
    const config = parseConfig({
      feeds: [{ id: 'usa', url: 'https://example.com/feed' }],
      channels: [{ id: 'rights', webhookUrl: 'https://discord.com/api/webhooks/1/abc' }],
    });
    expect(config.channels[0]?.topics).toEqual(['human-rights']);
  });

  it('a bot channel needs the bot token, and duplicate ids are refused', () => {
    expect(() =>
      parseConfig({
        feeds: [
          { id: 'usa', url: 'https://example.com/a' },
          { id: 'usa', url: 'https://example.com/b' },
        ],
        channels: [{ id: 'ops', channelId: '123456789012345678' }],
      }),
    ).toThrow(
      /feeds\.1\.id: duplicate feed id[\s\S]*channels\.0\.channelId: channelId needs discord\.botToken/,
    );
  });

  it('a channel topic must be built in or defined in the config', () => {
    const base = { feeds: [{ id: 'usa', url: 'https://example.com/feed' }] };
    expect(() =>
      parseConfig({
        ...base,
        channels: [{ id: 'c', webhookUrl: 'https://discord.com/api/webhooks/1/a', topics: ['human-right'] }],
      }),
    ).toThrow(/channels\.0\.topics\.0: unknown topic "human-right" \(known: human-rights\)/);
    const own = { id: 'sport', label: 'Sport', terms: { marathon: 3 } };
    expect(
      parseConfig({
        ...base,
        topics: [own],
        channels: [{ id: 'c', webhookUrl: 'https://discord.com/api/webhooks/1/a', topics: ['sport'] }],
      }).channels[0]?.topics,
    ).toEqual(['sport']);
  });

  it('the built-in topic ids match the built-in topic definitions', async () => {
    const { builtInTopics } = await import('../../functions/analysis/index.ts');
    const { BUILT_IN_TOPIC_IDS } = await import('../../functions/analysis/topic-definition.ts');
    expect(builtInTopics.map((t) => t.id)).toEqual(BUILT_IN_TOPIC_IDS);
  });

  it('the shipped default config is valid and lists the VOA section feeds', () => {
    const config = parseConfig(defaultConfig);
    expect(config.feeds.length).toBeGreaterThanOrEqual(13);
    expect(config.feeds.every((f) => f.url.startsWith('https://www.voanews.com/api/'))).toBe(true);
  });

  it('a misspelled key inside a topic is refused, naming the key', () => {
    const base = { feeds: [{ id: 'usa', url: 'https://example.com/feed' }] };
    expect(() =>
      parseConfig({
        ...base,
        topics: [{ id: 'sport', label: 'Sport', terms: { marathon: 3 }, treshold: 100 }],
      }),
    ).toThrow(/topics\.0\.treshold: unknown key/);
    expect(() =>
      parseConfig({
        ...base,
        topics: [
          {
            id: 'sport',
            label: 'Sport',
            concepts: [{ id: 'runs', label: 'Runs', terms: { marathon: 3 }, wieght: 2 }],
          },
        ],
      }),
    ).toThrow(/topics\.0\.concepts\.0\.wieght: unknown key/);
  });

  it('a topic weight of 1e308 is refused, so no score can be NaN or infinite', () => {
    const base = { feeds: [{ id: 'usa', url: 'https://example.com/feed' }] };
    const topic = (terms: Record<string, number>, extra: object = {}) => ({
      ...base,
      topics: [{ id: 'sport', label: 'Sport', terms, ...extra }],
    });
    expect(() => parseConfig(topic({ marathon: 1e308 }))).toThrow(/topics\.0\.terms\.marathon/);
    expect(() => parseConfig(topic({ marathon: Number.POSITIVE_INFINITY }))).toThrow(/topics\.0\.terms/);
    expect(() => parseConfig(topic({ marathon: 3 }, { threshold: 1e308 }))).toThrow(/topics\.0\.threshold/);
    expect(() => parseConfig(topic({ marathon: 3 }, { negative: { sprint: -1 } }))).toThrow(
      /topics\.0\.negative\.sprint/,
    );
    expect(parseConfig(topic({ marathon: 100 })).topics[0]?.terms).toEqual({ marathon: 100 });
  });

  it("a topic may name the lexicon's word classes, and an unknown one is refused by name", () => {
    const base = { feeds: [{ id: 'usa', url: 'https://example.com/feed' }] };
    const topic = (negative: Record<string, number>) => ({
      ...base,
      topics: [{ id: 'courts', label: 'Courts', terms: { verdict: 3 }, negative }],
    });
    expect(parseConfig(topic({ '@sport': 1 })).topics[0]?.negative).toEqual({ '@sport': 1 });
    expect(() => parseConfig(topic({ '@sports': 1 }))).toThrow(/unknown set or word class @sports/);
  });
});
