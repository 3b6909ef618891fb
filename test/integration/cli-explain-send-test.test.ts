import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWebhookUrl } from '../../functions/adapters/discord-poster.ts';
import { COMMANDS, main } from '../../functions/cli/main.ts';
import { openStore } from '../../functions/cli/open-store.ts';
import { parseConfig } from '../../functions/core/config.ts';
import { TEST_POST_TITLE } from '../../functions/core/test-post.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';
import { type FeedServer, startFeedServer } from '../../functions/local/feed-server.ts';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import { bufferIo } from '../support/buffer-io.ts';

const capture = (cwd: string) => bufferIo({ cwd, env: { ...process.env } });
const SEED = new URL('../../functions/analysis/corpus/dev/seed-shaped-rights-dialogue.txt', import.meta.url)
  .pathname;
const ROLE = '111111111111111111';
const TAG = '333333333333333333';

describe('herald explain and herald send-test', () => {
  let folder: string;
  let feeds: FeedServer;
  let discord: DiscordStandIn;
  let config: Record<string, unknown>;

  const writeConfig = async (extra: Record<string, unknown> = {}) => {
    config = {
      feeds: [{ id: 'africa', url: feeds.feedUrl('africa') }],
      topics: [{ id: 'sport', label: 'Sport', terms: { marathon: 5, 'world record': 5 }, threshold: 5 }],
      channels: [
        { id: 'rights', webhookUrl: discord.webhookUrl('rights'), mentions: [{ role: ROLE }] },
        {
          id: 'rights-forum',
          kind: 'forum',
          webhookUrl: discord.webhookUrl('forum', { forum: true }),
          forumTags: { 'human-rights': TAG },
        },
        { id: 'sport', webhookUrl: discord.webhookUrl('sport'), topics: ['sport'] },
        { id: 'morning', webhookUrl: discord.webhookUrl('morning'), digest: { every: '24h', at: '08:00' } },
      ],
      discord: { apiBase: discord.apiBase, timeoutMs: 2000 },
      store: { path: '.herald' },
      ...extra,
    };
    await writeFile(join(folder, 'herald.config.json'), JSON.stringify(config));
  };

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'herald-explain-'));
    [feeds, discord] = await Promise.all([startFeedServer(), startDiscordStandIn()]);
    await writeConfig();
  });
  afterEach(async () => {
    await Promise.all([feeds.close(), discord.close()]);
    await rm(folder, { recursive: true, force: true });
    expect(discord.invalid).toEqual([]);
  });

  it('explain --json gives each topic its score, threshold and evidence, and says per channel whether it would post and why', async () => {
    const io = capture(folder);

    expect(await main(['explain', '--json', SEED], io)).toBe(0);

    expect(io.stdout).toHaveLength(1);
    const explained = JSON.parse(io.stdout[0] as string);
    expect(Object.keys(explained)).toEqual(
      expect.arrayContaining(['title', 'humanRights', 'topics', 'channels', 'summary', 'quotes']),
    );
    expect(explained.humanRights).toBe(true);
    const rights = explained.topics.find((t: { id: string }) => t.id === 'human-rights');
    expect(rights).toMatchObject({ matched: true, threshold: expect.any(Number) });
    expect(rights.score).toBeGreaterThanOrEqual(rights.threshold);
    expect(rights.evidence).toContain('human rights');
    const byId = Object.fromEntries(explained.channels.map((c: { id: string }) => [c.id, c]));
    expect(byId.rights).toMatchObject({ wouldPost: true, why: expect.stringMatching(/^human-rights score/) });
    expect(byId['rights-forum']).toMatchObject({ wouldPost: true });
    expect(byId.sport).toMatchObject({
      wouldPost: false,
      why: expect.stringMatching(/^score \d+\.\d below 5$/),
    });
    expect(byId.morning).toMatchObject({ wouldPost: false, why: expect.stringMatching(/^digest channel/) });
    expect(explained.quotes.length).toBeGreaterThan(0);
  });

  it('explain of an article URL fetches it, and a channel without any of its topics says no matching topic', async () => {
    const [story] = sampleStories(new Date()).after;
    if (!story) throw new Error('no sample story');
    feeds.publish('africa', story);
    await writeConfig({
      channels: [{ id: 'elsewhere', webhookUrl: discord.webhookUrl('x'), topics: [] }],
    });
    const io = capture(folder);

    expect(await main(['explain', '--json', feeds.articleUrl(story)], io)).toBe(0);

    const explained = JSON.parse(io.stdout[0] as string);
    expect(explained.title).toBe(story.title);
    expect(explained.channels).toEqual([{ id: 'elsewhere', wouldPost: false, why: 'no matching topic' }]);
  });

  it("explain reads a broken channel's health from the store and says since when", async () => {
    const opened = await openStore(parseConfig(config), folder);
    try {
      await opened.store.saveChannelState({
        channelId: 'rights',
        health: 'broken',
        since: '2026-01-02T03:04:05.000Z',
        reason: 'HTTP 404: Unknown Webhook',
      });
    } finally {
      await opened.close();
    }
    const io = capture(folder);

    expect(await main(['explain', '--json', SEED], io)).toBe(0);

    const rights = JSON.parse(io.stdout[0] as string).channels.find((c: { id: string }) => c.id === 'rights');
    expect(rights).toEqual({
      id: 'rights',
      wouldPost: false,
      why: 'channel broken since 2026-01-02T03:04:05.000Z: HTTP 404: Unknown Webhook',
    });
  });

  it('explain without a store yet explains anyway and creates none', async () => {
    const io = capture(folder);

    expect(await main(['explain', SEED], io)).toBe(0);

    expect(existsSync(join(folder, '.herald'))).toBe(false);
    expect(io.stdout.join('\n')).toMatch(/#morning: would not post \(digest channel/);
    expect(io.stdout.join('\n')).toMatch(/topic human-rights: matched, score \d+\.\d \(threshold \d+\.\d\)/);
  });

  it('explain of a file that cannot be read exits 1 and names it, and still explains the others', async () => {
    const io = capture(folder);

    expect(await main(['explain', '--json', 'missing.html', SEED], io)).toBe(1);

    expect(io.stderr.join('\n')).toContain('cannot read missing.html');
    expect(io.stdout).toHaveLength(1);
  });

  it('send-test posts one sample alert, marked as a test, with the channel decoration, and exits 0', async () => {
    const io = capture(folder);

    expect(await main(['send-test', 'rights-forum'], io)).toBe(0);

    expect(discord.messages).toHaveLength(1);
    expect(discord.threads).toEqual([expect.objectContaining({ name: TEST_POST_TITLE })]);
    expect(discord.messages[0]?.body.embeds?.[0]?.title).toBe(TEST_POST_TITLE);
    expect(io.stdout.join('\n')).toContain('Posted a test to channel rights-forum');
  });

  it('send-test shows the roles a story would ping without pinging them', async () => {
    expect(await main(['send-test', 'rights'], capture(folder))).toBe(0);

    const body = discord.messages[0]?.body;
    expect(body?.content).toContain(`<@&${ROLE}>`);
    expect(body?.allowed_mentions).toEqual({ parse: [] });
  });

  it('send-test to a deleted webhook exits 1 with a message naming the channel and what Discord said, never the token', async () => {
    const live = discord.webhookUrl('deleted');
    const token = parseWebhookUrl(live)?.token ?? '';
    // The same token under an id Discord no longer knows: a deleted webhook.
    const deleted = live.replace(/\/webhooks\/\d+\//, '/webhooks/123456789012345678/');
    await writeConfig({ channels: [{ id: 'gone', webhookUrl: deleted }] });
    const io = capture(folder);

    expect(await main(['send-test', 'gone'], io)).not.toBe(0);

    expect(io.stderr.join('\n')).toMatch(/channel gone: HTTP 404: Unknown Webhook/);
    expect(token.length).toBeGreaterThan(20);
    expect(io.all()).not.toContain(token);
    expect(discord.messages).toHaveLength(0);
  });

  it('send-test --json says whether Discord took it, without the token', async () => {
    const io = capture(folder);

    expect(await main(['send-test', 'sport', '--json'], io)).toBe(0);

    expect(JSON.parse(io.stdout[0] as string)).toMatchObject({
      channel: 'sport',
      posted: true,
      messageId: discord.messages[0]?.id,
    });
  });

  it('send-test of a channel that is not configured is a usage error naming the channels there are', async () => {
    const io = capture(folder);

    expect(await main(['send-test', 'nope'], io)).toBe(2);

    expect(io.stderr.join('\n')).toContain('no channel "nope"');
    expect(io.stderr.join('\n')).toContain('rights, rights-forum, sport, morning');
    expect(discord.requests).toBe(0);
  });
});

describe('herald <command> --help', () => {
  it.each(Object.keys(COMMANDS))(
    '%s --help prints its usage, options and one example, and exits 0',
    async (name) => {
      const io = bufferIo();

      expect(await main([name, '--help'], io)).toBe(0);

      const text = io.stdout.join('\n');
      expect(text).toMatch(new RegExp(`^Usage: herald ${name}`));
      expect(text).toContain('Options:');
      expect(text).toMatch(/Example:\n {2}herald \S+/);
      expect(io.stderr).toEqual([]);
    },
  );

  it('-h does the same, and runs nothing', async () => {
    const io = bufferIo();

    expect(await main(['send-test', '-h'], io)).toBe(0);

    expect(io.stdout.join('\n')).toContain('Usage: herald send-test CHANNEL');
  });

  it('herald help explain prints the help of explain', async () => {
    const io = bufferIo();

    expect(await main(['help', 'explain'], io)).toBe(0);

    expect(io.stdout.join('\n')).toContain('Usage: herald explain [--config FILE] [--json] FILE|URL...');
  });
});
