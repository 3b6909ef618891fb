import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';
import { type FeedServer, startFeedServer } from '../../functions/local/feed-server.ts';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import type { SampleStory } from '../../functions/local/voa-pages.ts';
import { bufferIo } from '../support/buffer-io.ts';

const capture = (cwd: string) => bufferIo({ cwd, env: { ...process.env } });

describe('herald digest, against a VOA-like site and the Discord stand-in', () => {
  let folder: string;
  let feeds: FeedServer;
  let discord: DiscordStandIn;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'herald-digest-'));
    [feeds, discord] = await Promise.all([startFeedServer(), startDiscordStandIn()]);
  });
  afterEach(async () => {
    await Promise.all([feeds.close(), discord.close()]);
    await rm(folder, { recursive: true, force: true });
  });

  it('the digest channel gets nothing during polls, then one digest that links each matched story and no other, then nothing', async () => {
    const { before, after } = sampleStories(new Date());
    const [journalists, marathon, disappeared] = after as [SampleStory, SampleStory, SampleStory];
    feeds.setStories('africa', before);
    const live = discord.webhookUrl('live');
    const morning = discord.webhookUrl('morning');
    await writeFile(
      join(folder, 'herald.config.json'),
      JSON.stringify({
        feeds: [{ id: 'africa', url: feeds.feedUrl('africa') }],
        channels: [
          { id: 'live', webhookUrl: live },
          { id: 'morning', webhookUrl: morning, digest: { every: '24h', at: '08:00' } },
        ],
        discord: { apiBase: discord.apiBase, timeoutMs: 2000 },
        store: { path: '.herald' },
      }),
    );
    await main(['poll', '--json'], capture(folder));
    for (const story of [journalists, marathon, disappeared]) feeds.publish('africa', story);
    const poll = capture(folder);
    expect(await main(['poll', '--json'], poll)).toBe(0);
    const postedDuringPolls = discord.messages.length;
    expect(JSON.parse(poll.stdout[0] as string)).toMatchObject({ matched: 2, posted: 2 });

    const first = capture(folder);
    const second = capture(folder);
    expect(await main(['digest', '--json'], first)).toBe(0);
    expect(await main(['digest', '--json'], second)).toBe(0);

    expect(JSON.parse(first.stdout[0] as string)).toEqual({ channels: 1, stories: 2, posted: 1 });
    expect(JSON.parse(second.stdout[0] as string)).toEqual({ channels: 1, stories: 0, posted: 0 });
    const digests = discord.messages.slice(postedDuringPolls);
    expect(digests).toHaveLength(1);
    const body = digests[0]?.body as { embeds?: Array<{ description?: string }> } | undefined;
    const description = body?.embeds?.[0]?.description ?? '';
    expect(description).toContain(feeds.articleUrl(journalists));
    expect(description).toContain(feeds.articleUrl(disappeared));
    expect(description).not.toContain(feeds.articleUrl(marathon));
    expect(discord.invalid).toEqual([]);
  });
});
